#!/usr/bin/env bash
# Writes a database of about 1M works by repeating the works of every fixture with fresh ids, for the
# query benchmarks (every query command runs on it).
#
#     Benchmarks/make-million-db.sh OUT.sqlite [COPIES]    (default 1600 copies of the ~650 fixture works)
#
# SCICOLLAB_BIN names the scicollab binary to import with (default: the release build, built first).
#
# The fixtures are imported once with scicollab (release build); then every table that holds rows of works
# or authors — whatever the schema has, read from the database itself — is copied COPIES times in SQL with
# ids shifted per copy, so each copy has its own works, authors, authorships, affiliations, source records
# and author identifiers (source ids, identities and merge keys get a `#copy` suffix). Tables kept until the
# data change (impact models, the institution tables over all works) are left to be computed by the first command that needs
# them; the per-country author counts are counted again at the end. Needs python3 and the sqlite3 tool.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
copies=${2:-1600}
rm -f "$out" "$out-wal" "$out-shm" "$out-journal"
bin=${SCICOLLAB_BIN:-}
if [ -z "$bin" ]; then swift build -c release --static-swift-stdlib --product scicollab >/dev/null; bin=.build/release/scicollab; fi
"$bin" import Fixtures/ --db "$out" --allow-skips >/dev/null 2>&1 || true
python3 - "$out" "$copies" <<'PY' | sqlite3 "$out"
import sqlite3, sys
path, copies = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
# The tables whose own id is shifted, with the name of their base (the largest id before copying).
own_ids = {"works": "w", "authors": "a", "authorships": "s", "affiliations": "f", "source_records": "r"}
# Columns that point to one of those tables.
references = {"work_id": "w", "author_id": "a", "authorship_id": "s", "affiliation_id": "f"}
# Text columns made unique per copy (NULL stays NULL).
suffixed = {("works", "source_id"), ("source_records", "source_id"), ("source_records", "doi_key"),
            ("source_records", "pmid_key"), ("source_records", "title_key"), ("authors", "identity"),
            ("author_identifiers", "value")}
# Kept until the data change, computed again by the first command that reads them; or recounted below.
derived_later = {"work_impact", "institution_pair_years", "institution_pair_totals", "institution_author_years",
                 "country_authors", "country_author_counts", "institution_author_counts", "institutions"}
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
columns_of = {t: [r[1] for r in db.execute(f"SELECT * FROM pragma_table_info('{t}')")] for t in tables}
db.close()  # before sqlite3 reads the statements: the journal-mode change needs the file alone
print("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;")
print(f"CREATE TEMP TABLE k AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies}) SELECT i FROM n;")
print("CREATE TEMP TABLE base AS SELECT " + ", ".join(f"(SELECT max(id) FROM {t}) AS {b}" for t, b in own_ids.items()) + ";")
print("BEGIN;")
for table in tables:
    if table in derived_later:
        continue
    columns = columns_of[table]
    key = "id" if table in own_ids else next((c for c in columns if c in references), None)
    if key is None:
        continue
    expressions = []
    for c in columns:
        if c == "id" and table in own_ids:
            expressions.append(f"x.id + k.i * b.{own_ids[table]}")
        elif c in references:
            expressions.append(f"x.{c} + k.i * b.{references[c]}")
        elif (table, c) in suffixed:
            expressions.append(f"x.{c} || '#' || k.i")
        else:
            expressions.append(f"x.{c}")
    bound = f"b.{own_ids[table]}" if table in own_ids else f"b.{references[key]}"
    print(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} FROM {table} x, k, base b WHERE x.{key} <= {bound};")
print("""
DELETE FROM country_authors;
DELETE FROM country_author_counts;
INSERT INTO country_authors (country, author_id, name_key, works)
SELECT country, author_id, max(name_key), count(*) FROM work_author_countries GROUP BY country, author_id;
INSERT INTO country_author_counts (country, authors, name_keyed)
SELECT country, count(*), sum(name_key) FROM country_authors GROUP BY country;
UPDATE store_state SET value = value + 1 WHERE name = 'data_generation';
COMMIT;
PRAGMA journal_mode = WAL;
ANALYZE;""")
PY
echo "$out: $(sqlite3 "$out" 'SELECT count(*) FROM works') works, $(du -h "$out" | cut -f1)" >&2
