-- scicollab schema, version 39. Never edited once shipped.
--
-- The joint works of a country pair per publication year (NULL: the undated ones), as `pair A B` sums them from
-- work_country_pairs: C_AB, the VOSviewer link weight, each side's Σ f(p) and works led, the citations and the works
-- without a count (citation counts of the precedence). Kept per pair and data generation (store_state
-- 'pair_joint_years_generation A B'): the first `pair` of that pair after a change runs its statement on the derived
-- table and keeps the rows, every later one over any period reads them. Each row is that statement's row for its
-- year, so the figures are the same to the last bit.
CREATE TABLE country_pair_joint_years (
    a                 TEXT    NOT NULL,
    b                 TEXT    NOT NULL CHECK (b > a),
    year              INTEGER,
    works             INTEGER NOT NULL CHECK (works >= 1),
    link              REAL    NOT NULL,
    weight_a          REAL    NOT NULL,
    weight_b          REAL    NOT NULL,
    lead_a            INTEGER NOT NULL,
    lead_b            INTEGER NOT NULL,
    citations         INTEGER NOT NULL,
    without_citations INTEGER NOT NULL
);
CREATE INDEX country_pair_joint_years_pair ON country_pair_joint_years (a, b, year);
