-- scicollab schema, version 3: per-work facts derived from the base tables (SPEC 3-4).
-- Filled for the works of each import inside the import's transaction and removed with their works, so they
-- are always in step with the data. Every collaboration figure reads these tables.

-- One row per work: its year and citations (copied for the queries), n_p, |K_p| (also with Taiwan, Hong Kong
-- and Macao counted as China), distinct institutions among its resolved affiliations, and its collaboration
-- type by the SciVal cascade (NULL: unclassified, no resolved affiliation).
CREATE TABLE work_facts (
    work_id              INTEGER PRIMARY KEY REFERENCES works (id) ON DELETE CASCADE,
    year                 INTEGER,
    citations            INTEGER,
    authors              INTEGER NOT NULL CHECK (authors >= 0),
    countries            INTEGER NOT NULL CHECK (countries >= 0),
    countries_merged     INTEGER NOT NULL CHECK (countries_merged >= 0),
    institutions         INTEGER NOT NULL CHECK (institutions >= 0),
    collaboration        TEXT CHECK (collaboration IN ('international', 'national', 'institutional', 'single')),
    collaboration_merged TEXT CHECK (collaboration_merged IN ('international', 'national', 'institutional', 'single'))
);
CREATE INDEX work_facts_year ON work_facts (year);

-- K_p with the fractional weight f_X(p) of each country (author-level, renormalised over the authors with a
-- resolved affiliation, so the weights of a work sum to 1) and whether the work's lead author (the
-- corresponding author, else the first author) is affiliated to the country. The work's year, |K_p| and
-- citations are repeated here so that per-country figures read one index range.
CREATE TABLE work_countries (
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    country   TEXT    NOT NULL CHECK (length(country) = 2),
    weight    REAL    NOT NULL CHECK (weight > 0 AND weight <= 1.000000001),
    is_lead   INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
    year      INTEGER,
    countries INTEGER NOT NULL CHECK (countries >= 1),
    citations INTEGER,
    PRIMARY KEY (work_id, country)
) WITHOUT ROWID;
-- Covering: per-country figures read the index alone.
CREATE INDEX work_countries_country ON work_countries (country, year, countries, weight, is_lead, citations);

-- Every pair of countries of a work (a < b), with the VOSviewer fractional link weight 1/(|K_p| - 1), each
-- side's fractional weight and lead flag, the year and citations: the country network and C_AB read from
-- here.
CREATE TABLE work_country_pairs (
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
CREATE INDEX work_country_pairs_work ON work_country_pairs (work_id);
CREATE INDEX work_country_pairs_year ON work_country_pairs (year, a, b, link);

-- The authors of a work affiliated to each of its countries (for Authors(X) and co-authors(A|B)), with the
-- work's year and whether the author is identified by a name key only.
CREATE TABLE work_author_countries (
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    country   TEXT    NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors (id),
    year      INTEGER,
    name_key  INTEGER NOT NULL CHECK (name_key IN (0, 1)),
    PRIMARY KEY (country, author_id, work_id)
) WITHOUT ROWID;
CREATE INDEX work_author_countries_work ON work_author_countries (work_id);
