-- scicollab schema, version 7: per-work citation impact (SPEC 7) kept between commands.
-- Computing the cohorts reads every work's citations and fields; the result depends only on the data and
-- the options (scheme, window, baseline, current year), so it is stored once and read by every later command
-- until an import or a source list changes the data (the data generation moves on).

-- Counters of the store: `data_generation` moves on whenever works, their fields or citations change.
CREATE TABLE store_state (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_state (name, value) VALUES ('data_generation', 0);

-- One computed impact model: its options (`key`), the data generation it was computed at, and what it chose.
CREATE TABLE impact_models (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    data_generation INTEGER NOT NULL,
    citation_window TEXT    NOT NULL CHECK (citation_window IN ('4y', 'total')),
    baseline_label  TEXT    NOT NULL,
    computed_at     TEXT    NOT NULL
);

-- The model's expected citations per cohort.
CREATE TABLE impact_model_expected (
    model_id  INTEGER NOT NULL REFERENCES impact_models (id) ON DELETE CASCADE,
    scheme    TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    year      INTEGER NOT NULL,
    doc_group TEXT    NOT NULL,
    expected  REAL    NOT NULL,
    PRIMARY KEY (model_id, scheme, field, year, doc_group)
) WITHOUT ROWID;

-- Each work's values under the model (`fields`: `scheme:code` separated by spaces; empty: unclassified).
CREATE TABLE work_impact (
    model_id    INTEGER NOT NULL REFERENCES impact_models (id) ON DELETE CASCADE,
    work_id     INTEGER NOT NULL,
    citations   REAL,
    value       REAL,
    top10       REAL,
    provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
    source_fwci REAL,
    fields      TEXT    NOT NULL,
    PRIMARY KEY (model_id, work_id)
) WITHOUT ROWID;
