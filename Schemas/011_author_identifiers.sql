-- scicollab schema, version 11. Never edited once shipped: changes go in a new numbered file.
--
-- Identifiers that occur together on one authorship (the source's author id, ORCID, Web of Science
-- ResearcherID) denote one author (SPEC 1): every identifier an author was seen under points to that author,
-- so a later record naming the author by any one of them finds the same author. Name keys are not
-- identifiers and are never listed here. ResearcherIDs are stored as source ids (`wos:B-5991-2008`), as the
-- authors table names them.
CREATE TABLE author_identifiers (
    kind      TEXT    NOT NULL CHECK (kind IN ('source_id', 'orcid')),
    value     TEXT    NOT NULL CHECK (length(value) > 0),
    author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX author_identifiers_author ON author_identifiers (author_id);

-- The identifiers of the authors already stored: their own identity, then the ORCIDs and ResearcherIDs their
-- authorships carried (the first author seen with an identifier keeps it).
INSERT OR IGNORE INTO author_identifiers (kind, value, author_id)
    SELECT identity_kind, identity, id FROM authors WHERE identity_kind IN ('source_id', 'orcid') ORDER BY id;
INSERT OR IGNORE INTO author_identifiers (kind, value, author_id)
    SELECT 'orcid', orcid, author_id FROM authorships WHERE orcid IS NOT NULL ORDER BY id;
INSERT OR IGNORE INTO author_identifiers (kind, value, author_id)
    SELECT 'source_id', 'wos:' || researcher_id, author_id FROM authorships WHERE researcher_id IS NOT NULL ORDER BY id;
