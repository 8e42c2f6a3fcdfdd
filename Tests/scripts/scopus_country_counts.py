#!/usr/bin/env python3
"""Per-country works and distinct authors of a Scopus CSV, computed without scicollab's code.

Independent of the importer on purpose: Python's csv module reads the file; a work's countries come from
the last ", " component of each entry of its `Affiliations` column (not from `Authors with
affiliations`); an author belongs to a country when their `Authors with affiliations` entry contains an
affiliation of that country as a substring; authors are told apart by `Author(s) ID`. The small alias map
below covers the countries of the fixture it is run on (it fails loudly on any other name).

    python3 Tests/scripts/scopus_country_counts.py Fixtures/scopus_2023_litstudy_88rec.csv \
        > Tests/SciCollabTests/Expected/scopus_2023_litstudy_88rec.countries.json
"""
import csv
import json
import sys
from collections import defaultdict

ALIASES = {
    "United States": "US", "United Kingdom": "GB", "China": "CN", "Hong Kong": "HK", "Macao": "MO",
    "Australia": "AU", "Canada": "CA", "Germany": "DE", "France": "FR", "Italy": "IT", "Spain": "ES",
    "Japan": "JP", "South Korea": "KR", "Netherlands": "NL", "Switzerland": "CH", "Sweden": "SE",
    "Norway": "NO", "Denmark": "DK", "Finland": "FI", "Belgium": "BE", "Austria": "AT", "Israel": "IL",
    "India": "IN", "Brazil": "BR", "Singapore": "SG", "Taiwan": "TW", "Ireland": "IE", "Portugal": "PT",
    "Greece": "GR", "Poland": "PL", "New Zealand": "NZ", "Iran": "IR", "Turkey": "TR", "Mexico": "MX",
    "Saudi Arabia": "SA", "Malaysia": "MY", "Chile": "CL", "Colombia": "CO", "South Africa": "ZA",
    "Jordan": "JO", "Czech Republic": "CZ", "Slovenia": "SI", "Thailand": "TH", "Pakistan": "PK",
    "Qatar": "QA", "Lebanon": "LB", "Egypt": "EG", "Argentina": "AR", "Nigeria": "NG", "Indonesia": "ID",
    "Viet Nam": "VN", "Puerto Rico": "PR", "Lithuania": "LT", "Romania": "RO", "Bangladesh": "BD", "Russian Federation": "RU", "Hungary": "HU", "Croatia": "HR", "Cyprus": "CY",
    "United Arab Emirates": "AE", "Philippines": "PH", "Peru": "PE", "Estonia": "EE", "Serbia": "RS",
}


def country(affiliation: str) -> str:
    # One affiliation carries "…, China;, Email: …": the address ends before the e-mail.
    address = affiliation.split("Email:")[0].rstrip(" ,;")
    last = " ".join(t for t in address.rsplit(", ", 1)[-1].split() if "@" not in t)
    if last not in ALIASES:
        sys.exit(f"no alias for {last!r} in {affiliation!r}")
    return ALIASES[last]


def main(path: str) -> None:
    works = defaultdict(set)
    authors = defaultdict(set)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            affiliations = [a.strip() for a in row["Affiliations"].split("; ") if a.strip()]
            for affiliation in affiliations:
                works[country(affiliation)].add(row["EID"])
            ids = [i.strip() for i in row["Author(s) ID"].split(";") if i.strip()]
            entries = row["Authors with affiliations"].split("; ")
            if not row["Authors with affiliations"].strip():
                continue
            assert len(entries) == len(ids), row["EID"]
            for author_id, entry in zip(ids, entries):
                for affiliation in affiliations:
                    if affiliation in entry:
                        authors[country(affiliation)].add(author_id)
    result = {code: {"works": len(works[code]), "authors": len(authors[code])} for code in sorted(works)}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
