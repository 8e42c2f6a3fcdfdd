-- scicollab schema, version 30. Never edited once shipped.
--
-- Per group definition: the pair rows of a name of group_countries (a group, or a dated member outside its years) and a
-- country outside every group on one work, as the groups' pair view joins the definition's rows with the stored
-- country rows: the link weight m_G / (|K_p| − 1), each side's Σ f and lead flag, the work's year and citations, a
-- before b. Kept with the definition's rows, so that `pair BRICS US` and the other figures over a group and a country
-- read the pair's joint works instead of looking each work of the group up among the stored rows.
CREATE TABLE group_country_pairs (
    group_id  INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    work_id   INTEGER NOT NULL,
    a         TEXT    NOT NULL,
    b         TEXT    NOT NULL CHECK (b > a),
    year      INTEGER,
    link      REAL    NOT NULL,
    weight_a  REAL    NOT NULL,
    weight_b  REAL    NOT NULL,
    lead_a    INTEGER NOT NULL,
    lead_b    INTEGER NOT NULL,
    citations INTEGER
);
-- A pair's rows in the order of (year, work), the order in which the view reads them from group_countries: every
-- column in the index, so that sums are taken in the same order either way.
CREATE INDEX group_country_pairs_pair ON group_country_pairs (group_id, a, b, year, work_id, link, weight_a, weight_b, lead_a, lead_b, citations);

-- The definitions kept before this version have no such rows: their rows are computed again by the next figure.
DELETE FROM group_definitions;
