-- scicollab schema, version 34. Never edited once shipped.
--
-- The breakdown per field (definitions §8) of every work or of one country or group over every year, under a kept
-- impact model (7): per field its works, citations, works without a citation count and the mean impact of its works,
-- and the set's works and works with a field. `fields` and `fields --country G7` otherwise join every work of the set
-- with its fields and the model's values on each call (2-3.5 s on a million works). Computed by the first such
-- breakdown with the statements it is otherwise computed with, so that every value is the same to the last bit;
-- removed with the model (a data change makes a new one) or with the kept country group definition (25) whose rows
-- it reads. Over a period, merged regions, institutions, a pair, in a transaction, or where the store cannot be
-- written, the breakdown is computed on each call.
CREATE TABLE field_breakdowns (
    model_id        INTEGER NOT NULL REFERENCES impact_models (id) ON DELETE CASCADE,
    -- The kept country group definition whose rows the set is over (25), 0 for the stored rows.
    group_id        INTEGER NOT NULL,
    -- The set: `all`, or `country US`.
    work_set        TEXT    NOT NULL,
    scheme          TEXT    NOT NULL,
    citation_source TEXT    NOT NULL,
    works           INTEGER NOT NULL CHECK (works >= 0),
    classified      INTEGER NOT NULL CHECK (classified >= 0 AND classified <= works),
    PRIMARY KEY (model_id, group_id, work_set, scheme, citation_source)
) WITHOUT ROWID;

CREATE TABLE field_breakdown_rows (
    model_id        INTEGER NOT NULL,
    group_id        INTEGER NOT NULL,
    work_set        TEXT    NOT NULL,
    scheme          TEXT    NOT NULL,
    citation_source TEXT    NOT NULL,
    code            TEXT    NOT NULL,
    -- The field's name where the scheme's rows carry one.
    name            TEXT,
    works           INTEGER NOT NULL CHECK (works >= 1),
    citations       INTEGER NOT NULL CHECK (citations >= 0),
    without_citations INTEGER NOT NULL CHECK (without_citations >= 0),
    -- NULL: no work of the field has a defined value.
    impact          REAL,
    PRIMARY KEY (model_id, group_id, work_set, scheme, citation_source, code),
    FOREIGN KEY (model_id, group_id, work_set, scheme, citation_source)
        REFERENCES field_breakdowns (model_id, group_id, work_set, scheme, citation_source) ON DELETE CASCADE
) WITHOUT ROWID;
