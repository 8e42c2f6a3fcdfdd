#!/usr/bin/env python3
"""Writes a large Scopus CSV by repeating the records of the fixtures with fresh EIDs.

    python3 Benchmarks/make-scopus-csv.py OUT.csv [MEGABYTES]   (default 200)

Every copy of a record gets its own EID (`2-s2.0-9<copy><n>`), so each row is a new work; the header is
that of the 2023 vintage (46 columns) and the 2016 rows are left out (41 columns).
"""
import csv
import glob
import io
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 200) * 1024 * 1024

header = None
rows = []
for path in sorted(glob.glob(os.path.join(root, "Fixtures", "scopus_202[3-5]*.csv"))):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        file_header = next(reader)
        header = header or file_header
        if file_header != header:
            continue
        rows.extend(reader)

eid = header.index("EID")
with open(out_path, "w", encoding="utf-8", newline="") as out:
    out.write("\ufeff")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    copy = 0
    written = 0
    while written < target:
        buffer = io.StringIO()
        batch = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for n, row in enumerate(rows):
            row = list(row)
            row[eid] = f"2-s2.0-9{copy:06d}{n:04d}"
            batch.writerow(row)
        text = buffer.getvalue()
        out.write(text)
        written += len(text.encode("utf-8"))
        copy += 1
print(f"{out_path}: {copy * len(rows)} records, {os.path.getsize(out_path) / 1048576:.0f} MB")
