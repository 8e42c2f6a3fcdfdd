#!/usr/bin/env python3
"""Writes large, realistic bibliographic exports, deterministically from a seed.

    python3 Benchmarks/generate.py FORMAT OUT [--megabytes N] [--seed S]

FORMAT is scopus-csv, wos-txt, pubmed-xml or openalex-jsonl. The works are synthetic but shaped like real
exports: about 60 countries with a skewed (Zipf) share of output, several authors per work with one or two
affiliations each, about a quarter of the authors abroad (so international works are common), institutions
named the way each source writes them, skewed citation counts, subject fields, long abstracts, and the
format quirks of the real fixtures (UTF-8 BOM, quoted multi-line cells, WoS three-space continuation lines,
PubMed `; `-joined affiliations with e-mail addresses, OpenAlex per-year citations). The same seed gives the
same bytes.
"""
import argparse
import json
import random
import sys

COUNTRIES = [
    # ISO, Scopus name, WoS spelling, OpenAlex code
    ("US", "United States", "USA"), ("CN", "China", "Peoples R China"), ("GB", "United Kingdom", "England"),
    ("DE", "Germany", "Germany"), ("JP", "Japan", "Japan"), ("FR", "France", "France"), ("IN", "India", "India"),
    ("IT", "Italy", "Italy"), ("CA", "Canada", "Canada"), ("AU", "Australia", "Australia"), ("ES", "Spain", "Spain"),
    ("KR", "South Korea", "South Korea"), ("RU", "Russian Federation", "Russia"), ("BR", "Brazil", "Brazil"),
    ("NL", "Netherlands", "Netherlands"), ("CH", "Switzerland", "Switzerland"), ("SE", "Sweden", "Sweden"),
    ("IR", "Iran", "Iran"), ("TR", "Turkey", "Turkiye"), ("PL", "Poland", "Poland"), ("TW", "Taiwan", "Taiwan"),
    ("BE", "Belgium", "Belgium"), ("DK", "Denmark", "Denmark"), ("AT", "Austria", "Austria"), ("IL", "Israel", "Israel"),
    ("SG", "Singapore", "Singapore"), ("HK", "Hong Kong", "Hong Kong"), ("NO", "Norway", "Norway"),
    ("FI", "Finland", "Finland"), ("PT", "Portugal", "Portugal"), ("MX", "Mexico", "Mexico"), ("CZ", "Czech Republic", "Czech Republic"),
    ("GR", "Greece", "Greece"), ("SA", "Saudi Arabia", "Saudi Arabia"), ("EG", "Egypt", "Egypt"), ("ZA", "South Africa", "South Africa"),
    ("MY", "Malaysia", "Malaysia"), ("PK", "Pakistan", "Pakistan"), ("NZ", "New Zealand", "New Zealand"),
    ("IE", "Ireland", "Ireland"), ("AR", "Argentina", "Argentina"), ("CL", "Chile", "Chile"), ("TH", "Thailand", "Thailand"),
    ("HU", "Hungary", "Hungary"), ("RO", "Romania", "Romania"), ("NG", "Nigeria", "Nigeria"), ("VN", "Viet Nam", "Vietnam"),
    ("AE", "United Arab Emirates", "U Arab Emirates"), ("CO", "Colombia", "Colombia"), ("ID", "Indonesia", "Indonesia"),
    ("UA", "Ukraine", "Ukraine"), ("BD", "Bangladesh", "Bangladesh"), ("QA", "Qatar", "Qatar"), ("KE", "Kenya", "Kenya"),
    ("ET", "Ethiopia", "Ethiopia"), ("PE", "Peru", "Peru"), ("RS", "Serbia", "Serbia"), ("SI", "Slovenia", "Slovenia"),
    ("LT", "Lithuania", "Lithuania"), ("MO", "Macao", "Macao"),
]
WORDS = ("analysis model network data collaboration method result effect system study protein cell energy "
         "learning structure quantum policy growth impact measurement patient clinical surface material "
         "signal response dynamics evidence approach framework performance estimation").split()
CATEGORIES = ["Physics, Multidisciplinary", "Oncology", "Computer Science, Information Systems", "Chemistry, Physical",
              "Materials Science, Multidisciplinary", "Engineering, Electrical & Electronic", "Economics", "Neurosciences",
              "Information Science & Library Science", "Environmental Sciences", "Mathematics", "Cell Biology"]
