#!/usr/bin/env python3
"""The reference for the query benchmarks: the SQL of scicollab's main aggregates, run by DuckDB on a copy of
the same tables (Benchmarks/run.sh sets each beside the scicollab command that computes the same result).

    python3 Benchmarks/duckdb_queries.py SQLITE_DB DUCKDB_FILE QUERY    (prints "wall_seconds cpu_seconds peak_rss_kb")
    python3 Benchmarks/duckdb_queries.py SQLITE_DB DUCKDB_FILE --list

The copy is made once (tables exported as CSV by the sqlite3 tool, loaded with their SQLite column types) and
reused. Each query runs twice and the second run is timed, as the scicollab commands are (warm caches).
Needs `pip install duckdb` and the sqlite3 command-line tool.
"""
import os
import resource
import subprocess
import sys
import time

TABLES = ["work_facts", "work_countries", "work_country_pairs", "work_author_countries", "country_authors",
          "country_author_counts", "work_fields", "fields", "works", "work_institutions", "work_institution_authors",
          "authorships", "authors", "affiliations", "source_records"]
# Tables copied with only the columns the queries read (the rest is text no query needs).
COLUMNS = {"authorships": ["work_id", "author_id"], "authors": ["id", "identity_kind"],
           "affiliations": ["work_id", "raw", "country", "country_source"], "source_records": ["work_id", "source"]}

# The pairs of every work's institutions (scicollab keeps their sums; DuckDB forms them from the work rows).
INSTITUTION_PAIRS = """
    SELECT x.work_id, x.institution AS a, y.institution AS b, x.year, 1.0 / (x.institutions - 1) AS link,
           x.weight AS weight_a, y.weight AS weight_b
    FROM work_institutions x JOIN work_institutions y ON y.work_id = x.work_id AND y.institution > x.institution"""

