-- scicollab schema, version 9. Never edited once shipped.
--
-- Widens two CHECK constraints that list allowed values:
-- - works.source and deleted_records.source accept the Crossref, Lens and Dimensions exports;
-- - affiliations.country_source accepts 'correspondence' (a country read from the corresponding author's
--   address when no affiliation of the work resolves).
-- A constraint that lists more values accepts every row the narrower one accepted, so the stored table
-- definitions are rewritten in place, SQLite's documented procedure for changing a CHECK without rebuilding
-- a table (https://www.sqlite.org/lang_altertable.html, "otheralter"). The migrator increments
-- schema_version after a migration that writes the schema this way.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
                     'CHECK (source IN (''scopus'', ''wos'', ''pubmed'', ''openalex''))',
                     'CHECK (source IN (''scopus'', ''wos'', ''pubmed'', ''openalex'', ''crossref'', ''lens'', ''dimensions''))')
 WHERE type = 'table' AND name IN ('works', 'deleted_records');
UPDATE sqlite_schema
   SET sql = replace(sql,
                     'CHECK (country_source IN (''structured'', ''address''))',
                     'CHECK (country_source IN (''structured'', ''address'', ''correspondence''))')
 WHERE type = 'table' AND name = 'affiliations';
PRAGMA writable_schema = OFF;
