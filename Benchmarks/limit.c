/*
 * The store's own limit: inserts exactly the rows an import of one file inserted, into the same schema, with
 * the same connection settings and statements as scicollab's writer, in the same order (work by work), and
 * prints the CPU seconds of the load alone. It is the reference an import is measured against
 * (Benchmarks/run.sh): everything an import spends beyond it goes to reading, normalising and the writer's
 * own overhead.
 *
 *     cc -O2 -o limit Benchmarks/limit.c -lsqlite3
 *     scicollab import FILE --db SOURCE.sqlite        # a fresh database: holds the rows of FILE alone
 *     limit SOURCE.sqlite OUT.sqlite [--journal wal|delete] [--page-size N] [--cache-kib N] [--no-foreign-keys]
 *           [--skip TABLE]... [--defer INDEX]... [--country-authors-per-row] [--batch N]
 *
 * The rows are read from SOURCE into memory first (not timed), then written into OUT (created afresh with
 * SOURCE's schema) in one transaction: for each work, its works row, source records, affiliations, the
 * authors it names first with their identifiers, authorships and their affiliation links, fields,
 * organisations, citations per year and the derived rows (work_facts, work_countries, work_country_pairs,
 * work_institutions, work_institution_authors, work_author_countries; country_authors kept as a bulk load keeps
 * it: grouped from the rows after the load, or with --country-authors-per-row one upsert per new row, as an
 * import into a large store keeps it). The secondary indexes an import of a large file defers are built after
 * the load, as the import builds them. Lookups the import does
 * (stored records, merge keys, known authors) are not made: this is the cost of the rows alone.
 *
 * Defaults are the settings of scicollab's bulk load, the import of a file into a new or small database (a
 * rollback journal, 16 KiB pages, synchronous NORMAL, foreign keys on, 32 MiB page cache); the options try
 * other settings on the same rows (`--journal wal --page-size 4096` are those of an import into a large store).
 * Output: one line "rows=N cpu=S wall=S" (CPU: user + system of this process during the load).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>

static void die(sqlite3 *db, const char *what) {
    fprintf(stderr, "limit: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
    exit(1);
}

static void exec(sqlite3 *db, const char *sql) {
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fprintf(stderr, "limit: %s: %s\n", sql, message);
        exit(1);
    }
}

/* One table's rows in memory, ordered by the work they belong to. */
typedef struct {
    const char *name;
    const char *verb;        /* the writer's statement: INSERT, INSERT OR IGNORE, INSERT OR REPLACE */
    const char *key;         /* SQL giving the work a row belongs to (the first work naming it for authors, fields) */
    int columns;
    char *column_list;
    sqlite3_int64 count, next;
    int skipped;             /* --skip: the table is left empty (what its rows cost, measured by their absence) */
    sqlite3_int64 *work;     /* per row */
    sqlite3_value **values;  /* count * columns */
    sqlite3_stmt *insert;
    int batched;             /* --batch N: rows wait and go N to a statement (a multi-row VALUES) */
    sqlite3_int64 waiting;   /* the first row not yet inserted of a batched table */
    sqlite3_stmt *batch;     /* the statement of `batch_rows` rows */
} Table;

/* In the writer's order within a work. */
static Table tables[] = {
    {"imports", "INSERT", "0", 0},
    {"works", "INSERT", "id", 0},
    {"source_records", "INSERT", "work_id", 0},
    {"affiliations", "INSERT", "work_id", 0},
    {"authors", "INSERT", "(SELECT min(work_id) FROM authorships au WHERE au.author_id = t.id)", 0},
    {"author_identifiers", "INSERT OR IGNORE", "(SELECT min(work_id) FROM authorships au WHERE au.author_id = t.author_id)", 0},
    {"authorships", "INSERT", "work_id", 0},
    {"authorship_affiliations", "INSERT OR IGNORE", "(SELECT work_id FROM authorships au WHERE au.id = t.authorship_id)", 0},
    {"fields", "INSERT", "(SELECT min(work_id) FROM work_fields wf WHERE wf.field_id = t.id)", 0},
    {"work_fields", "INSERT OR IGNORE", "work_id", 0},
    {"work_organizations", "INSERT OR REPLACE", "work_id", 0},
    {"citations_by_year", "INSERT OR REPLACE", "work_id", 0},
    {"work_facts", "INSERT", "work_id", 0},
    {"work_countries", "INSERT", "work_id", 0},
    {"work_country_pairs", "INSERT", "work_id", 0},
    {"work_institutions", "INSERT", "work_id", 0},
    {"work_institution_authors", "INSERT", "work_id", 0},
    {"work_author_countries", "INSERT OR IGNORE", "work_id", 0},
};
enum { TABLES = sizeof tables / sizeof tables[0], AUTHOR_COUNTRIES = TABLES - 1 };