# One query per scicollab command: the aggregate the command's figures come from.
QUERIES = {
    "countries": """
        SELECT wc.country, count(*), sum(wc.weight), sum(wc.is_lead), sum(CASE WHEN wc.countries > 1 THEN 1 ELSE 0 END),
               sum(wc.citations), max(c.authors)
        FROM work_countries wc LEFT JOIN country_author_counts c ON c.country = wc.country GROUP BY wc.country""",
    "countries --by-year": """
        WITH a AS (SELECT country, year, count(DISTINCT author_id) AS n FROM work_author_countries
                   WHERE year IS NOT NULL GROUP BY country, year)
        SELECT wc.country, wc.year, count(*), sum(wc.weight), sum(wc.citations), sum(CASE WHEN wc.citations IS NULL THEN 1 ELSE 0 END),
               sum(CASE WHEN wc.countries >= 2 THEN 1 ELSE 0 END), max(a.n)
        FROM work_countries wc LEFT JOIN a ON a.country = wc.country AND a.year = wc.year
        WHERE wc.year IS NOT NULL GROUP BY wc.country, wc.year""",
    "collaboration --by-year": """
        SELECT year, collaboration, count(*), sum(citations), sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END)
        FROM work_facts WHERE year IS NOT NULL AND collaboration IS NOT NULL GROUP BY year, collaboration""",
    "pairs --by-year": """
        WITH o AS (SELECT country, year, count(*) AS n FROM work_countries WHERE year IS NOT NULL GROUP BY country, year)
        SELECT p.year, p.a, p.b, count(*), sum(p.link), max(oa.n), max(ob.n)
        FROM work_country_pairs p LEFT JOIN o oa ON oa.country = p.a AND oa.year = p.year
        LEFT JOIN o ob ON ob.country = p.b AND ob.year = p.year
        WHERE p.year IS NOT NULL GROUP BY p.year, p.a, p.b""",
    "collaboration": """
        SELECT wc.country, f.collaboration, count(*), sum(f.citations)
        FROM work_countries wc JOIN work_facts f ON f.work_id = wc.work_id GROUP BY wc.country, f.collaboration""",
    "pairs": """
        SELECT a, b, count(*), sum(link), sum(weight_a), sum(weight_b), sum(lead_a), sum(lead_b), sum(citations)
        FROM work_country_pairs GROUP BY a, b""",
    "pair US CN": """
        SELECT (SELECT count(*) FROM work_countries WHERE country = 'US'), (SELECT count(*) FROM work_countries WHERE country = 'CN'),
               (SELECT count(*) FROM work_country_pairs WHERE a = 'CN' AND b = 'US'),
               (SELECT count(DISTINCT x.author_id) FROM work_author_countries x JOIN work_country_pairs p
                  ON p.work_id = x.work_id AND p.a = 'CN' AND p.b = 'US' WHERE x.country = 'US')""",
    "countries --group BRICS": """
        WITH g AS (SELECT work_id, sum(weight) AS weight, max(countries) AS countries, max(citations) AS citations
                   FROM work_countries WHERE country IN ('BR', 'RU', 'IN', 'CN', 'ZA') GROUP BY work_id)
        SELECT count(*), sum(weight), sum(citations), sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END),
               sum(CASE WHEN countries > 1 THEN 1 ELSE 0 END),
               (SELECT count(DISTINCT author_id) FROM work_author_countries WHERE country IN ('BR', 'RU', 'IN', 'CN', 'ZA'))
        FROM g""",
    "pair BRICS US": """
        WITH g AS (SELECT work_id, sum(weight) AS weight, count(*) AS members, max(countries) AS k, max(year) AS year
                   FROM work_countries WHERE country IN ('BR', 'RU', 'IN', 'CN', 'ZA') GROUP BY work_id),
             j AS (SELECT g.work_id, g.year, g.members * 1.0 / (g.k - 1) AS link, g.weight AS wa, u.weight AS wb
                   FROM g JOIN work_countries u ON u.work_id = g.work_id AND u.country = 'US')
        SELECT (SELECT count(*) FROM g), (SELECT count(*) FROM work_countries WHERE country = 'US'),
               (SELECT count(*) FROM j), (SELECT sum(link) FROM j),
               (SELECT count(DISTINCT x.author_id) FROM work_author_countries x JOIN j ON j.work_id = x.work_id
                 WHERE x.country IN ('BR', 'RU', 'IN', 'CN', 'ZA')),
               (SELECT count(DISTINCT x.author_id) FROM work_author_countries x JOIN j ON j.work_id = x.work_id WHERE x.country = 'US')""",
    "pair US CN --from 2016 --to 2024": """
        SELECT (SELECT count(DISTINCT author_id) FROM work_author_countries WHERE country = 'US' AND year BETWEEN 2016 AND 2024),
               (SELECT count(DISTINCT author_id) FROM work_author_countries WHERE country = 'CN' AND year BETWEEN 2016 AND 2024),
               (SELECT count(*) FROM work_country_pairs WHERE a = 'CN' AND b = 'US' AND year BETWEEN 2016 AND 2024)""",
    "fields --pair US CN --scheme asjc-area": """
        WITH m AS (SELECT work_id FROM work_country_pairs WHERE a = 'CN' AND b = 'US'),
             sa AS (SELECT work_id, weight FROM work_countries WHERE country = 'US'),
             sb AS (SELECT work_id, weight FROM work_countries WHERE country = 'CN'),
             c AS (SELECT coalesce(m.work_id, sa.work_id, sb.work_id) AS work_id, m.work_id IS NOT NULL AS member,
                          sa.weight AS wa, sb.weight AS wb
                   FROM m FULL JOIN sa ON sa.work_id = m.work_id FULL JOIN sb ON sb.work_id = coalesce(m.work_id, sa.work_id))
        SELECT fl.code, sum(CASE WHEN member THEN 1 ELSE 0 END), sum(CASE WHEN member THEN f.citations END),
               count(wa), sum(wa), count(wb), sum(wb)
        FROM c JOIN work_facts f ON f.work_id = c.work_id JOIN work_fields wf ON wf.work_id = c.work_id
        JOIN fields fl ON fl.id = wf.field_id AND fl.scheme = 'asjc-area' GROUP BY fl.code""",
    "institutions": f"""
        WITH p AS (SELECT DISTINCT a, b FROM ({INSTITUTION_PAIRS})),
             partners AS (SELECT i, count(*) AS n FROM (SELECT a AS i FROM p UNION ALL SELECT b FROM p) GROUP BY i),
             authors AS (SELECT institution, count(DISTINCT author_id) AS n FROM work_institution_authors GROUP BY institution)
        SELECT wi.institution, count(*), sum(wi.weight), sum(wi.citations), sum(CASE WHEN wi.citations IS NULL THEN 1 ELSE 0 END),
               sum(CASE WHEN wi.countries >= 2 THEN 1 ELSE 0 END), max(a.n), max(pa.n)
        FROM work_institutions wi LEFT JOIN authors a ON a.institution = wi.institution
        LEFT JOIN partners pa ON pa.i = wi.institution GROUP BY wi.institution""",
    "institutions --by-year": """
        WITH authors AS (SELECT institution, year, count(DISTINCT author_id) AS n FROM work_institution_authors
                         WHERE year IS NOT NULL GROUP BY institution, year)
        SELECT wi.institution, wi.year, count(*), sum(wi.weight), sum(wi.citations), sum(CASE WHEN wi.citations IS NULL THEN 1 ELSE 0 END),
               sum(CASE WHEN wi.countries >= 2 THEN 1 ELSE 0 END), max(a.n)
        FROM work_institutions wi LEFT JOIN authors a ON a.institution = wi.institution AND a.year = wi.year
        WHERE wi.year IS NOT NULL GROUP BY wi.institution, wi.year""",
    "pairs --level institution": f"""
        SELECT a, b, count(*), sum(link), sum(weight_a), sum(weight_b) FROM ({INSTITUTION_PAIRS}) GROUP BY a, b""",
    "pairs --level institution --by-year": f"""
        SELECT year, a, b, count(*), sum(link) FROM ({INSTITUTION_PAIRS}) WHERE year IS NOT NULL GROUP BY year, a, b""",
    # Every aggregate of the summary, one statement after the other (the SQL scicollab computes its kept totals with).
    "summary": [
        "SELECT sum(authors), sum(resolved_authorships) FROM work_facts",
        """SELECT count(*), sum(CASE WHEN a.identity_kind = 'name_key' THEN 1 ELSE 0 END)
           FROM (SELECT DISTINCT author_id FROM authorships) d JOIN authors a ON a.id = d.author_id""",
        """SELECT w.source, count(*), sum(CASE WHEN af.country IS NULL THEN 0 ELSE 1 END),
                  sum(CASE WHEN af.country_source = 'structured' THEN 1 ELSE 0 END),
                  sum(CASE WHEN af.country_source = 'address' THEN 1 ELSE 0 END),
                  sum(CASE WHEN af.country_source = 'correspondence' THEN 1 ELSE 0 END)
           FROM affiliations af JOIN works w ON w.id = af.work_id GROUP BY w.source""",
        """SELECT source, year, doc_type, count(*), sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END)
           FROM works GROUP BY source, year, doc_type""",
        "SELECT raw, count(*) FROM affiliations WHERE country IS NULL GROUP BY raw ORDER BY 2 DESC, 1 LIMIT 10",
        """WITH m AS (SELECT DISTINCT work_id, source FROM source_records
                      WHERE work_id IN (SELECT work_id FROM source_records GROUP BY work_id HAVING count(*) > 1))
           SELECT x.source, y.source, count(*) FROM m x JOIN m y ON y.work_id = x.work_id AND y.source > x.source GROUP BY 1, 2""",
        "SELECT source, count(DISTINCT work_id) FROM source_records GROUP BY source",
    ],
}


