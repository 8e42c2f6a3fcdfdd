-- scicollab schema, version 22. Never edited once shipped.
--
-- Per country and field of a classification scheme, over every year: the country's works in the field (N_X(f))
-- and Σ f_X(p) over them, so that `fields --pair A B` reads each side's outputs per field instead of joining every
-- work of both sides with its fields. Kept per scheme, computed by the first breakdown of a pair in that scheme
-- and kept until the data change: store_state 'field_totals_generation SCHEME' against 'data_generation' (also
-- reset with the totals of 018 when the derived tables are rebuilt in place). Σ f_X(p) is summed in work order,
-- as the breakdown sums it, so that it is the same to the last bit. A breakdown over a period, of merged regions,
-- groups or institutions, or on a store that cannot be written reads the derived tables.
CREATE TABLE country_field_totals (
    scheme  TEXT    NOT NULL,
    country TEXT    NOT NULL,
    code    TEXT    NOT NULL,
    works   INTEGER NOT NULL CHECK (works >= 1),
    weight  REAL    NOT NULL,
    PRIMARY KEY (scheme, country, code)
) WITHOUT ROWID;

-- Per country and scheme: the country's works with at least one field in the scheme.
CREATE TABLE country_field_classified (
    scheme  TEXT    NOT NULL,
    country TEXT    NOT NULL,
    works   INTEGER NOT NULL CHECK (works >= 1),
    PRIMARY KEY (scheme, country)
) WITHOUT ROWID;