/* The indexes a large import drops and builds again after the load (Store.deferrableIndexes). */
static const char *deferred[] = {
    "works_year", "works_doi", "works_pmid", "works_source_year", "source_records_import", "authorships_author",
    "affiliations_country", "work_fields_field", "work_facts_year_countries", "work_countries_country",
    "work_country_pairs_year", "work_institutions_institution", "work_institution_authors_institution",
    "work_author_countries_country",
};

/* --defer NAME: one more index built after the load. */
static const char *also_deferred[16];

/* --batch N: the tables whose rows need no id of their own later in the load (leaves) go N rows to a statement. */
static const char *batchable[] = {
    "authorship_affiliations", "work_fields", "work_organizations", "citations_by_year", "work_facts", "work_countries",
    "work_country_pairs", "work_institutions", "work_institution_authors", "work_author_countries",
};
static int batch_rows = 0;
static int also_deferred_count = 0;

static int is_deferred(const char *name) {
    for (int i = 0; i < also_deferred_count; i++)
        if (strcmp(also_deferred[i], name) == 0) return 1;
    for (size_t i = 0; i < sizeof deferred / sizeof deferred[0]; i++)
        if (strcmp(deferred[i], name) == 0) return 1;
    return 0;
}

static void load(sqlite3 *source, Table *table) {
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table->name);
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(source, sql, -1, &statement, NULL) != SQLITE_OK) die(source, sql);
    sqlite3_step(statement);
    table->count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    snprintf(sql, sizeof sql, "SELECT group_concat(name, ', '), count(*) FROM pragma_table_info('%s')", table->name);
    if (sqlite3_prepare_v2(source, sql, -1, &statement, NULL) != SQLITE_OK) die(source, sql);
    sqlite3_step(statement);
    table->column_list = strdup((const char *)sqlite3_column_text(statement, 0));
    table->columns = sqlite3_column_int(statement, 1);
    sqlite3_finalize(statement);
    table->work = malloc(sizeof(sqlite3_int64) * (table->count + 1));
    table->values = malloc(sizeof(sqlite3_value *) * (table->count * table->columns + 1));
    char *query = sqlite3_mprintf("SELECT %s AS work_key, t.* FROM %s t ORDER BY work_key, t.rowid", table->key, table->name);
    /* WITHOUT ROWID tables: order by their key instead. */
    if (sqlite3_prepare_v2(source, query, -1, &statement, NULL) != SQLITE_OK) {
        sqlite3_free(query);
        query = sqlite3_mprintf("SELECT %s AS work_key, t.* FROM %s t ORDER BY work_key", table->key, table->name);
        if (sqlite3_prepare_v2(source, query, -1, &statement, NULL) != SQLITE_OK) die(source, query);
    }
    sqlite3_free(query);
    sqlite3_int64 row = 0;
    while (sqlite3_step(statement) == SQLITE_ROW && row < table->count) {
        table->work[row] = sqlite3_column_int64(statement, 0);
        for (int c = 0; c < table->columns; c++)
            table->values[row * table->columns + c] = sqlite3_value_dup(sqlite3_column_value(statement, c + 1));
        row++;
    }
    table->count = row;
    sqlite3_finalize(statement);
}

