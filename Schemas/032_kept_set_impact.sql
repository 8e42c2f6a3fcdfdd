-- scicollab schema, version 32. Never edited once shipped.
--
-- The mean impact (definitions §7) of a set of works over the rows of a kept country group definition (25), under a
-- kept impact model (7), over every year: the impact columns of `countries --group BRICS` and `pair BRICS US` read one
-- row instead of joining the group's rows with the model's values on each call (about 0.4 s
-- for BRICS on a million works). Computed by the first such figure with the statement it is otherwise computed with,
-- so that every value is the same to the last bit; removed with its definition (when the data change) or its model.
-- Over a period, a collaboration type, or where the store cannot be written, the means are computed on each call.
CREATE TABLE group_impact (
    group_id INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    model_id INTEGER NOT NULL REFERENCES impact_models (id) ON DELETE CASCADE,
    -- The set: `country BRICS`, or `pair BRICS US` (the two names in code order).
    work_set TEXT    NOT NULL,
    counting TEXT    NOT NULL CHECK (counting IN ('full', 'fractional')),
    -- NULL: no work of the set has a defined value.
    mean     REAL,
    PRIMARY KEY (group_id, model_id, work_set, counting)
) WITHOUT ROWID;

-- The summary of a set of works under a kept impact model over every year (`impact --country US`, `impact --pair
-- BRICS G7`, the joint works of `pair`): the counts, the means, PP(top 10%) and the median that are otherwise
-- computed on each call by joining every work of the set with the model's values (1.5-3 s for a large country or
-- group on a million works). Computed by the first such figure with the statements it is otherwise computed with;
-- removed with the model (a data change makes a new one). Over a period, merged regions or a collaboration type, in a
-- transaction, or where the store cannot be written, the summaries are computed on each call.
CREATE TABLE impact_summaries (
    model_id     INTEGER NOT NULL REFERENCES impact_models (id) ON DELETE CASCADE,
    -- The kept country group definition whose rows the set is over (25), 0 for the stored rows.
    group_id     INTEGER NOT NULL,
    -- The set: `country US`, or `pair CN US` (the two names in code order).
    work_set     TEXT    NOT NULL,
    counting     TEXT    NOT NULL CHECK (counting IN ('full', 'fractional')),
    works        INTEGER NOT NULL CHECK (works >= 0),
    defined      INTEGER NOT NULL CHECK (defined >= 0),
    undefined    INTEGER NOT NULL CHECK (undefined >= 0),
    unclassified INTEGER NOT NULL CHECK (unclassified >= 0),
    provisional  INTEGER NOT NULL CHECK (provisional >= 0),
    source_count INTEGER NOT NULL CHECK (source_count >= 0),
    source_mean  REAL,
    top10        REAL,
    mean         REAL,
    -- Whether the median was computed (a summary without it serves only the figures that do not show one).
    has_median   INTEGER NOT NULL CHECK (has_median IN (0, 1)),
    median       REAL,
    PRIMARY KEY (model_id, group_id, work_set, counting)
) WITHOUT ROWID;
