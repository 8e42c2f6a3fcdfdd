-- scicollab schema, version 25. Never edited once shipped.
--
-- The rows of country groups (definitions §12), kept per group definition and data generation, so that a figure
-- over BRICS or G7 reads the members' rows as one group without copying them first (about a second per group on a
-- million works). A definition is the text that maps a scope's member countries to its group names (with the
-- members' years under dated membership) over the stored derived tables: two scopes with the same groups share it.
-- Computed by the first figure over that definition after the data change, read until the next one: a row of
-- group_definitions older than the data (data_generation; -1 after the derived tables are rebuilt in place) is
-- computed again. Over merged regions, the citation counts of one source, or on a store that cannot be written, the
-- rows are copied for the connection as before.
CREATE TABLE group_definitions (
    id              INTEGER PRIMARY KEY,
    definition      TEXT    NOT NULL UNIQUE,
    data_generation INTEGER NOT NULL
);

-- Per definition, work and name (a group, or a dated member outside its years): the members' rows of
-- work_countries as one, as a connection's copy holds them (weights added, lead flags combined, members counted).
CREATE TABLE group_countries (
    group_id  INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    work_id   INTEGER NOT NULL,
    country   TEXT    NOT NULL,
    weight    REAL    NOT NULL,
    is_lead   INTEGER NOT NULL,
    year      INTEGER,
    countries INTEGER NOT NULL,
    citations INTEGER,
    members   INTEGER NOT NULL,
    PRIMARY KEY (group_id, work_id, country)
) WITHOUT ROWID;
-- A figure over one group reads its rows in the order of (country, year, work): every column in the index, so that
-- sums are taken in the order a connection's copy gives them.
CREATE INDEX group_countries_country ON group_countries (group_id, country, year, work_id, weight, is_lead, countries, citations, members);

-- Per definition and name: Authors(G) over every year, and those of them identified by name only (name_key = 1).
-- Counted by the first figure that reads them.
CREATE TABLE group_author_counts (
    group_id   INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    country    TEXT    NOT NULL,
    authors    INTEGER NOT NULL,
    name_keyed INTEGER NOT NULL,
    PRIMARY KEY (group_id, country)
) WITHOUT ROWID;

-- Per definition and pair over every year (a < b, one of them a group or dated member): co-authors(A|B) of each
-- side as `country_pair_coauthors` holds them for two countries, a row per side even when it has none (so that a
-- pair with no joint work is not counted again), and the same per publication year of the joint works.
CREATE TABLE group_pair_coauthors (
    group_id     INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    a            TEXT    NOT NULL,
    b            TEXT    NOT NULL CHECK (b > a),
    country      TEXT    NOT NULL,
    coauthors    INTEGER NOT NULL CHECK (coauthors >= 0),
    id_coauthors INTEGER NOT NULL CHECK (id_coauthors >= 0),
    PRIMARY KEY (group_id, a, b, country)
) WITHOUT ROWID;

CREATE TABLE group_pair_coauthor_years (
    group_id     INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    a            TEXT    NOT NULL,
    b            TEXT    NOT NULL CHECK (b > a),
    country      TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    coauthors    INTEGER NOT NULL CHECK (coauthors >= 1),
    id_coauthors INTEGER NOT NULL CHECK (id_coauthors >= 0),
    PRIMARY KEY (group_id, a, b, country, year)
) WITHOUT ROWID;

-- Per definition and name: Authors(G) over any period from sums, as `country_author_periods` holds them for a country
-- (the distinct authors of the group's dated works per year and the year of their previous work in the group).
-- Counted by the first figure over a period that reads them.
CREATE TABLE group_author_periods (
    group_id      INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    country       TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    previous_year INTEGER,
    authors       INTEGER NOT NULL CHECK (authors >= 1),
    name_keyed    INTEGER NOT NULL CHECK (name_keyed >= 0)
);
CREATE INDEX group_author_periods_country ON group_author_periods (group_id, country, year);

-- Per definition, over every year: the output of each name of group_countries (N and Σ f), and the pairs with a
-- group or dated member on one side (C_AB, the link weight, each side's Σ f), so that `pairs` over groups reads them
-- beside the kept totals of the other countries (`country_totals`, `country_pair_totals`). Computed together by the
-- first such figure.
CREATE TABLE group_country_totals (
    group_id INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    country  TEXT    NOT NULL,
    works    INTEGER NOT NULL CHECK (works >= 1),
    weight   REAL    NOT NULL,
    PRIMARY KEY (group_id, country)
) WITHOUT ROWID;

CREATE TABLE group_pair_totals (
    group_id INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    a        TEXT    NOT NULL,
    b        TEXT    NOT NULL CHECK (b > a),
    works    INTEGER NOT NULL CHECK (works >= 1),
    link     REAL    NOT NULL,
    weight_a REAL    NOT NULL,
    weight_b REAL    NOT NULL,
    PRIMARY KEY (group_id, a, b)
) WITHOUT ROWID;

-- Per definition, name of group_countries and publication year (NULL: none): N, Σ f, the international works and
-- Σ (|K_p| − 1), as `country_year_totals` holds them for a country, so that `pair` over a group reads them beside
-- the other side's kept totals. Computed by the first such figure.
CREATE TABLE group_year_totals (
    group_id      INTEGER NOT NULL REFERENCES group_definitions (id) ON DELETE CASCADE,
    country       TEXT    NOT NULL,
    year          INTEGER,
    works         INTEGER NOT NULL CHECK (works >= 1),
    weight        REAL    NOT NULL,
    international INTEGER NOT NULL,
    links         INTEGER NOT NULL
);
CREATE INDEX group_year_totals_country ON group_year_totals (group_id, country, year);
