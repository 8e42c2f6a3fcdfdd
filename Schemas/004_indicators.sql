-- scicollab schema, version 4: country indicators from World Bank WDI downloads (SPEC 11).

-- An indicator (GB.XPD.RSDV.GD.ZS, IP.PAT.RESD, NY.GDP.MKTP.CD, ...) and the download its values came from.
CREATE TABLE indicators (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    last_updated TEXT,
    import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL
);

-- A country or aggregate of the World Bank by its code: alpha-2 is set for countries (ISO 3166-1), NULL for
-- aggregates (World, OECD members, income groups, regions). The Metadata_Country file's empty Region marks
-- an aggregate; without it, a code with no ISO alpha-2 is one.
CREATE TABLE indicator_areas (
    code3        TEXT PRIMARY KEY CHECK (length(code3) = 3),
    country      TEXT CHECK (country IS NULL OR length(country) = 2),
    name         TEXT NOT NULL,
    region       TEXT,
    income_group TEXT,
    is_aggregate INTEGER NOT NULL CHECK (is_aggregate IN (0, 1))
);
CREATE INDEX indicator_areas_country ON indicator_areas (country);

-- One value of an indicator for an area and a year; missing values are absent rows, never 0.
CREATE TABLE indicator_values (
    indicator TEXT    NOT NULL REFERENCES indicators (code) ON DELETE CASCADE,
    code3     TEXT    NOT NULL,
    year      INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 2999),
    value     REAL    NOT NULL,
    PRIMARY KEY (indicator, code3, year)
) WITHOUT ROWID;
CREATE INDEX indicator_values_area ON indicator_values (code3, year);
