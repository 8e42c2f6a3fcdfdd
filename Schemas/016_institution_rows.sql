-- scicollab schema, version 16. Never edited once shipped.
--
-- The institutions of a work and their authors (work_institutions, work_institution_authors of version 12) are
-- written with the work, as work_countries is, and removed with it by the cascades, instead of being derived from
-- the base tables by the first institution command after an import (which took minutes on a million works).
-- A database written before this version gets them filled once when it is opened (Store).
--
-- The pairs of a work's institutions are no longer stored one row per work: a work with 241 institutions has 28,920
-- of them, and a few such works made most of the rows. work_institution_pairs is a view with the columns of the
-- table it replaces, over work_institutions, read for one pair at a time (pair, impact, audit: an index range of
-- one side and a key lookup of the other). The figures over every pair read the sums below.
DELETE FROM work_institutions;

-- The authors of each institution of a work, keyed by work so that an import appends its rows; the index by
-- institution and year (which a bulk import builds once at its end) serves the author counts per institution, per
-- year and over a period. author_id is not checked against authors on every row (authors are never deleted, and
-- the writer takes each id from the authors it has just found or inserted).
DROP TABLE work_institution_authors;
CREATE TABLE work_institution_authors (
    work_id     INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    institution TEXT    NOT NULL,
    author_id   INTEGER NOT NULL,
    year        INTEGER,
    name_key    INTEGER NOT NULL CHECK (name_key IN (0, 1)),
    PRIMARY KEY (work_id, institution, author_id)
) WITHOUT ROWID;
CREATE INDEX work_institution_authors_institution ON work_institution_authors (institution, year, author_id, name_key);

DROP TABLE work_institution_pairs;
CREATE VIEW work_institution_pairs AS
SELECT x.work_id, x.institution AS a, y.institution AS b, x.year, 1.0 / (x.institutions - 1) AS link,
       x.weight AS weight_a, y.weight AS weight_b, x.is_lead AS lead_a, y.is_lead AS lead_b, x.citations
FROM work_institutions x JOIN work_institutions y ON y.work_id = x.work_id AND y.institution > x.institution;

-- Per pair of institutions (a < b) and publication year (NULL: works without a year): the joint works C_ab, the
-- VOSviewer link weight Σ 1/(I_p − 1) and each side's fractional weight Σ f(p) over them, summed in work order.
-- Filled with the other institution tables when an institution figure is first asked for, kept until the data
-- change (store_state 'institution_generation').
CREATE TABLE institution_pair_years (
    a        TEXT    NOT NULL,
    b        TEXT    NOT NULL CHECK (b > a),
    year     INTEGER,
    works    INTEGER NOT NULL CHECK (works >= 1),
    link     REAL    NOT NULL,
    weight_a REAL    NOT NULL,
    weight_b REAL    NOT NULL
);
CREATE INDEX institution_pair_years_pair ON institution_pair_years (a, b, year);
CREATE INDEX institution_pair_years_b ON institution_pair_years (b);

-- The same sums over every year (summed in work order, as a figure over every year sums them).
CREATE TABLE institution_pair_totals (
    a        TEXT    NOT NULL,
    b        TEXT    NOT NULL CHECK (b > a),
    works    INTEGER NOT NULL CHECK (works >= 1),
    link     REAL    NOT NULL,
    weight_a REAL    NOT NULL,
    weight_b REAL    NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX institution_pair_totals_b ON institution_pair_totals (b);

-- The distinct authors of each institution per publication year (the --by-year rows), kept with the sums above.
CREATE TABLE institution_author_years (
    institution TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    authors     INTEGER NOT NULL CHECK (authors >= 1),
    PRIMARY KEY (institution, year)
) WITHOUT ROWID;

UPDATE store_state SET value = -1 WHERE name = 'institution_generation';
