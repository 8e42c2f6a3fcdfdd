#!/usr/bin/env python3
"""Writes a large PubMed XML file (as a baseline file) by repeating the fixture articles with fresh PMIDs.

    python3 Benchmarks/make-pubmed-xml.py OUT.xml [MEGABYTES]   (default 300)

Each copy of a `<PubmedArticle>` gets its own PMID (`9<copy><n>`), so every article is a new work.
"""
import glob
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 300) * 1024 * 1024

articles = []
for path in sorted(glob.glob(os.path.join(root, "Fixtures", "pubmed_*.xml"))):
    text = open(path, encoding="utf-8").read()
    articles += re.findall(r"<PubmedArticle>.*?</PubmedArticle>", text, flags=re.S)
pmid = re.compile(r'(<MedlineCitation[^>]*>\s*<PMID[^>]*>)\d+(</PMID>)')

written = 0
count = 0
copy = 0
with open(out_path, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
              '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n')
    while written < target:
        copy += 1
        for n, article in enumerate(articles):
            body = pmid.sub(lambda m: f"{m.group(1)}9{copy:06d}{n:02d}{m.group(2)}", article, count=1) + "\n"
            out.write(body)
            written += len(body.encode("utf-8"))
            count += 1
            if written >= target:
                break
    out.write("</PubmedArticleSet>\n")
print(f"{out_path}: {count} articles, {written / 1048576:.0f} MiB", file=sys.stderr)
