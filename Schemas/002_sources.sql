-- scicollab schema, version 2: values the Web of Science, PubMed and OpenAlex exports add.

-- Web of Science: Z9 (times cited in all databases) beside TC (Core Collection) in works.citations.
ALTER TABLE works ADD COLUMN citations_all_databases INTEGER CHECK (citations_all_databases >= 0);
-- OpenAlex: citation_normalized_percentile.value (0-1), a source-provided value like source_fwci.
ALTER TABLE works ADD COLUMN source_percentile REAL CHECK (source_percentile BETWEEN 0 AND 1);
-- OpenAlex: the source's linking ISSN.
ALTER TABLE works ADD COLUMN issn_l TEXT;

-- Identifiers an export gives beside the one the author is identified by (SPEC 1): an ORCID next to an
-- OpenAlex author id, a Web of Science ResearcherID next to an ORCID.
ALTER TABLE authorships ADD COLUMN orcid TEXT;
ALTER TABLE authorships ADD COLUMN researcher_id TEXT;

-- OpenAlex: the ROR id of an affiliation's institution, beside its OpenAlex id in institution_id.
ALTER TABLE affiliations ADD COLUMN ror TEXT;

-- Organisation names a record lists for the whole work (Web of Science C3), in their order.
CREATE TABLE work_organizations (
    work_id  INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    name     TEXT    NOT NULL,
    PRIMARY KEY (work_id, position)
) WITHOUT ROWID;

-- Records a source withdrew (PubMed DeleteCitation): the works are removed and the deletion is kept.
CREATE TABLE deleted_records (
    source    TEXT    NOT NULL CHECK (source IN ('scopus', 'wos', 'pubmed', 'openalex')),
    source_id TEXT    NOT NULL CHECK (length(source_id) > 0),
    import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    line      INTEGER CHECK (line >= 1),
    PRIMARY KEY (source, source_id)
) WITHOUT ROWID;

ALTER TABLE imports ADD COLUMN records_deleted INTEGER NOT NULL DEFAULT 0 CHECK (records_deleted >= 0);