def sqlite_type(declared):
    declared = (declared or "").upper()
    if "INT" in declared:
        return "BIGINT"
    if "REAL" in declared or "FLOA" in declared or "DOUB" in declared:
        return "DOUBLE"
    return "VARCHAR"


def build_copy(sqlite_path, duckdb_path):
    import duckdb
    connection = duckdb.connect(duckdb_path + ".tmp")
    copy_tables(sqlite_path, duckdb_path, connection, TABLES)
    connection.close()
    os.rename(duckdb_path + ".tmp", duckdb_path)


def add_missing_tables(sqlite_path, duckdb_path):
    """Copies the tables of TABLES that a copy made before they were listed lacks."""
    import duckdb
    connection = duckdb.connect(duckdb_path)
    present = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    copy_tables(sqlite_path, duckdb_path, connection, [t for t in TABLES if t not in present])
    connection.close()


def copy_tables(sqlite_path, duckdb_path, connection, tables):
    import sqlite3
    if not tables:
        return
    folder = duckdb_path + ".csv"
    os.makedirs(folder, exist_ok=True)
    source = sqlite3.connect(sqlite_path)
    columns = {t: [(r[1], sqlite_type(r[2])) for r in source.execute(f"SELECT * FROM pragma_table_info('{t}')")
                   if t not in COLUMNS or r[1] in COLUMNS[t]] for t in tables}
    source.close()
    for table in tables:
        csv = os.path.join(folder, table + ".csv")
        names = ", ".join(name for name, _ in columns[table])
        with open(csv, "w") as out:
            subprocess.run(["sqlite3", "-csv", sqlite_path, f"SELECT {names} FROM {table}"], stdout=out, check=True)
        connection.execute(f"CREATE TABLE {table} (" + ", ".join(f'"{n}" {t}' for n, t in columns[table]) + ")")
        types = "{" + ", ".join(f"'{n}': '{t}'" for n, t in columns[table]) + "}"
        connection.execute(f"INSERT INTO {table} SELECT * FROM read_csv('{csv}', header = false, columns = {types}, "
                           f"nullstr = '', quote = '\"', escape = '\"', max_line_size = 100000000)")
        os.remove(csv)


def main():
    sqlite_path, duckdb_path, query = sys.argv[1], sys.argv[2], sys.argv[3]
    if query == "--list":
        print("\n".join(QUERIES))
        return
    if not os.path.exists(duckdb_path):
        build_copy(sqlite_path, duckdb_path)
    else:
        add_missing_tables(sqlite_path, duckdb_path)
    import duckdb
    connection = duckdb.connect(duckdb_path, read_only=True)
    statements = QUERIES[query] if isinstance(QUERIES[query], list) else [QUERIES[query]]
    for statement in statements:
        connection.execute(statement).fetchall()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for statement in statements:
        connection.execute(statement).fetchall()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    used = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    print(f"{wall:.2f} {used:.2f} {after.ru_maxrss}")


if __name__ == "__main__":
    main()
