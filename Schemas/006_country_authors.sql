-- scicollab schema, version 6: the distinct authors of each country over all years (SPEC 4, Authors(X)),
-- kept in step with work_author_countries, so that Authors(X) over the whole period is a lookup instead of a
-- distinct count over millions of rows. Figures over a shorter period still count work_author_countries
-- itself. An import adds to both tables as it writes (a trigger per inserted row would double the cost of
-- writing work_author_countries); a rebuild recounts them; removed rows are taken off by the trigger below.

-- An author of a country: how many of the country's works (rows of work_author_countries) name them, and
-- whether they are identified by a name key only (a property of the author, the same on every row).
CREATE TABLE country_authors (
    country   TEXT    NOT NULL,
    author_id INTEGER NOT NULL,
    name_key  INTEGER NOT NULL CHECK (name_key IN (0, 1)),
    works     INTEGER NOT NULL CHECK (works >= 0),
    PRIMARY KEY (country, author_id)
) WITHOUT ROWID;

-- Authors(X) over all years, and how many of them carry a name key only.
CREATE TABLE country_author_counts (
    country    TEXT    PRIMARY KEY,
    authors    INTEGER NOT NULL CHECK (authors >= 0),
    name_keyed INTEGER NOT NULL CHECK (name_keyed >= 0)
) WITHOUT ROWID;

INSERT INTO country_authors (country, author_id, name_key, works)
SELECT country, author_id, max(name_key), count(*) FROM work_author_countries GROUP BY country, author_id;

INSERT INTO country_author_counts (country, authors, name_keyed)
SELECT country, count(*), sum(name_key) FROM country_authors GROUP BY country;

-- A row removed (its work deleted or replaced, or the tables rebuilt): an author left without a work of the
-- country is no longer counted.
CREATE TRIGGER work_author_countries_removed AFTER DELETE ON work_author_countries
BEGIN
    UPDATE country_authors SET works = works - 1 WHERE country = OLD.country AND author_id = OLD.author_id;
    UPDATE country_author_counts SET authors = authors - 1, name_keyed = name_keyed - OLD.name_key
    WHERE country = OLD.country
      AND EXISTS (SELECT 1 FROM country_authors WHERE country = OLD.country AND author_id = OLD.author_id AND works = 0);
    DELETE FROM country_authors WHERE country = OLD.country AND author_id = OLD.author_id AND works = 0;
END;

-- The whole-database sums of pair figures (L = Σ |K_p|(|K_p| − 1), the works without a country) read this
-- index instead of the table.
DROP INDEX work_facts_year;
CREATE INDEX work_facts_year_countries ON work_facts (year, countries, countries_merged);