SUBFIELDS = [(3106, "Nuclear and High Energy Physics", 31, "Physics and Astronomy", 3), (2730, "Oncology", 27, "Medicine", 4),
             (1710, "Information Systems", 17, "Computer Science", 3), (1606, "Physical and Theoretical Chemistry", 16, "Chemistry", 3),
             (2208, "Electrical and Electronic Engineering", 22, "Engineering", 3), (2002, "Economics and Econometrics", 20, "Economics, Econometrics and Finance", 2),
             (2805, "Cognitive Neuroscience", 28, "Neuroscience", 1), (1804, "Statistics, Probability and Uncertainty", 18, "Decision Sciences", 3)]
MESH = ["Humans", "Animals", "Female", "Male", "Adult", "Mice", "Neoplasms", "Risk Factors", "Cohort Studies", "Algorithms"]


class World:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(COUNTRIES))]
        self.weights = weights
        self.people = {}

    def country(self):
        return self.rng.choices(range(len(COUNTRIES)), self.weights)[0]

    def institution(self, country):
        k = min(int(self.rng.paretovariate(1.2)), 300)
        return k, f"{COUNTRIES[country][1].split()[0]} {'University' if k % 3 else 'Institute of Technology'} {k}"

    def author(self, country):
        n = self.rng.randrange(20000)
        key = (country, n)
        if key not in self.people:
            family = "".join(self.rng.choice("bcdfghklmnprstvz") + self.rng.choice("aeiou") for _ in range(3)).capitalize()
            given = self.rng.choice("ABCDEFGHIJKLMNOPRSTVW") + "".join(self.rng.choice("aeiou") + self.rng.choice("lmnrst") for _ in range(2))
            self.people[key] = (family, given, 57000000000 + country * 100000 + n)
        return self.people[key]

    def work(self, number):
        rng = self.rng
        home = self.country()
        n_authors = min(1 + int(rng.expovariate(1 / 4.5)), 60)
        authors = []
        for _ in range(n_authors):
            country = home if rng.random() > 0.25 else self.country()
            affiliations = [(country,) + self.institution(country)]
            if rng.random() < 0.15:
                other = country if rng.random() < 0.6 else self.country()
                affiliations.append((other,) + self.institution(other))
            authors.append((self.author(country), affiliations))
        words = rng.randint(120, 260)
        abstract = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
        year = rng.randint(2012, 2024)
        citations = int(rng.paretovariate(1.3)) - 1 + rng.randint(0, 5)
        return dict(number=number, year=year, authors=authors, abstract=abstract, title=title, citations=citations,
                    subfield=rng.choice(SUBFIELDS), category=rng.choice(CATEGORIES), corresponding=rng.randrange(n_authors),
                    mesh=rng.sample(MESH, 3), doc="Review" if rng.random() < 0.1 else "Article")


def address(affiliation, form):
    country, k, name = affiliation
    iso, scopus, wos = COUNTRIES[country]
    city = f"City {k % 17}"
    if form == "scopus":
        return f"Department of {['Physics', 'Medicine', 'Computer Science', 'Economics'][k % 4]}, {name}, {city}, {scopus}"
    if form == "wos":
        zip_code = f" {10000 + k * 7}" if iso == "US" else ""
        state = " MA" if iso == "US" else ""
        return f"{name.replace('University', 'Univ').replace('Institute of Technology', 'Inst Technol')}, Dept {['Phys', 'Med', 'Comp Sci', 'Econ'][k % 4]}, {city},{state}{zip_code} {wos}" if iso == "US" else \
            f"{name.replace('University', 'Univ').replace('Institute of Technology', 'Inst Technol')}, Dept {['Phys', 'Med', 'Comp Sci', 'Econ'][k % 4]}, {city}, {wos}"
    return f"Department of {['Physics', 'Medicine', 'Computer Science', 'Economics'][k % 4]}, {name}, {city}, {scopus}"


