#!/bin/sh
# Fuzzes one importer: scripts/fuzz.sh FORMAT SECONDS [SEED]
#
# FORMAT: scopus-csv, scopus-ris, scopus-bib, wos-txt, wos-tab, wos-bib, openalex-json, openalex-csv, pubmed-xml,
# medline-txt, crossref-json, crossref-xml, lens-csv, worldbank, claims
# (or "all": every format, SECONDS each, one after another).
#
# With libFuzzer (Swift's -sanitize=fuzzer, release build in .build/libfuzzer), seeded from the format's files in
# Fixtures/; without it (FUZZ_ENGINE=mutation, or when that build fails), the seeded mutation runner
# scicollab-fuzz. A crashing input is kept under .build/fuzz-crashes/FORMAT/; turn each into a case of
# Tests/SciCollabTests/Malformed/. Runs niced: the machine is shared.
set -u
cd "$(dirname "$0")/.." || exit 1
format=${1:?usage: scripts/fuzz.sh FORMAT SECONDS [SEED]}
seconds=${2:?usage: scripts/fuzz.sh FORMAT SECONDS [SEED]}
seed=${3:-1}
engine=${FUZZ_ENGINE:-libfuzzer}

if [ "$format" = all ]; then
    status=0
    for f in scopus-csv scopus-ris scopus-bib wos-txt wos-tab wos-bib openalex-json openalex-csv pubmed-xml medline-txt \
             crossref-json crossref-xml lens-csv worldbank claims; do
        "$0" "$f" "$seconds" "$seed" || status=1
    done
    exit $status
fi

crashes=.build/fuzz-crashes/$format
work=.build/fuzz-work/$format
mkdir -p "$crashes" "$work"

# The libFuzzer build. The system's gold cannot link the instrumented objects (an internal error), so when the
# build fails at the link, the same link command runs again with lld.
build_libfuzzer() {
    nice -n 10 swift build -c release --product scicollab-fuzz --build-path .build/libfuzzer \
        -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING "$@"
}
fuzzer=$(build_libfuzzer --show-bin-path 2>/dev/null)/scicollab-fuzz
libfuzzer_ready() {
    build_libfuzzer >"$work/build.log" 2>&1 && return 0
    link=$(build_libfuzzer -v 2>&1 | grep -E 'swiftc .* -emit-executable' | tail -1)
    [ -n "$link" ] && sh -c "$(echo "$link" | sed 's/ -emit-executable / -emit-executable -use-ld=lld /')" >>"$work/build.log" 2>&1
}

if [ "$engine" = libfuzzer ] && libfuzzer_ready; then
    corpus=$work/corpus
    mkdir -p "$corpus"
    # Seeds: the format's fixtures, cut to 32 KiB so that each run takes milliseconds.
    case $format in
        scopus-csv) pattern='Fixtures/scopus_20*';;
        wos-txt) pattern='Fixtures/wos_txt_*';;
        wos-tab) pattern='Fixtures/wos_tab_*';;
        openalex-json) pattern='Fixtures/openalex_*.json';;
        openalex-csv) pattern='Fixtures/openalex_*.csv';;
        pubmed-xml) pattern='Fixtures/pubmed_*.xml';;
        medline-txt) pattern='Fixtures/*.nbib';;
        worldbank) pattern='Fixtures/API_* Fixtures/Metadata_*';;
        claims) pattern='Fixtures/claims/*';;
        *) echo "unknown format $format" >&2; exit 64;;
    esac
    for file in $pattern; do head -c 32768 "$file" >"$corpus/$(basename "$file")"; done
    SCICOLLAB_FUZZ_FORMAT=$format SCICOLLAB_FUZZ_WORK=$work nice -n 10 "$fuzzer" \
        -max_total_time="$seconds" -seed="$seed" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" 2>"$work/libfuzzer.log"
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/libfuzzer.log" | grep -o '[0-9]*$')
    echo "$format: libFuzzer, ${runs:-?} runs in $seconds s, exit $status; crashes kept: $(ls "$crashes" | wc -l)"
    exit $status
fi

nice -n 10 swift build --product scicollab-fuzz >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
nice -n 10 .build/debug/scicollab-fuzz "$format" "$seconds" "$seed" Fixtures "$work"
status=$?
if [ $status -ne 0 ] && [ -f "$work/current.$format" ]; then
    kept=$crashes/crash-$(date +%s).$format
    cp "$work/current.$format" "$kept"
    echo "$format: crash (exit $status); input kept as $kept" >&2
fi
exit $status
