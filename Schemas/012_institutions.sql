-- scicollab schema, version 12: institution-level tables (definitions §1 institutions, §4 counting and §6 pairs applied
-- to institutions). They are filled from the base tables the first time an institution figure is asked for and
-- kept until the data change (store_state 'institution_generation' against 'data_generation'), as the impact
-- models are. An institution is its institution key: the source's id where the export gives one (OpenAlex
-- `openalex:I…`), else the folded institution name of definitions §1. Only affiliations with a resolved country count,
-- as in the collaboration type of definitions §3.

-- The institutions of a work with the author-level fractional weight f_I(p) = (1/n_p) Σ_a |aff_a at I| / |aff_a|
-- (n_p and aff_a over the resolved affiliations, so an author at an affiliation with a country but no
-- institution gives that share to no institution), the lead flag (corresponding author, else first author),
-- the work's year, |K_p| (countries) and citations.
CREATE TABLE work_institutions (
    work_id      INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    institution  TEXT    NOT NULL,
    weight       REAL    NOT NULL CHECK (weight > 0 AND weight <= 1.000000001),
    is_lead      INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
    year         INTEGER,
    countries    INTEGER NOT NULL CHECK (countries >= 1),
    citations    INTEGER,
    institutions INTEGER NOT NULL CHECK (institutions >= 1),
    PRIMARY KEY (work_id, institution)
) WITHOUT ROWID;
CREATE INDEX work_institutions_institution ON work_institutions (institution, year, countries, weight, is_lead, citations);

-- Every pair of institutions of a work (a < b) with the VOSviewer link weight 1/(I_p - 1), I_p the work's
-- institutions.
CREATE TABLE work_institution_pairs (
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    a         TEXT    NOT NULL,
    b         TEXT    NOT NULL CHECK (b > a),
    year      INTEGER,
    link      REAL    NOT NULL,
    weight_a  REAL    NOT NULL,
    weight_b  REAL    NOT NULL,
    lead_a    INTEGER NOT NULL,
    lead_b    INTEGER NOT NULL,
    citations INTEGER,
    PRIMARY KEY (a, b, work_id)
) WITHOUT ROWID;
CREATE INDEX work_institution_pairs_year ON work_institution_pairs (year, a, b, link);

-- The authors of each institution of a work.
CREATE TABLE work_institution_authors (
    work_id     INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    institution TEXT    NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES authors (id),
    year        INTEGER,
    name_key    INTEGER NOT NULL CHECK (name_key IN (0, 1)),
    PRIMARY KEY (institution, author_id, work_id)
) WITHOUT ROWID;
CREATE INDEX work_institution_authors_work ON work_institution_authors (work_id);

-- Authors(I) over all years, and how many are identified by a name key only.
CREATE TABLE institution_author_counts (
    institution TEXT    PRIMARY KEY,
    authors     INTEGER NOT NULL CHECK (authors >= 0),
    name_keyed  INTEGER NOT NULL CHECK (name_keyed >= 0)
) WITHOUT ROWID;

-- One row per institution: the name and country most of its affiliations give (ties: the smaller), how it is
-- identified (`openalex`: an OpenAlex id, `ror`: a ROR id, `name`: the folded name of definitions §1), its ROR id
-- where an affiliation carries one, and how many distinct countries its affiliations name.
CREATE TABLE institutions (
    institution TEXT    PRIMARY KEY,
    name        TEXT,
    country     TEXT,
    identity    TEXT    NOT NULL CHECK (identity IN ('openalex', 'ror', 'name')),
    ror         TEXT,
    countries   INTEGER NOT NULL CHECK (countries >= 1)
) WITHOUT ROWID;

INSERT INTO store_state (name, value) VALUES ('institution_generation', -1);