def scopus_csv(world, out, target):
    import csv, io
    header = ["Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "Volume", "Issue", "Art. No.",
              "Page start", "Page end", "Page count", "Cited by", "DOI", "Link", "Affiliations", "Authors with affiliations",
              "Abstract", "Author Keywords", "Index Keywords", "Molecular Sequence Numbers", "Chemicals/CAS", "Tradenames",
              "Manufacturers", "Funding Details", "Funding Texts", "References", "Correspondence Address", "Editors",
              "Publisher", "Sponsors", "Conference name", "Conference date", "Conference location", "Conference code", "ISSN",
              "ISBN", "CODEN", "PubMed ID", "Language of Original Document", "Abbreviated Source Title", "Document Type",
              "Publication Stage", "Open Access", "Source", "EID"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    out.write("\ufeff")
    writer.writerow(header)
    written, number = 0, 0
    while written < target:
        number += 1
        w = world.work(number)
        names = [f"{a[0][0]} {a[0][1][0]}." for a, _ in [(x[0], x[1]) for x in w["authors"]]]
        full = [f"{a[0]}, {a[1]} ({a[2]})" for a, _ in w["authors"]]
        affiliations = []
        for _, affs in w["authors"]:
            for affiliation in affs:
                text = address(affiliation, "scopus")
                if text not in affiliations:
                    affiliations.append(text)
        with_affs = "; ".join(f"{names[i]}, " + ", ".join(address(a, "scopus") for a in affs) for i, (_, affs) in enumerate(w["authors"]))
        corresponding = w["authors"][w["corresponding"]]
        row = {"Authors": "; ".join(names), "Author full names": "; ".join(full),
               "Author(s) ID": "; ".join(str(a[2]) for a, _ in w["authors"]), "Title": w["title"], "Year": w["year"],
               "Source title": f"Journal of {w['subfield'][1]}", "Cited by": w["citations"], "DOI": f"10.9999/gen.{number}",
               "Affiliations": "; ".join(affiliations), "Authors with affiliations": with_affs,
               "Abstract": w["abstract"] + "\n\n" + w["abstract"][:200],
               "References": "; ".join(f"Ref {k}, {w['year'] - k % 5}" for k in range(25)),
               "Correspondence Address": f"{corresponding[0][0]} {corresponding[0][1][0]}.; {address(corresponding[1][0], 'scopus')}; email: x{number}@example.org",
               "ISSN": f"{1000 + number % 8000:04d}{number % 9000:04d}"[:8], "Language of Original Document": "English",
               "Document Type": w["doc"], "Source": "Scopus", "EID": f"2-s2.0-8{number:010d}"}
        writer.writerow([row.get(column, "") for column in header])
        chunk = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        out.write(chunk)
        written += len(chunk.encode("utf-8"))
    return number


def wrap(tag, values, list_tag, width=78):
    lines = []
    if list_tag:
        for i, value in enumerate(values):
            lines.append((tag + " " if i == 0 else "   ") + value)
        return lines
    text, first = values, True
    while text:
        cut = len(text) if len(text) <= width else (text.rfind(" ", 0, width) if text.rfind(" ", 0, width) > 0 else width)
        lines.append((tag + " " if first else "   ") + text[:cut])
        text, first = text[cut:].lstrip(), False
    return lines


def wos_txt(world, out, target):
    out.write("\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n")
    written, number = 0, 0
    while written < target:
        number += 1
        w = world.work(number)
        short = [f"{a[0]}, {a[1][0]}" for a, _ in w["authors"]]
        full = [f"{a[0]}, {a[1]}" for a, _ in w["authors"]]
        groups = {}
        for i, (_, affs) in enumerate(w["authors"]):
            for affiliation in affs:
                groups.setdefault(address(affiliation, "wos"), []).append(full[i])
        c1 = [f"[{'; '.join(names)}] {addr}." for addr, names in groups.items()]
        corresponding = w["corresponding"]
        lines = ["PT J"] + wrap("AU", short, True) + wrap("AF", full, True) + wrap("TI", w["title"], False) + \
            [f"SO JOURNAL OF {w['subfield'][1].upper()}", "LA English", f"DT {w['doc']}"] + wrap("AB", w["abstract"], False) + \
            wrap("C1", c1, True) + [f"RP {short[corresponding]} (corresponding author), {address(w['authors'][corresponding][1][0], 'wos')}."] + \
            wrap("CR", [f"Author{k} A, {w['year'] - k % 7}, J GEN, V{k}, P{k * 3}" for k in range(30)], True) + \
            [f"TC {w['citations']}", f"Z9 {w['citations'] + number % 3}", f"SN {1000 + number % 8000:04d}-{number % 9000:04d}",
             f"PY {w['year']}", f"DI 10.9999/gen.{number}"] + wrap("WC", w["category"], False) + \
            [f"SC {w['category'].split(',')[0]}", f"UT WOS:9{number:014d}", "ER", ""]
        text = "\n".join(lines) + "\n"
        out.write(text)
        written += len(text.encode("utf-8"))
    out.write("EF")
    return number


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pubmed_xml(world, out, target):
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
              '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n')
    written, number = 0, 0
    while written < target:
        number += 1
        w = world.work(number)
        authors = []
        for (family, given, _), affs in w["authors"]:
            joined = "; ".join(address(a, "pubmed") for a in affs)
            if number % 5 == 0:
                joined += f". Electronic address: {family.lower()}@example.org."
            authors.append(f"<Author ValidYN=\"Y\"><LastName>{family}</LastName><ForeName>{given}</ForeName><Initials>{given[0]}</Initials>"
                           f"<AffiliationInfo><Affiliation>{xml_escape(joined)}</Affiliation></AffiliationInfo></Author>")
        mesh = "".join(f"<MeshHeading><DescriptorName UI=\"D{k:06d}\" MajorTopicYN=\"N\">{m}</DescriptorName></MeshHeading>" for k, m in enumerate(w["mesh"]))
        pmid = 40000000 + number
        text = (f"<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}</PMID><Article PubModel=\"Print\">"
                f"<Journal><ISSN IssnType=\"Electronic\">{1000 + number % 8000:04d}-{number % 9000:04d}</ISSN><JournalIssue CitedMedium=\"Internet\">"
                f"<PubDate><Year>{w['year']}</Year></PubDate></JournalIssue><Title>Journal of {w['subfield'][1]}</Title></Journal>"
                f"<ArticleTitle>{xml_escape(w['title'])}.</ArticleTitle><ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.9999/gen.{number}</ELocationID>"
                f"<Abstract><AbstractText>{xml_escape(w['abstract'])}</AbstractText></Abstract><AuthorList CompleteYN=\"Y\">{''.join(authors)}</AuthorList>"
                f"<Language>eng</Language><PublicationTypeList><PublicationType UI=\"D016428\">Journal Article</PublicationType></PublicationTypeList>"
                f"</Article><MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation><PubmedData><ArticleIdList>"
                f"<ArticleId IdType=\"pubmed\">{pmid}</ArticleId><ArticleId IdType=\"doi\">10.9999/gen.{number}</ArticleId></ArticleIdList>"
                f"</PubmedData></PubmedArticle>\n")
        out.write(text)
        written += len(text.encode("utf-8"))
    out.write("</PubmedArticleSet>\n")
    return number


