#!/usr/bin/env python3
"""Copies every table of a scicollab SQLite database into a PostgreSQL database that has the schema, with COPY.

    Benchmarks/sqlite-to-postgresql.py DB.sqlite postgresql://…/db

The PostgreSQL database must exist and hold scicollab's schema (any scicollab command creates it there:
`scicollab summary --db URL` after `createdb`). Tables are emptied first; rows go in the column order of the
PostgreSQL table, in COPY's text format; the identity sequences are moved past the copied ids; ANALYZE at the end.
Used by Benchmarks/postgresql.sh to put the same generated corpus on both engines. Needs psql.
"""
import sqlite3
import subprocess
import sys

source, url = sys.argv[1], sys.argv[2]
db = sqlite3.connect(source)


def psql(sql, stdin=None):
    return subprocess.run(["psql", url, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql], input=stdin,
                          capture_output=True, text=stdin is not None or True, check=True).stdout


def escape(value):
    if value is None:
        return "\\N"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


pg_tables = set(psql("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").split())
tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
psql("TRUNCATE " + ", ".join(t for t in tables if t in pg_tables and t != "schema_migrations") + " CASCADE")
for table in tables:
    if table not in pg_tables or table == "schema_migrations":
        continue
    columns = psql(f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' "
                   "AND table_schema = current_schema() ORDER BY ordinal_position").split()
    sqlite_columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    columns = [c for c in columns if c in sqlite_columns]
    copy = subprocess.Popen(["psql", url, "-qX", "-v", "ON_ERROR_STOP=1", "-c",
                             f"COPY {table} ({', '.join(columns)}) FROM STDIN"], stdin=subprocess.PIPE, text=True)
    rows = 0
    for row in db.execute(f"SELECT {', '.join(columns)} FROM {table}"):
        copy.stdin.write("\t".join(escape(v) for v in row) + "\n")
        rows += 1
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit(f"COPY {table} failed")
    if "id" in columns:
        psql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table}), false) "
             f"WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL")
    print(f"{table}: {rows} rows", file=sys.stderr)
psql("ANALYZE")
