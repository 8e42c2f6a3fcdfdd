#!/usr/bin/env python3
"""Writes a large Web of Science plain-text export by repeating the records of the fixtures with fresh UTs.

    python3 Benchmarks/make-wos-txt.py OUT.txt [MEGABYTES]   (default 200)

The records come from the bundled `wos_txt_*` fixtures (1970s to 2026 vintages). Every copy of a record
gets its own accession number (`UT WOS:9<copy><n>`), so each is a new work; the file has the 2024
header, a BOM, and ends with `EF` without a final newline, as Clarivate writes it.
"""
import glob
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 200) * 1024 * 1024

records = []
for path in sorted(glob.glob(os.path.join(root, "Fixtures", "wos_txt_*.txt"))):
    text = open(path, encoding="utf-8-sig").read()
    for chunk in text.split("\nER\n"):
        start = chunk.find("PT ")
        if start < 0 or "\nUT " not in chunk:
            continue
        records.append(chunk[start:].rstrip("\n") + "\nER\n")

written = 0
copy = 0
count = 0
with open(out_path, "w", encoding="utf-8", newline="\n") as out:
    out.write("\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n")
    while written < target:
        copy += 1
        for n, record in enumerate(records):
            lines = record.split("\n")
            lines = [f"UT WOS:9{copy:06d}{n:05d}" if line.startswith("UT ") else line for line in lines]
            body = "\n".join(lines) + "\n"
            out.write(body)
            written += len(body.encode("utf-8"))
            count += 1
            if written >= target:
                break
    out.write("EF")
print(f"{out_path}: {count} records, {written / 1048576:.0f} MiB", file=sys.stderr)
