-- scicollab schema, version 8: what `summary` counts over the whole database, read from indexes and the
-- per-work facts instead of scans of the base tables.

-- n_p: the authorships of the work with at least one resolved affiliation (SPEC 4's renormalisation base),
-- so that the authorships with a country are a sum over work_facts.
ALTER TABLE work_facts ADD COLUMN resolved_authorships INTEGER NOT NULL DEFAULT 0 CHECK (resolved_authorships >= 0);
UPDATE work_facts SET resolved_authorships = (
    SELECT count(*) FROM authorships au
    WHERE au.work_id = work_facts.work_id AND EXISTS (
        SELECT 1 FROM authorship_affiliations x JOIN affiliations af ON af.id = x.affiliation_id
        WHERE x.authorship_id = au.id AND af.country IS NOT NULL));

-- Works by source and year, with their type and citation count: the summary's tables read this index alone.
CREATE INDEX works_source_year ON works (source, year, doc_type, citations);
