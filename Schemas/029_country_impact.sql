-- scicollab schema, version 29. Never edited once shipped.
--
-- The mean impact of every country's works over every year under a kept impact model (7), kept beside the model as
-- institution_impact (23) keeps it per institution: the impact column of `countries` and of the country network reads
-- one row per country instead of joining every row of work_countries with the model's values on each call (0.3-0.5 s
-- on a million works). Computed by the first such figure under the model with the statement the column is otherwise
-- computed with, so that every value is the same to the last bit; removed with the model, and computed again when
-- older than the data. Over a period, merged regions or country groups the means are computed on each call.
CREATE TABLE country_impact_models (
    model_id        INTEGER PRIMARY KEY REFERENCES impact_models (id) ON DELETE CASCADE,
    data_generation INTEGER NOT NULL
);

-- Per model and country with a defined value: the mean of the values of its works (full counting).
CREATE TABLE country_impact (
    model_id INTEGER NOT NULL REFERENCES country_impact_models (model_id) ON DELETE CASCADE,
    country  TEXT    NOT NULL,
    mean     REAL    NOT NULL,
    PRIMARY KEY (model_id, country)
) WITHOUT ROWID;
