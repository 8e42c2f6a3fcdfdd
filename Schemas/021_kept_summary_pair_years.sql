-- scicollab schema, version 21: more totals kept per data generation as those of version 18 are (each set with its
-- store_state counter against 'data_generation', computed by the first command that reads it after the data change).

-- What `summary` counts over the whole database, so that it reads a few hundred rows instead of the distinct authors
-- of every authorship and a scan of every affiliation (one grouped pass each). Counter 'summary_totals_generation'.

-- Per source, publication year (NULL: none) and document type (NULL: none) of the works: how many, and how many
-- without a citation count (one pass over works_source_year in key order).
CREATE TABLE work_source_totals (
    source            TEXT    NOT NULL,
    year              INTEGER,
    doc_type          TEXT,
    works             INTEGER NOT NULL CHECK (works >= 1),
    without_citations INTEGER NOT NULL
);

-- Per source of the works: their affiliations, those with a country, and where the country came from
-- (definitions §2).
CREATE TABLE affiliation_source_totals (
    source         TEXT    PRIMARY KEY,
    affiliations   INTEGER NOT NULL CHECK (affiliations >= 1),
    resolved       INTEGER NOT NULL,
    structured     INTEGER NOT NULL,
    address        INTEGER NOT NULL,
    correspondence INTEGER NOT NULL
) WITHOUT ROWID;

-- One row: the authorships, those with a resolved country, the distinct authors of the authorships and those
-- identified by a name key only.
CREATE TABLE author_totals (
    authorships          INTEGER NOT NULL,
    resolved_authorships INTEGER NOT NULL,
    authors              INTEGER NOT NULL,
    name_keyed           INTEGER NOT NULL
);

-- Per publication year and country pair (a < b), from work_country_pairs: C_AB and the VOSviewer link weight of the
-- year, summed in the order of the covering index work_country_pairs_year (year, a, b, link), as the figures per year
-- sum them (so the sums are the same to the last bit over any period). Counter 'pair_years_generation'.
CREATE TABLE country_pair_years (
    year  INTEGER NOT NULL,
    a     TEXT    NOT NULL,
    b     TEXT    NOT NULL CHECK (b > a),
    works INTEGER NOT NULL CHECK (works >= 1),
    link  REAL    NOT NULL,
    PRIMARY KEY (year, a, b)
) WITHOUT ROWID;
