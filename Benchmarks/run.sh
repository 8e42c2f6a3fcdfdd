#!/usr/bin/env bash
# Runs the import benchmarks of every format, with the reference tools on the same files in the same run,
# and (with --queries) the query benchmarks on a database of about 1M works. Prints a Markdown table.
#
#     Benchmarks/run.sh [MEGABYTES] [--queries | --queries-only]        (default 100 MB per format)
#
# Needs python3, sqlite3 and xmllint (Debian: apt-get install sqlite3 libxml2-utils). Inputs are generated
# by Benchmarks/generate.py (seed 2026) into $BENCH_DIR (default /tmp/scicollab-bench) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100}
queries=no
imports=yes
for arg in "$@"; do
  [ "$arg" = "--queries" ] && queries=yes
  [ "$arg" = "--queries-only" ] && queries=yes && imports=no
done
dir=${BENCH_DIR:-/tmp/scicollab-bench}
mkdir -p "$dir"
swift build -c release >/dev/null
bin=.build/release/scicollab

runs=${RUNS:-3}
declare -A files=([scopus-csv]=scopus.csv [wos-txt]=wos.txt [pubmed-xml]=pubmed.xml [openalex-jsonl]=openalex.jsonl)
timed() {  # prints "seconds peak_kb" of a command, its output discarded
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || true
  cat "$dir/time.txt"
}
median_import() {  # the median of $runs imports of $1 into fresh databases: "seconds peak_kb"
  for _ in $(seq "$runs"); do
    rm -f "$dir/bench.sqlite" "$dir/bench.sqlite-wal" "$dir/bench.sqlite-shm"
    timed "$bin" import "$1" --db "$dir/bench.sqlite"
  done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
rate() { python3 -c "print(f'{$1 / 1048576 / max($2, 1e-9):.1f}')"; }

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(swift --version 2>&1 | head -1 | sed 's/ (.*//'), $(sqlite3 --version | cut -d' ' -f1 | sed 's/^/SQLite /'), $(xmllint --version 2>&1 | head -1 | sed 's/.*using //')"
echo
if [ "$imports" = yes ]; then
echo "Imports: the median of $runs runs into a fresh database; parsing alone is \`import --dry-run\` (reading, no SQLite)."
echo
echo "| format | input | scicollab import | records/s | peak RSS | parsing alone | reference (same file, same run) |"
echo "|---|---|---|---|---|---|---|"
for format in scopus-csv wos-txt pubmed-xml openalex-jsonl; do
  input="$dir/${size}MB-${files[$format]}"
  [ -f "$input" ] || python3 Benchmarks/generate.py "$format" "$input" --megabytes "$size" 2>/dev/null
  bytes=$(stat -c %s "$input")
  read -r seconds kb < <(median_import "$input")
  records=$(grep -o '[0-9]* records read' "$dir/stderr.txt" | cut -d' ' -f1)
  read -r parse _ < <(timed "$bin" import --dry-run "$input")
  case $format in
    scopus-csv)
      read -r ref _ < <(timed python3 -c "import csv,sys; csv.field_size_limit(10**9); [0 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))]" "$input")
      rm -f "$dir/import.sqlite"
      read -r ref2 _ < <(timed sqlite3 "$dir/import.sqlite" ".mode csv" ".import '$input' t")
      reference="Python csv reading: $(rate "$bytes" "$ref") MB/s ($ref s); sqlite3 .import: $(rate "$bytes" "$ref2") MB/s ($ref2 s)" ;;
    wos-txt)
      read -r ref _ < <(timed python3 -c "import sys; [0 for _ in open(sys.argv[1], encoding='utf-8')]" "$input")
      reference="Python reading the lines: $(rate "$bytes" "$ref") MB/s ($ref s)" ;;
    pubmed-xml)
      read -r ref _ < <(timed xmllint --stream --noout "$input")
      reference="xmllint --stream --noout: $(rate "$bytes" "$ref") MB/s ($ref s); ratio $(python3 -c "print(f'{$ref / $seconds:.2f}')")×" ;;
    openalex-jsonl)
      read -r ref _ < <(timed python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$input")
      reference="Python json.loads per line: $(rate "$bytes" "$ref") MB/s ($ref s)" ;;
  esac
  echo "| $format | $(rate "$bytes" 1) MB | $(rate "$bytes" "$seconds") MB/s ($seconds s) | $(python3 -c "print(round($records / $seconds))") | $((kb / 1024)) MB | $(rate "$bytes" "$parse") MB/s | $reference |"
done
fi

if [ "$queries" = yes ]; then
  db="$dir/million.sqlite"
  [ -f "$db" ] || Benchmarks/make-million-db.sh "$db" 1600
  echo
  echo "| query on $(sqlite3 "$db" 'SELECT count(*) FROM works') works | time | peak RSS |"
  echo "|---|---|---|"
  # A new data generation first, so that the first impact command computes (and keeps) its model.
  sqlite3 "$db" "UPDATE store_state SET value = value + 1 WHERE name = 'data_generation';" 2>/dev/null || true
  $bin summary --db "$db" >/dev/null  # applies pending migrations once, outside the timings
  read -r seconds kb < <(timed $bin impact --country US --db "$db")
  echo "| \`impact --country US\`, first run: computes the impact model of every work and keeps it | $seconds s | $((kb / 1024)) MB |"
  # Every other command: the second of two runs (the page cache warm, as when an analysis is re-run).
  for command in "summary" "countries --no-impact" "countries" "collaboration --no-impact" "collaboration" \
                 "pair US CN --no-impact" "pair US CN" "pair US CN --from 2016 --to 2024" "pair RU CN" "pairs" \
                 "pairs --country US" "impact --country US" "impact --pair US CN"; do
    $bin $command --db "$db" >/dev/null 2>&1 || true
    read -r seconds kb < <(timed $bin $command --db "$db")
    echo "| \`$command\` | $seconds s | $((kb / 1024)) MB |"
  done
  echo
  echo "The first \`impact\` computes the impact model of the database and keeps it; every later command with"
  echo "the same options reads it until the data change. Targets: \`pair\` < 1 s, \`pairs\` < 3 s, \`countries\` < 2 s."
fi