def openalex_jsonl(world, out, target):
    written, number = 0, 0
    while written < target:
        number += 1
        w = world.work(number)
        authorships = []
        for i, ((family, given, aid), affs) in enumerate(w["authors"]):
            institutions = [{"id": f"https://openalex.org/I{a[0] * 1000 + a[1]}", "display_name": a[2], "ror": None,
                             "country_code": COUNTRIES[a[0]][0], "type": "education"} for a in affs]
            authorships.append({"author_position": "first" if i == 0 else "middle", "author": {
                "id": f"https://openalex.org/A{aid}", "display_name": f"{given} {family}", "orcid": None},
                "institutions": institutions, "countries": sorted({x["country_code"] for x in institutions}),
                "is_corresponding": i == w["corresponding"], "raw_author_name": f"{given} {family}",
                "raw_affiliation_strings": [address(a, "openalex") for a in affs]})
        sub = w["subfield"]
        topic = {"id": f"https://openalex.org/T{sub[0]}", "display_name": sub[1], "score": 0.99,
                 "subfield": {"id": f"https://openalex.org/subfields/{sub[0]}", "display_name": sub[1]},
                 "field": {"id": f"https://openalex.org/fields/{sub[2]}", "display_name": sub[3]},
                 "domain": {"id": f"https://openalex.org/domains/{sub[4]}", "display_name": "Physical Sciences"}}
        counts = [{"year": y, "cited_by_count": max(0, w["citations"] // 6 + (y % 3))} for y in range(2025, w["year"] - 1, -1)]
        inverted = {}
        for position, word in enumerate(w["abstract"].split()):
            inverted.setdefault(word, []).append(position)
        record = {"id": f"https://openalex.org/W9{number:09d}", "doi": f"https://doi.org/10.9999/gen.{number}", "title": w["title"],
                  "display_name": w["title"], "publication_year": w["year"], "language": "en", "type": w["doc"].lower(),
                  "primary_location": {"source": {"display_name": f"Journal of {sub[1]}", "issn_l": "1234-5678", "issn": ["1234-5678"]}},
                  "authorships": authorships, "cited_by_count": w["citations"], "counts_by_year": counts,
                  "fwci": round(w["citations"] / 12.0, 3), "citation_normalized_percentile": {"value": 0.5},
                  "primary_topic": topic, "topics": [topic], "abstract_inverted_index": inverted,
                  "referenced_works": [f"https://openalex.org/W{1000 + k}" for k in range(30)]}
        line = json.dumps(record, separators=(",", ":")) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
    return number


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("format", choices=["scopus-csv", "wos-txt", "pubmed-xml", "openalex-jsonl"])
    parser.add_argument("out")
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    world = World(args.seed)
    target = int(args.megabytes * 1024 * 1024)
    writer = {"scopus-csv": scopus_csv, "wos-txt": wos_txt, "pubmed-xml": pubmed_xml, "openalex-jsonl": openalex_jsonl}[args.format]
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        count = writer(world, out, target)
    print(f"{args.out}: {count} works, {args.format}, seed {args.seed}", file=sys.stderr)


if __name__ == "__main__":
    main()
