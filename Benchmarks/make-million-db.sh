#!/usr/bin/env bash
# Writes a database of about 1M works by repeating the works of every fixture with fresh ids, for the
# query benchmarks (`pair`, `pairs`, `countries`, `collaboration`, `summary`).
#
#     Benchmarks/make-million-db.sh OUT.sqlite [COPIES]    (default 1600 copies of the ~650 fixture works)
#
# The fixtures are imported once with scicollab (release build); then every table, the derived ones
# included, is copied COPIES times in SQL with ids shifted per copy, so each copy has its own works,
# authors, affiliations and source ids; the per-country author counts are counted again at the end.
# Needs the sqlite3 command-line tool.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
copies=${2:-1600}
rm -f "$out" "$out-wal" "$out-shm"
swift build -c release >/dev/null
.build/release/scicollab import Fixtures/ --db "$out" --allow-skips >/dev/null 2>&1 || true
sqlite3 "$out" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = OFF;
CREATE TEMP TABLE k AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $copies) SELECT i FROM n;
CREATE TEMP TABLE base AS SELECT (SELECT max(id) FROM works) AS w, (SELECT max(id) FROM authors) AS a,
       (SELECT max(id) FROM authorships) AS s, (SELECT max(id) FROM affiliations) AS f;
BEGIN;
INSERT INTO works (id, source, source_id, doi, pmid, title, year, doc_type, source_title, issn, eissn, language, citations,
                   source_fwci, citations_all_databases, source_percentile, issn_l)
SELECT x.id + k.i * b.w, x.source, x.source_id || '#' || k.i, x.doi, x.pmid, x.title, x.year, x.doc_type, x.source_title,
       x.issn, x.eissn, x.language, x.citations, x.source_fwci, x.citations_all_databases, x.source_percentile, x.issn_l
FROM works x, k, base b WHERE x.id <= b.w;
INSERT INTO authors (id, identity_kind, identity, display_name)
SELECT x.id + k.i * b.a, x.identity_kind, x.identity || '#' || k.i, x.display_name FROM authors x, k, base b WHERE x.id <= b.a;
INSERT INTO authorships (id, work_id, position, author_id, name_raw, is_corresponding, orcid, researcher_id)
SELECT x.id + k.i * b.s, x.work_id + k.i * b.w, x.position, x.author_id + k.i * b.a, x.name_raw, x.is_corresponding, x.orcid, x.researcher_id
FROM authorships x, k, base b WHERE x.id <= b.s;
INSERT INTO affiliations (id, work_id, raw, institution, institution_key, institution_id, country, country_source, ror)
SELECT x.id + k.i * b.f, x.work_id + k.i * b.w, x.raw, x.institution, x.institution_key, x.institution_id, x.country, x.country_source, x.ror
FROM affiliations x, k, base b WHERE x.id <= b.f;
INSERT INTO authorship_affiliations (authorship_id, affiliation_id)
SELECT x.authorship_id + k.i * b.s, x.affiliation_id + k.i * b.f FROM authorship_affiliations x, k, base b WHERE x.authorship_id <= b.s;
INSERT INTO work_fields (work_id, field_id)
SELECT x.work_id + k.i * b.w, x.field_id FROM work_fields x, k, base b WHERE x.work_id <= b.w;
INSERT INTO citations_by_year (work_id, year, citations)
SELECT x.work_id + k.i * b.w, x.year, x.citations FROM citations_by_year x, k, base b WHERE x.work_id <= b.w;
INSERT INTO work_facts (work_id, year, citations, authors, resolved_authorships, countries, countries_merged, institutions,
                        collaboration, collaboration_merged)
SELECT x.work_id + k.i * b.w, x.year, x.citations, x.authors, x.resolved_authorships, x.countries, x.countries_merged, x.institutions,
       x.collaboration, x.collaboration_merged FROM work_facts x, k, base b WHERE x.work_id <= b.w;
INSERT INTO work_countries SELECT x.work_id + k.i * b.w, x.country, x.weight, x.is_lead, x.year, x.countries, x.citations
FROM work_countries x, k, base b WHERE x.work_id <= b.w;
INSERT INTO work_author_countries SELECT x.work_id + k.i * b.w, x.country, x.author_id + k.i * b.a, x.year, x.name_key
FROM work_author_countries x, k, base b WHERE x.work_id <= b.w;
INSERT INTO work_country_pairs SELECT x.work_id + k.i * b.w, x.a, x.b, x.year, x.link, x.weight_a, x.weight_b, x.lead_a, x.lead_b,
       x.citations FROM work_country_pairs x, k, base b WHERE x.work_id <= b.w;
-- Authors(X) over all years, as an import keeps it, and a new data generation: no impact model is kept.
DELETE FROM country_authors;
DELETE FROM country_author_counts;
INSERT INTO country_authors (country, author_id, name_key, works)
SELECT country, author_id, max(name_key), count(*) FROM work_author_countries GROUP BY country, author_id;
INSERT INTO country_author_counts (country, authors, name_keyed)
SELECT country, count(*), sum(name_key) FROM country_authors GROUP BY country;
UPDATE store_state SET value = value + 1 WHERE name = 'data_generation';
COMMIT;
ANALYZE;
SQL
echo "$out: $(sqlite3 "$out" 'SELECT count(*) FROM works') works, $(du -h "$out" | cut -f1)" >&2
