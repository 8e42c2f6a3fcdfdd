#!/usr/bin/env python3
"""Writes a large OpenAlex JSON Lines file (as the snapshot's part files) by repeating the fixture works
with fresh ids.

    python3 Benchmarks/make-openalex-jsonl.py OUT.jsonl [MEGABYTES]   (default 500)

Each copy of a work gets its own id (`W9<copy><n>`), so every line is a new work; everything else,
abstracts and reference lists included, is the work as OpenAlex returned it.
"""
import json
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 500) * 1024 * 1024

with open(os.path.join(root, "Fixtures", "openalex_api_works_page_50rec_2025.json")) as handle:
    works = json.load(handle)["results"]
with open(os.path.join(root, "Fixtures", "openalex_api_single_work_W2741809807_2025.json")) as handle:
    works.append(json.load(handle))

written = 0
count = 0
copy = 0
with open(out_path, "w") as out:
    while written < target:
        copy += 1
        for n, work in enumerate(works):
            work = dict(work)
            work["id"] = f"https://openalex.org/W9{copy:06d}{n:03d}"
            line = json.dumps(work, separators=(",", ":")) + "\n"
            out.write(line)
            written += len(line)
            count += 1
            if written >= target:
                break
print(f"{out_path}: {count} works, {written / 1048576:.0f} MiB", file=sys.stderr)
