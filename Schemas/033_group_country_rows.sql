-- scicollab schema, version 33. Never edited once shipped.
--
-- The row of `countries` of each name of a kept country group definition (25) over every year: its works, Σ f_X(p),
-- citations, works without a citation count and international works, which `countries --group BRICS` otherwise sums
-- from the group's rows on each call (0.3 s for BRICS on a million works). Computed by the first such figure with the
-- statement of the figure restricted to the definition's names, so that every sum is the same to the last bit; removed
-- with the definition (when the data change). Over a period, or under another citation count than the precedence's,
-- the rows are summed on each call.
CREATE TABLE group_country_rows (
    group_id          INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    country           TEXT    NOT NULL,
    works             INTEGER NOT NULL CHECK (works >= 1),
    weight            REAL    NOT NULL,
    citations         INTEGER NOT NULL CHECK (citations >= 0),
    without_citations INTEGER NOT NULL CHECK (without_citations >= 0),
    international     INTEGER NOT NULL CHECK (international >= 0),
    PRIMARY KEY (group_id, country)
) WITHOUT ROWID;
