-- scicollab schema, version 10: one paper, one work (SPEC 9). Records of the same paper from several exports
-- are merged into one work; every source record stays linked to it with what it said, so a work can be
-- recomputed from the records that remain when one is replaced or withdrawn.

-- What each source record said, beside where it was read (file through its import, line, source id):
--   source, source_id  the record's database and its id there (one row per record: a newer record replaces it);
--   doi_key, pmid_key, title_key  the merge keys (MergeKeys: normalised DOI, PMID, folded title|year|family);
--   merged_by          the key on which the record joined a work that already existed (NULL: it founded the work,
--                      or the import ran with merging off);
--   citations, citations_all_databases  the record's own counts (kept per source, never summed);
--   record             the whole record (JSON of the canonical Work model) once its work has two records or
--                      more; NULL while the work's own rows are this record's.
ALTER TABLE source_records ADD COLUMN source TEXT;
ALTER TABLE source_records ADD COLUMN doi_key TEXT;
ALTER TABLE source_records ADD COLUMN pmid_key TEXT;
ALTER TABLE source_records ADD COLUMN title_key TEXT;
ALTER TABLE source_records ADD COLUMN merged_by TEXT CHECK (merged_by IN ('doi', 'pmid', 'title'));
ALTER TABLE source_records ADD COLUMN citations INTEGER CHECK (citations >= 0);
ALTER TABLE source_records ADD COLUMN citations_all_databases INTEGER CHECK (citations_all_databases >= 0);
ALTER TABLE source_records ADD COLUMN record TEXT;

-- Records written before merging existed: one per work, the work's own values. Their title keys are computed
-- by the store when it opens the database (the folding is not SQL).
UPDATE source_records SET
    source = (SELECT w.source FROM works w WHERE w.id = source_records.work_id),
    citations = (SELECT w.citations FROM works w WHERE w.id = source_records.work_id),
    citations_all_databases = (SELECT w.citations_all_databases FROM works w WHERE w.id = source_records.work_id);

-- The lookups of a merging import: the record itself (replaced by a newer one), then each key.
CREATE UNIQUE INDEX source_records_source_id ON source_records (source, source_id);
CREATE INDEX source_records_doi ON source_records (doi_key) WHERE doi_key IS NOT NULL;
CREATE INDEX source_records_pmid ON source_records (pmid_key) WHERE pmid_key IS NOT NULL;
CREATE INDEX source_records_title ON source_records (title_key) WHERE title_key IS NOT NULL;

-- Whether an import merged its records into existing works (0: --no-merge kept them apart).
ALTER TABLE imports ADD COLUMN merge INTEGER NOT NULL DEFAULT 1 CHECK (merge IN (0, 1));
