-- scicollab schema, version 35. Never edited once shipped.
--
-- The mean impact (definitions §7) of each collaboration type's works, of every work or of one country, over every
-- year under a kept impact model (7): the impact column of `collaboration` reads one row per type instead of joining
-- every work of the types with the model's values on each call (0.6 s on a million works). Computed by the first
-- such figure with the statements it is otherwise computed with, so that every value is the same to the last bit;
-- removed with the model (a data change makes a new one). Over a period, merged regions, groups, in a transaction, or
-- where the store cannot be written, the means are computed on each call.
CREATE TABLE collaboration_impact (
    model_id      INTEGER NOT NULL REFERENCES impact_models (id) ON DELETE CASCADE,
    -- The country whose works are split by type, '' for every work.
    country       TEXT    NOT NULL,
    collaboration TEXT    NOT NULL CHECK (collaboration IN ('international', 'national', 'institutional', 'single')),
    counting      TEXT    NOT NULL CHECK (counting IN ('full', 'fractional')),
    -- NULL: no work of the type has a defined value.
    mean          REAL,
    PRIMARY KEY (model_id, country, collaboration, counting)
) WITHOUT ROWID;
