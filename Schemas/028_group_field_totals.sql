-- scicollab schema, version 28. Never edited once shipped.
--
-- Per group definition (025) and scheme: the outputs per field of each name of group_countries over every year, as
-- country_field_totals (022) holds them for a country: N_G(f) and Σ f_G(p) summed in work order, and the name's works
-- with a field in the scheme (a row for every name, 0 when none has one). So that `fields --pair BRICS G7` reads its
-- sides' outputs per field instead of joining every work of both groups with its fields. Computed by the first such
-- breakdown in the scheme, removed with the definition.
CREATE TABLE group_field_totals (
    group_id INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    scheme   TEXT    NOT NULL,
    country  TEXT    NOT NULL,
    code     TEXT    NOT NULL,
    works    INTEGER NOT NULL CHECK (works >= 1),
    weight   REAL    NOT NULL,
    PRIMARY KEY (group_id, scheme, country, code)
) WITHOUT ROWID;

CREATE TABLE group_field_classified (
    group_id INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    scheme   TEXT    NOT NULL,
    country  TEXT    NOT NULL,
    works    INTEGER NOT NULL CHECK (works >= 0),
    PRIMARY KEY (group_id, scheme, country)
) WITHOUT ROWID;
