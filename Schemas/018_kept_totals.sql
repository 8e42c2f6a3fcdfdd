-- scicollab schema, version 18: totals of the derived tables per country, per country pair and per publication
-- year, so that `countries`, `pairs`, `pair` and `collaboration` sum a few thousand rows instead of scanning
-- work_countries, work_country_pairs, work_author_countries and work_facts. Each set is computed from those
-- tables by the first command that reads it (one grouped pass) and kept until the data change: its store_state
-- counter (the names below) against 'data_generation'. Figures the totals cannot give (merged regions, groups,
-- institutions, a citation source other than the precedence; rankings over a period, whose sums of per-year
-- totals could differ from the derived rows' in the last bit) still read the derived tables.

-- Per country and publication year (NULL: works without a year), from work_countries: N_X, Σ f_X(p), works led,
-- international works (|K_p| ≥ 2), Σ (|K_p| − 1), Σ c_p over the works with a count and the works without one.
-- Counter 'country_totals_generation'.
CREATE TABLE country_year_totals (
    country           TEXT    NOT NULL,
    year              INTEGER,
    works             INTEGER NOT NULL CHECK (works >= 1),
    weight            REAL    NOT NULL,
    leads             INTEGER NOT NULL,
    international     INTEGER NOT NULL,
    links             INTEGER NOT NULL,
    citations         INTEGER NOT NULL,
    without_citations INTEGER NOT NULL
);
CREATE INDEX country_year_totals_country ON country_year_totals (country, year);

-- The same over every year, summed in the order of work_countries' country index (as a figure over every year
-- sums them, so that the sums of weights are the same to the last bit).
CREATE TABLE country_totals (
    country           TEXT    PRIMARY KEY,
    works             INTEGER NOT NULL CHECK (works >= 1),
    weight            REAL    NOT NULL,
    leads             INTEGER NOT NULL,
    international     INTEGER NOT NULL,
    links             INTEGER NOT NULL,
    citations         INTEGER NOT NULL,
    without_citations INTEGER NOT NULL
) WITHOUT ROWID;

-- Per country pair (a < b) over every year, from work_country_pairs: C_AB, the VOSviewer link weight, each side's
-- Σ f(p) and works led over the joint works, their citations; summed in work order, as a figure over every year
-- sums them. Counter 'pair_totals_generation'.
CREATE TABLE country_pair_totals (
    a                 TEXT    NOT NULL,
    b                 TEXT    NOT NULL CHECK (b > a),
    works             INTEGER NOT NULL CHECK (works >= 1),
    link              REAL    NOT NULL,
    weight_a          REAL    NOT NULL,
    weight_b          REAL    NOT NULL,
    lead_a            INTEGER NOT NULL,
    lead_b            INTEGER NOT NULL,
    citations         INTEGER NOT NULL,
    without_citations INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- Authors(X) over any period, exactly, from sums: every distinct (country, author, year) of work_author_countries
-- (dated works) with the author's previous year in the country (NULL: none). An author has a work of X in
-- [from, to] exactly when one of their years lies there, and is counted once, at the first of them: the row
-- whose year is in [from, to] and whose previous year is NULL or before `from`. Here those rows are counted per
-- (country, year, previous year); name_keyed counts the authors identified by a name key only.
-- Counter 'author_periods_generation'.
CREATE TABLE country_author_periods (
    country       TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    previous_year INTEGER,
    authors       INTEGER NOT NULL CHECK (authors >= 1),
    name_keyed    INTEGER NOT NULL CHECK (name_keyed >= 0)
);
CREATE INDEX country_author_periods_country ON country_author_periods (country, year);

-- Per publication year (NULL: none) and collaboration type (NULL: unclassified), from work_facts: the works,
-- those with a resolved country, Σ |K_p|(|K_p| − 1), Σ c_p over the works with a count and the works without
-- one. Counter 'year_totals_generation'.
CREATE TABLE year_totals (
    year              INTEGER,
    collaboration     TEXT,
    works             INTEGER NOT NULL CHECK (works >= 1),
    placed            INTEGER NOT NULL,
    links             INTEGER NOT NULL,
    citations         INTEGER NOT NULL,
    without_citations INTEGER NOT NULL
);
