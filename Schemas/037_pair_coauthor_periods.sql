-- scicollab schema, version 37. Never edited once shipped.
--
-- co-authors(A|B) of a country pair over any period from the counts kept with those of 023: each side's distinct
-- authors on the joint works, per publication year and the year of the same author's previous joint work (none: no
-- earlier one). The distinct authors of a period [from, to] are the rows of its years whose previous year is before
-- `from` (or none): each author counted once, at their first year in the period, as `country_author_periods` (018)
-- counts a country's authors. `pair A B --from --to` then sums a few rows instead of reading the authors of every joint
-- work of the period. Filled and kept with 023's rows (store_state 'pair_coauthors_generation A B').
CREATE TABLE country_pair_coauthor_periods (
    a             TEXT    NOT NULL,
    b             TEXT    NOT NULL CHECK (b > a),
    country       TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    previous_year INTEGER CHECK (previous_year IS NULL OR previous_year < year),
    coauthors     INTEGER NOT NULL CHECK (coauthors >= 1),
    id_coauthors  INTEGER NOT NULL CHECK (id_coauthors >= 0)
);
CREATE INDEX country_pair_coauthor_periods_pair ON country_pair_coauthor_periods (a, b, country, year);

-- Pairs kept before this version are counted again (with their periods) by their next `pair`.
UPDATE store_state SET value = -1 WHERE name LIKE 'pair_coauthors_generation %';
