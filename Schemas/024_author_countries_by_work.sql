-- scicollab schema, version 24: work_author_countries keyed by work first.
--
-- Its rows were keyed (country, author_id, work_id), so every row an import wrote went to a random place in
-- the table, and a large import read pages back from the operating system once the table outgrew the page
-- cache. Keyed (work_id, country, author_id), an import appends its rows; the lookup by country and author
-- is a covering index that a large import builds once after its rows are written (FileImport's deferred
-- indexes). The rows and every figure stay as they were: the table is rebuilt, its trigger made again.
DROP TRIGGER work_author_countries_removed;

CREATE TABLE work_author_countries_024 (
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    country   TEXT    NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors (id),
    year      INTEGER,
    name_key  INTEGER NOT NULL CHECK (name_key IN (0, 1)),
    PRIMARY KEY (work_id, country, author_id)
) WITHOUT ROWID;
INSERT INTO work_author_countries_024 (work_id, country, author_id, year, name_key)
SELECT work_id, country, author_id, year, name_key FROM work_author_countries;
DROP TABLE work_author_countries;
ALTER TABLE work_author_countries_024 RENAME TO work_author_countries;

-- Authors(X) over a period, co-authors of a pair: the rows of a country in author order, every column in the index.
CREATE INDEX work_author_countries_country ON work_author_countries (country, author_id, year, name_key);

-- As in version 6: a row removed takes its author off the kept counts of the country when it was their last.
CREATE TRIGGER work_author_countries_removed AFTER DELETE ON work_author_countries
BEGIN
    UPDATE country_authors SET works = works - 1 WHERE country = OLD.country AND author_id = OLD.author_id;
    UPDATE country_author_counts SET authors = authors - 1, name_keyed = name_keyed - OLD.name_key
    WHERE country = OLD.country
      AND EXISTS (SELECT 1 FROM country_authors WHERE country = OLD.country AND author_id = OLD.author_id AND works = 0);
    DELETE FROM country_authors WHERE country = OLD.country AND author_id = OLD.author_id AND works = 0;
END;
