#!/usr/bin/env bash
# The same imports and queries on both engines: SQLite (a file) and PostgreSQL (a server). Prints Markdown tables.
#
#     Benchmarks/postgresql.sh ADMIN_URL [IMPORT_MEGABYTES] [COPIES]     (default 10 MB per format, 160 copies)
#
# ADMIN_URL is a PostgreSQL URL of a database where the benchmark may create and drop its own databases
# (scripts/postgres-test-server.sh start prints one). Imports: each format's generated file (Benchmarks/generate.py,
# seed 2026, kept in $BENCH_DIR) into a fresh SQLite file and a fresh PostgreSQL database. Queries: a corpus of
# COPIES copies of the fixtures (Benchmarks/make-million-db.sh; 1600 copies make about 1M works), copied into
# PostgreSQL with COPY (Benchmarks/sqlite-to-postgresql.py), every query command run twice on each engine, the
# second run timed. On PostgreSQL the server does the work: the time is wall time, the CPU seconds the client's.
# Needs python3, sqlite3 and psql. SCICOLLAB_BIN names a binary to measure instead of the release build.
# QUERIES_ONLY=1 skips the imports, IMPORTS_ONLY=1 the queries. QUERY_SQLITE=FILE and QUERY_URL=URL time the queries on
# an existing pair (the same corpus on both engines, e.g. the 1M-work database and its copy) instead of making one.
set -euo pipefail
cd "$(dirname "$0")/.."
admin=$1
size=${2:-10}
copies=${3:-160}
dir=${BENCH_DIR:-/tmp/scicollab-bench}
mkdir -p "$dir"
bin=${SCICOLLAB_BIN:-}
if [ -z "$bin" ]; then swift build -c release --static-swift-stdlib --product scicollab >/dev/null; bin=.build/release/scicollab; fi
with_database() {  # $1: a database name; prints its URL
  python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path='/' + sys.argv[2])))" "$admin" "$1"
}
fresh() {  # a new, empty PostgreSQL database; prints its URL
  psql "$admin" -qAtX -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
  with_database "$1"
}
schema_file=Fixtures/scopus_2024_pybibx_13rec.csv
timed() {  # "wall_seconds client_cpu_seconds" of a command, its output discarded
  /usr/bin/time -f "%e %U %S" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || { tail -3 "$dir/stderr.txt" >&2; true; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$dir/time.txt"
}

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(psql --version | head -1), SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo
[ -n "${QUERIES_ONLY:-}" ] && FORMATS=none
if [ "${FORMATS:-}" != none ]; then
  echo "| import of $size MB | SQLite: time, CPU s | PostgreSQL: time, client CPU s | PostgreSQL / SQLite |"
  echo "|---|---|---|---|"
fi
for format in ${FORMATS:-scopus-csv wos-txt pubmed-xml openalex-jsonl}; do
  [ "$format" = none ] && break
  input="$dir/${size}MB-${format/-/.}"
  [ -f "$input" ] || python3 Benchmarks/generate.py "$format" "$input" --megabytes "$size" 2>/dev/null
  rm -f "$dir/engines.sqlite" "$dir/engines.sqlite-wal" "$dir/engines.sqlite-shm"
  read -r swall scpu < <(timed "$bin" import "$input" --db "$dir/engines.sqlite")
  url=$(fresh scicollab_bench_import)
  "$bin" import "$schema_file" --db "$url" >/dev/null 2>&1   # the schema (and 13 works), outside the timing
  read -r pwall pcpu < <(timed "$bin" import "$input" --db "$url")
  echo "| $format | $swall s, $scpu | $pwall s, $pcpu | $(python3 -c "print(f'{$pwall / max($swall, 1e-9):.1f}')")× |"
done

[ -n "${IMPORTS_ONLY:-}" ] && exit 0
if [ -n "${QUERY_SQLITE:-}" ] && [ -n "${QUERY_URL:-}" ]; then
  db=$QUERY_SQLITE
  url=$QUERY_URL
  copied="an existing copy"
else
  db="$dir/engines-$copies.sqlite"
  [ -f "$db" ] || SCICOLLAB_BIN="$bin" Benchmarks/make-million-db.sh "$db" "$copies" >/dev/null
  url=$(fresh scicollab_bench_queries)
  "$bin" import "$schema_file" --db "$url" >/dev/null 2>&1   # the schema; the copy replaces every row
  copy_start=$(date +%s.%N)
  python3 Benchmarks/sqlite-to-postgresql.py "$db" "$url" 2>/dev/null
  copied="copied into PostgreSQL with COPY in $(python3 -c "import time; print(f'{time.time() - $copy_start:.0f}')") s"
fi
works=$(sqlite3 "$db" 'SELECT count(*) FROM works')
echo
echo "Queries on $works works ($copied; $(psql "$url" -qAtX -c 'SHOW max_parallel_workers_per_gather') parallel workers per query); the second of two runs:"
echo
echo "| query | SQLite: time, CPU s | PostgreSQL: time, client CPU s | PostgreSQL / SQLite |"
echo "|---|---|---|---|"
for command in "impact --country US" "institutions" "summary" "countries" "countries --by-year" "collaboration" "collaboration --by-year" \
               "pair US CN" "pair US CN --from 2016 --to 2024" "pairs" "pairs --by-year" "pairs --level institution" \
               "institutions --by-year" "fields --pair US CN" "explain pair US CN" "impact --pair US CN"; do
  "$bin" $command --db "$db" >/dev/null 2>&1 || true
  read -r swall scpu < <(timed "$bin" $command --db "$db")
  "$bin" $command --db "$url" >/dev/null 2>&1 || true
  read -r pwall pcpu < <(timed "$bin" $command --db "$url")
  echo "| \`$command\` | $swall s, $scpu | $pwall s, $pcpu | $(python3 -c "print(f'{$pwall / max($swall, 1e-9):.1f}')")× |"
done