static double seconds(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

static double wall_seconds(void) {
    struct timeval now;
    gettimeofday(&now, NULL);
    return seconds(now);
}

static void step(sqlite3 *db, sqlite3_stmt *statement) {
    int code;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {}
    if (code != SQLITE_DONE) die(db, sqlite3_sql(statement));
    sqlite3_reset(statement);
}

/* Inserts the waiting rows of a batched table up to `until`: whole batches through its multi-row statement, the rest
 * (with `all`) one by one. */
static void flush_batch(sqlite3 *db, Table *table, sqlite3_int64 until, int all) {
    while (until - table->waiting >= batch_rows) {
        for (int r = 0; r < batch_rows; r++) {
            sqlite3_value **values = &table->values[(table->waiting + r) * table->columns];
            for (int c = 0; c < table->columns; c++) sqlite3_bind_value(table->batch, r * table->columns + c + 1, values[c]);
        }
        step(db, table->batch);
        table->waiting += batch_rows;
    }
    while (all && table->waiting < until) {
        sqlite3_value **values = &table->values[table->waiting * table->columns];
        for (int c = 0; c < table->columns; c++) sqlite3_bind_value(table->insert, c + 1, values[c]);
        step(db, table->insert);
        table->waiting++;
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: limit SOURCE.sqlite OUT.sqlite [--journal wal|delete] [--page-size N] [--cache-kib N] [--no-foreign-keys] [--skip TABLE]... [--defer INDEX]... [--country-authors-per-row] [--batch N]\n");
        return 2;
    }
    const char *journal = "DELETE";
    int page_size = 16384, cache_kib = 32768, foreign_keys = 1, country_authors = 0, country_authors_at_end = 1;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--journal") == 0 && i + 1 < argc) journal = argv[++i];
        else if (strcmp(argv[i], "--page-size") == 0 && i + 1 < argc) page_size = atoi(argv[++i]);
        else if (strcmp(argv[i], "--cache-kib") == 0 && i + 1 < argc) cache_kib = atoi(argv[++i]);
        else if (strcmp(argv[i], "--no-foreign-keys") == 0) foreign_keys = 0;
        else if (strcmp(argv[i], "--defer") == 0 && i + 1 < argc && also_deferred_count < 16) also_deferred[also_deferred_count++] = argv[++i];
        else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
            batch_rows = atoi(argv[++i]);
            /* SQLite binds at most 32,766 parameters to a statement; the widest batched table has 10 columns. */
            if (batch_rows < 2 || batch_rows > 1000) { fprintf(stderr, "limit: --batch takes 2 to 1000 rows\n"); return 2; }
        }
        else if (strcmp(argv[i], "--country-authors-per-row") == 0) { country_authors_at_end = 0; country_authors = 1; }
        else if (strcmp(argv[i], "--skip") == 0 && i + 1 < argc) {
            const char *name = argv[++i];
            int found = strcmp(name, "country_authors") == 0;
            if (found) country_authors = country_authors_at_end = 0;
            for (int t = 0; t < TABLES; t++) if (strcmp(tables[t].name, name) == 0) { tables[t].skipped = 1; found = 1; }
            if (!found) { fprintf(stderr, "limit: --skip %s: not a table the writer fills\n", name); return 2; }
        }
        else { fprintf(stderr, "limit: unknown option %s\n", argv[i]); return 2; }
    }
    sqlite3 *source, *db;
    if (sqlite3_open_v2(argv[1], &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) die(source, argv[1]);
    for (int t = 0; t < TABLES; t++) load(source, &tables[t]);

    remove(argv[2]);
    char side[4096];
    snprintf(side, sizeof side, "%s-wal", argv[2]); remove(side);
    snprintf(side, sizeof side, "%s-shm", argv[2]); remove(side);
    snprintf(side, sizeof side, "%s-journal", argv[2]); remove(side);
    double cpu = cpu_seconds(), wall = wall_seconds();
    if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) die(db, argv[2]);
    char sql[4096];
    if (page_size) { snprintf(sql, sizeof sql, "PRAGMA page_size = %d", page_size); exec(db, sql); }
    exec(db, foreign_keys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
    snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", journal); exec(db, sql);
    exec(db, "PRAGMA synchronous = NORMAL");
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", cache_kib); exec(db, sql);

    /* The schema of SOURCE: tables, then the indexes kept during the load, then triggers. */
    exec(db, "BEGIN");
    sqlite3_stmt *schema;
    const char *schema_sql = "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                             "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid";
    if (sqlite3_prepare_v2(source, schema_sql, -1, &schema, NULL) != SQLITE_OK) die(source, "schema");
    while (sqlite3_step(schema) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(schema, 0), *name = (const char *)sqlite3_column_text(schema, 1);
        if (strcmp(type, "index") == 0 && is_deferred(name)) continue;
        exec(db, (const char *)sqlite3_column_text(schema, 2));
    }
    sqlite3_reset(schema);
    exec(db, "COMMIT");

    exec(db, "BEGIN IMMEDIATE");
    for (int t = 0; t < TABLES; t++) {
        Table *table = &tables[t];
        char *insert = sqlite3_mprintf("%s INTO %s (%s) VALUES (?", table->verb, table->name, table->column_list);
        for (int c = 1; c < table->columns; c++) { char *longer = sqlite3_mprintf("%s, ?", insert); sqlite3_free(insert); insert = longer; }
        char *full = sqlite3_mprintf("%s)", insert);
        if (sqlite3_prepare_v2(db, full, -1, &table->insert, NULL) != SQLITE_OK) die(db, full);
        sqlite3_free(insert);
        sqlite3_free(full);
        for (size_t b = 0; batch_rows > 1 && b < sizeof batchable / sizeof batchable[0]; b++) {
            if (strcmp(batchable[b], table->name) != 0 || (t == AUTHOR_COUNTRIES && country_authors)) continue;
            char *one = sqlite3_mprintf("(?");
            for (int c = 1; c < table->columns; c++) { char *longer = sqlite3_mprintf("%s, ?", one); sqlite3_free(one); one = longer; }
            char *many = sqlite3_mprintf("%s INTO %s (%s) VALUES %s)", table->verb, table->name, table->column_list, one);
            for (int r = 1; r < batch_rows; r++) { char *longer = sqlite3_mprintf("%s, %s)", many, one); sqlite3_free(many); many = longer; }
            if (sqlite3_prepare_v2(db, many, -1, &table->batch, NULL) != SQLITE_OK) die(db, many);
            sqlite3_free(one);
            sqlite3_free(many);
            table->batched = 1;
        }
    }
    sqlite3_stmt *add_author, *count_author;
    if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO country_authors (country, author_id, name_key, works) VALUES (?, ?, ?, 1)", -1, &add_author, NULL) != SQLITE_OK) die(db, "country_authors");
    if (sqlite3_prepare_v2(db, "UPDATE country_authors SET works = works + 1 WHERE country = ? AND author_id = ?", -1, &count_author, NULL) != SQLITE_OK) die(db, "country_authors");

    sqlite3_int64 rows = 0;
    Table *works = &tables[1];
    for (sqlite3_int64 w = 0; w < works->count; w++) {
        sqlite3_int64 work = works->work[w];
        for (int t = 0; t < TABLES; t++) {
            Table *table = &tables[t];
            if (table->batched) {
                while (!table->skipped && table->next < table->count && table->work[table->next] <= work) { table->next++; rows++; }
                flush_batch(db, table, table->next, 0);
                continue;
            }
            while (!table->skipped && table->next < table->count && table->work[table->next] <= work) {
                sqlite3_value **values = &table->values[table->next * table->columns];
                for (int c = 0; c < table->columns; c++) sqlite3_bind_value(table->insert, c + 1, values[c]);
                step(db, table->insert);
                rows++;
                if (t == AUTHOR_COUNTRIES && country_authors && sqlite3_changes(db) == 1) {
                    /* work_author_countries (work_id, country, author_id, year, name_key): the writer's country_authors. */
                    sqlite3_bind_value(add_author, 1, values[1]);
                    sqlite3_bind_value(add_author, 2, values[2]);
                    sqlite3_bind_value(add_author, 3, values[4]);
                    step(db, add_author);
                    rows++;
                    if (sqlite3_changes(db) == 0) {
                        sqlite3_bind_value(count_author, 1, values[1]);
                        sqlite3_bind_value(count_author, 2, values[2]);
                        step(db, count_author);
                    }
                }
                table->next++;
            }
        }
    }
    for (int t = 0; t < TABLES; t++) if (tables[t].batched) flush_batch(db, &tables[t], tables[t].next, 1);
    /* The deferred indexes and the grouped author counts, built as the import builds them: with a smaller cache
     * while they sort. */
    exec(db, "PRAGMA cache_size = -8192");
    if (country_authors_at_end) {
        exec(db, "INSERT INTO country_authors (country, author_id, name_key, works) "
                 "SELECT country, author_id, max(name_key), count(*) FROM work_author_countries GROUP BY country, author_id");
        rows += sqlite3_changes(db);
    }
    exec(db, "INSERT INTO country_author_counts (country, authors, name_keyed) "
             "SELECT country, count(*), sum(name_key) FROM country_authors GROUP BY country");
    if (sqlite3_prepare_v2(source, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL", -1, &schema, NULL) != SQLITE_OK) die(source, "indexes");
    while (sqlite3_step(schema) == SQLITE_ROW)
        if (is_deferred((const char *)sqlite3_column_text(schema, 0))) exec(db, (const char *)sqlite3_column_text(schema, 1));
    sqlite3_finalize(schema);
    if (!foreign_keys) {
        sqlite3_stmt *check;
        if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &check, NULL) != SQLITE_OK) die(db, "foreign_key_check");
        if (sqlite3_step(check) == SQLITE_ROW) die(db, "a foreign key is broken");
        sqlite3_finalize(check);
    }
    exec(db, "COMMIT");
    for (int t = 0; t < TABLES; t++) { sqlite3_finalize(tables[t].insert); sqlite3_finalize(tables[t].batch); }
    sqlite3_finalize(add_author);
    sqlite3_finalize(count_author);
    if (strcmp(journal, "WAL") != 0 && strcmp(journal, "wal") != 0) exec(db, "PRAGMA journal_mode = WAL");
    sqlite3_close(db);
    printf("rows=%lld cpu=%.2f wall=%.2f\n", rows, cpu_seconds() - cpu, wall_seconds() - wall);
    sqlite3_close(source);
    return 0;
}
