-- scicollab schema, version 23. Never edited once shipped.
--
-- co-authors(A|B) of a country pair over every year, so that `pair A B` reads two counts per side instead of the
-- authors of every joint work (hundreds of thousands of rows for a large pair) on each call. Kept per pair and data
-- generation: computed by the first `pair` of that pair over every year (one pass over the authors of its joint
-- works), read until the data change: store_state 'pair_coauthors_generation A B' (A < B) against
-- 'data_generation' (also reset with the totals of 018 when the derived tables are rebuilt in place). A pair over
-- a period, of merged regions, groups or institutions, or on a store that cannot be written counts the authors of
-- its joint works as before.

-- Per pair (a < b) and side (country: a or b): the distinct authors affiliated to that side on at least one joint
-- work (works without a year included), and those of them identified by an id (name_key = 0, for
-- `--author-identity ids`).
CREATE TABLE country_pair_coauthors (
    a            TEXT    NOT NULL,
    b            TEXT    NOT NULL CHECK (b > a),
    country      TEXT    NOT NULL,
    coauthors    INTEGER NOT NULL CHECK (coauthors >= 1),
    id_coauthors INTEGER NOT NULL CHECK (id_coauthors >= 0),
    PRIMARY KEY (a, b, country)
) WITHOUT ROWID;

-- The same per publication year of the joint works (works without a year have no row here).
CREATE TABLE country_pair_coauthor_years (
    a            TEXT    NOT NULL,
    b            TEXT    NOT NULL CHECK (b > a),
    country      TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    coauthors    INTEGER NOT NULL CHECK (coauthors >= 1),
    id_coauthors INTEGER NOT NULL CHECK (id_coauthors >= 0),
    PRIMARY KEY (a, b, country, year)
) WITHOUT ROWID;

-- The mean impact of each institution's works over every year under a kept impact model (`institutions` with its
-- impact column), so that the table reads one row per institution instead of joining every work_institutions row
-- with work_impact on each call. Computed by the first such table under the model (the same statement as the mean
-- computed on each call, so that every value is the same to the last bit), kept while the model is: its rows go with
-- the model (foreign keys; `ImpactCache` removes them where it removes the model's rows without them), and a row
-- of institution_impact_models older than the data (data_generation; -1 after the derived tables are rebuilt in
-- place) is computed again. Over a period, or where the store cannot be written, the means are computed on each call.
CREATE TABLE institution_impact_models (
    model_id        INTEGER PRIMARY KEY REFERENCES impact_models (id) ON DELETE CASCADE,
    data_generation INTEGER NOT NULL
);

-- Per model and institution with a defined value: the mean of the values of its works (full counting).
CREATE TABLE institution_impact (
    model_id    INTEGER NOT NULL REFERENCES institution_impact_models (model_id) ON DELETE CASCADE,
    institution TEXT    NOT NULL,
    mean        REAL    NOT NULL,
    PRIMARY KEY (model_id, institution)
) WITHOUT ROWID;
