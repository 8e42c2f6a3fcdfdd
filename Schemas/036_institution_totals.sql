-- scicollab schema, version 36. Never edited once shipped.
--
-- The `institutions` row of each institution over every year (definitions §4–§5 at the institution level): its works
-- (full and fractional), citations under the count each work carries, works without a count, and international works.
-- Filled with the other institution tables (store_state 'institution_generation') by the statement a figure over
-- every year otherwise runs on `work_institutions`, so that every value is the same to the last bit; the table then
-- reads one row per institution instead of grouping every row of `work_institutions` (1.5 s on a million works).
-- A period, or the citation counts of one source, still sums `work_institutions`.
CREATE TABLE institution_totals (
    institution       TEXT    PRIMARY KEY,
    works             INTEGER NOT NULL CHECK (works >= 1),
    weight            REAL    NOT NULL,
    citations         INTEGER NOT NULL,
    without_citations INTEGER NOT NULL CHECK (without_citations >= 0),
    international     INTEGER NOT NULL CHECK (international >= 0)
) WITHOUT ROWID;

-- Existing stores fill it with the other institution tables on their next institution figure.
UPDATE store_state SET value = -1 WHERE name = 'institution_generation';
