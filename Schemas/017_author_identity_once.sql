-- scicollab schema, version 17. Never edited once shipped.
--
-- An author's own identity (its source id or ORCID) is its row of `authors`, unique on (identity_kind,
-- identity); `author_identifiers` now lists only the other identifiers an author was seen under (an ORCID or
-- ResearcherID beside another identity). An import looks an identifier up in both, so every author is found as
-- before, and a new author costs one indexed row instead of two. The copies of the authors' own identities go.
DELETE FROM author_identifiers
WHERE EXISTS (SELECT 1 FROM authors a
              WHERE a.id = author_identifiers.author_id
                AND a.identity_kind = author_identifiers.kind
                AND a.identity = author_identifiers.value);
