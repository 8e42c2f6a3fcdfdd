-- scicollab core schema, version 1. Never edited once shipped: changes go in a new numbered file.

-- One row per file import attempt that wrote data.
CREATE TABLE imports (
    id               INTEGER PRIMARY KEY,
    path             TEXT    NOT NULL,
    size_bytes       INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256           TEXT    NOT NULL UNIQUE CHECK (length(sha256) = 64),
    format           TEXT    NOT NULL,
    started_at       TEXT    NOT NULL,
    finished_at      TEXT,
    records_read     INTEGER NOT NULL DEFAULT 0 CHECK (records_read >= 0),
    records_imported INTEGER NOT NULL DEFAULT 0 CHECK (records_imported >= 0),
    records_skipped  INTEGER NOT NULL DEFAULT 0 CHECK (records_skipped >= 0),
    CHECK (records_imported + records_skipped <= records_read)
);

-- A bibliographic work. citations is NULL when the export has no count, never 0 for unknown.
CREATE TABLE works (
    id            INTEGER PRIMARY KEY,
    source        TEXT    NOT NULL CHECK (source IN ('scopus', 'wos', 'pubmed', 'openalex')),
    source_id     TEXT    NOT NULL CHECK (length(source_id) > 0),
    doi           TEXT,
    pmid          TEXT,
    title         TEXT,
    year          INTEGER CHECK (year BETWEEN 1000 AND 2999),
    doc_type      TEXT,
    source_title  TEXT,
    issn          TEXT,
    eissn         TEXT,
    language      TEXT,
    citations     INTEGER CHECK (citations >= 0),
    source_fwci   REAL    CHECK (source_fwci >= 0),
    UNIQUE (source, source_id)
);
CREATE INDEX works_year ON works (year);
CREATE INDEX works_doi ON works (doi) WHERE doi IS NOT NULL;
CREATE INDEX works_pmid ON works (pmid) WHERE pmid IS NOT NULL;

-- Where a work was read from: the file (through its import), the line and the record's id there.
CREATE TABLE source_records (
    id        INTEGER PRIMARY KEY,
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line      INTEGER NOT NULL CHECK (line >= 1),
    source_id TEXT    NOT NULL
);
CREATE INDEX source_records_work ON source_records (work_id);
CREATE INDEX source_records_import ON source_records (import_id);

-- An author, identified by the source's author id, else ORCID, else a name key (SPEC 1).
CREATE TABLE authors (
    id            INTEGER PRIMARY KEY,
    identity_kind TEXT NOT NULL CHECK (identity_kind IN ('source_id', 'orcid', 'name_key')),
    identity      TEXT NOT NULL CHECK (length(identity) > 0),
    display_name  TEXT NOT NULL,
    UNIQUE (identity_kind, identity)
);

CREATE TABLE authorships (
    id               INTEGER PRIMARY KEY,
    work_id          INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 1),
    author_id        INTEGER NOT NULL REFERENCES authors (id),
    name_raw         TEXT    NOT NULL,
    is_corresponding INTEGER NOT NULL DEFAULT 0 CHECK (is_corresponding IN (0, 1)),
    UNIQUE (work_id, position)
);
CREATE INDEX authorships_author ON authorships (author_id);

-- An affiliation of a work as the export wrote it, with the institution and country read from it.
CREATE TABLE affiliations (
    id              INTEGER PRIMARY KEY,
    work_id         INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    raw             TEXT    NOT NULL,
    institution     TEXT,
    institution_key TEXT,
    institution_id  TEXT,
    country         TEXT    CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    country_source  TEXT    CHECK (country_source IN ('structured', 'address')),
    CHECK ((country IS NULL) = (country_source IS NULL))
);
CREATE INDEX affiliations_work ON affiliations (work_id);
CREATE INDEX affiliations_country ON affiliations (country, work_id);

CREATE TABLE authorship_affiliations (
    authorship_id  INTEGER NOT NULL REFERENCES authorships (id) ON DELETE CASCADE,
    affiliation_id INTEGER NOT NULL REFERENCES affiliations (id) ON DELETE CASCADE,
    PRIMARY KEY (authorship_id, affiliation_id)
) WITHOUT ROWID;
CREATE INDEX authorship_affiliations_affiliation ON authorship_affiliations (affiliation_id);

-- Subject fields of any scheme (asjc, wos-category, openalex-subfield, mesh, ...).
CREATE TABLE fields (
    id     INTEGER PRIMARY KEY,
    scheme TEXT NOT NULL CHECK (length(scheme) > 0),
    code   TEXT NOT NULL CHECK (length(code) > 0),
    name   TEXT,
    UNIQUE (scheme, code)
);

CREATE TABLE work_fields (
    work_id  INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    field_id INTEGER NOT NULL REFERENCES fields (id),
    PRIMARY KEY (work_id, field_id)
) WITHOUT ROWID;
CREATE INDEX work_fields_field ON work_fields (field_id);

-- Citations received per calendar year, where the export gives them (OpenAlex counts_by_year).
CREATE TABLE citations_by_year (
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    year      INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 2999),
    citations INTEGER NOT NULL CHECK (citations >= 0),
    PRIMARY KEY (work_id, year)
) WITHOUT ROWID;

-- What an import found wrong: a skipped record (error) or a kept record with a problem (warning).
CREATE TABLE diagnostics (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER REFERENCES imports (id) ON DELETE CASCADE,
    file      TEXT    NOT NULL,
    line      INTEGER CHECK (line >= 1),
    record_id TEXT,
    severity  TEXT    NOT NULL CHECK (severity IN ('error', 'warning')),
    message   TEXT    NOT NULL
);
CREATE INDEX diagnostics_import ON diagnostics (import_id);
