#!/usr/bin/env python3
"""Country-pair figures of a Scopus CSV or a Web of Science plain-text export, computed without scicollab.

For every pair of countries with a joint work: C_AB, N_A, N_B and, for Scopus files (whose authors have
ids), Authors(A), Authors(B), co-authors(A|B) and co-authors(B|A) (definitions §6, full counting).

Independent of the importers on purpose:
- Scopus: Python's csv module; a work's countries are the last ", " components of its `Affiliations`
  entries; an author belongs to a country when their `Authors with affiliations` entry contains an
  affiliation of that country; authors are told apart by `Author(s) ID`.
- WoS: records are cut at `ER` lines; each `C1` line (and its continuation lines) is one address, with the
  bracketed authors or, without brackets, all authors; the country is the last ", " component without its
  final full stop, `… USA` and `… NY 10027 USA` being the United States, `Hong Kong, Peoples R China` Hong Kong.
The alias map covers the countries of the fixtures it is run on and fails loudly on any other name.

    python3 Tests/scripts/pair_figures.py Fixtures/scopus_2023_litstudy_88rec.csv > Tests/SciCollabTests/Expected/scopus_2023_litstudy_88rec.pairs.json
    python3 Tests/scripts/pair_figures.py Fixtures/wos_txt_2014_wosfile_50rec.txt > Tests/SciCollabTests/Expected/wos_txt_2014_wosfile_50rec.pairs.json
"""
import csv
import itertools
import json
import sys
from collections import defaultdict

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from scopus_country_counts import ALIASES, country as scopus_country  # noqa: E402

WOS_ALIASES = dict(ALIASES)
WOS_ALIASES.update({
    "Peoples R China": "CN", "England": "GB", "Scotland": "GB", "Wales": "GB", "North Ireland": "GB",
    "South Korea": "KR", "Russia": "RU", "U Arab Emirates": "AE", "Bosnia & Herceg": "BA", "Turkiye": "TR",
    "Iceland": "IS", "Luxembourg": "LU", "Slovakia": "SK", "Kenya": "KE", "Ethiopia": "ET", "Ghana": "GH",
    "Uganda": "UG", "Tanzania": "TZ", "Vietnam": "VN", "Oman": "OM", "Kuwait": "KW", "Morocco": "MA",
    "Tunisia": "TN", "Algeria": "DZ", "Latvia": "LV", "Ukraine": "UA", "Bulgaria": "BG", "Sri Lanka": "LK",
    "Nepal": "NP", "Cameroon": "CM", "Zimbabwe": "ZW", "Rwanda": "RW", "Ecuador": "EC", "Uruguay": "UY",
    "Venezuela": "VE", "Costa Rica": "CR", "Iraq": "IQ", "Bahrain": "BH", "Brunei": "BN", "Cuba": "CU",
})


CHINA_REGIONS = {"Hong Kong": "HK", "Macau": "MO", "Macao": "MO", "Taiwan": "TW"}


def wos_country(address: str) -> str:
    parts = [p.strip() for p in address.rstrip(".").split(",")]
    last = parts[-1]
    if last.endswith("USA"):
        return "US"
    # A China region named just before `Peoples R China` is that region (definitions §2).
    if last == "Peoples R China" and len(parts) >= 2 and parts[-2] in CHINA_REGIONS:
        return CHINA_REGIONS[parts[-2]]
    if last not in WOS_ALIASES:
        sys.exit(f"no alias for {last!r} in {address!r}")
    return WOS_ALIASES[last]


def scopus(path):
    works = {}
    authors = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            affiliations = [a.strip() for a in row["Affiliations"].split("; ") if a.strip()]
            works[row["EID"]] = {scopus_country(a) for a in affiliations}
            ids = [i.strip() for i in row["Author(s) ID"].split(";") if i.strip()]
            by_country = defaultdict(set)
            if row["Authors with affiliations"].strip():
                for author_id, entry in zip(ids, row["Authors with affiliations"].split("; ")):
                    for affiliation in affiliations:
                        if affiliation in entry:
                            by_country[scopus_country(affiliation)].add(author_id)
            authors[row["EID"]] = by_country
    return works, authors


def wos(path):
    works = {}
    text = open(path, encoding="utf-8-sig").read()
    for record in text.split("\nER\n"):
        lines = record.split("\n")
        ut = next((l[3:].strip() for l in lines if l.startswith("UT ")), None)
        if ut is None:
            continue
        addresses, tag = [], None
        for line in lines:
            if line[:2].strip() and line[2:3] == " ":
                tag = line[:2]
                if tag == "C1":
                    addresses.append(line[3:].strip())
            elif line.startswith("   ") and tag == "C1":
                addresses.append(line.strip())
        countries = set()
        for address in addresses:
            if address.startswith("["):
                address = address.split("] ", 1)[1]
            countries.add(wos_country(address))
        works[ut] = countries
    return works, None


def main(path):
    works, authors = scopus(path) if path.endswith(".csv") else wos(path)
    output = defaultdict(int)
    for countries in works.values():
        for code in countries:
            output[code] += 1
    result = {}
    for a, b in sorted({p for c in works.values() for p in itertools.combinations(sorted(c), 2)}):
        joint = [w for w, c in works.items() if a in c and b in c]
        figures = {"coauthored": len(joint), "output_a": output[a], "output_b": output[b]}
        if authors is not None:
            figures["authors_a"] = len(set().union(*(authors[w].get(a, set()) for w in works)))
            figures["authors_b"] = len(set().union(*(authors[w].get(b, set()) for w in works)))
            figures["coauthors_a"] = len(set().union(*(authors[w].get(a, set()) for w in joint)))
            figures["coauthors_b"] = len(set().union(*(authors[w].get(b, set()) for w in joint)))
        result[f"{a}-{b}"] = figures
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
