-- scicollab schema, version 15: one database record exported in two formats (a Scopus EID as RIS and as BibTeX,
-- a WoS UT as tagged text and tab-delimited) is two source records of one work, each with its file and line
-- (definitions §9). A newer export of the same format still replaces the older record.
--
-- The record's id is therefore no longer unique in source_records, and a record can join a work on it:
-- merged_by 'source_id'. SQLite changes a column's CHECK only by rebuilding the table; the rows, their ids and
-- the indexes stay as they were.
CREATE TABLE source_records_015 (
    id                      INTEGER PRIMARY KEY,
    work_id                 INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    import_id               INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line                    INTEGER NOT NULL CHECK (line >= 1),
    source_id               TEXT    NOT NULL,
    source                  TEXT,
    doi_key                 TEXT,
    pmid_key                TEXT,
    title_key               TEXT,
    merged_by               TEXT CHECK (merged_by IN ('doi', 'pmid', 'title', 'source_id')),
    citations               INTEGER CHECK (citations >= 0),
    citations_all_databases INTEGER CHECK (citations_all_databases >= 0),
    record                  TEXT
);
INSERT INTO source_records_015 (id, work_id, import_id, line, source_id, source, doi_key, pmid_key, title_key, merged_by,
                                citations, citations_all_databases, record)
SELECT id, work_id, import_id, line, source_id, source, doi_key, pmid_key, title_key, merged_by,
       citations, citations_all_databases, record
FROM source_records;
DROP TABLE source_records;
ALTER TABLE source_records_015 RENAME TO source_records;

CREATE INDEX source_records_work ON source_records (work_id);
CREATE INDEX source_records_import ON source_records (import_id);
-- The lookup of a record by its id: every stored record with it, of any format.
CREATE INDEX source_records_source_id ON source_records (source, source_id);
CREATE INDEX source_records_doi ON source_records (doi_key) WHERE doi_key IS NOT NULL;
CREATE INDEX source_records_pmid ON source_records (pmid_key) WHERE pmid_key IS NOT NULL;
CREATE INDEX source_records_title ON source_records (title_key) WHERE title_key IS NOT NULL;
