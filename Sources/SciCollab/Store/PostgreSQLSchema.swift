/// The store's schema on PostgreSQL, made from the same migrations as SQLite's.
///
/// A new PostgreSQL database gets the schema that the numbered files of `Schemas/` build in SQLite: they are applied
/// to an in-memory SQLite database, and the resulting table and index definitions are translated (integer keys
/// become identity columns, then `PostgreSQLDialect`). Every migration
/// is then recorded as applied. A later migration is applied to an existing PostgreSQL database through the same
/// translation.
enum PostgreSQLSchema {
    /// The statements that create the newest schema, in order (tables before the indexes and tables that refer to them,
    /// triggers last).
    static func baseline(migrator: Migrator) throws -> [String] {
        let image = try SQLiteDatabase(path: ":memory:")
        try migrator.migrate(image)
        let definitions = try image.rows("""
            SELECT type, sql FROM sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'index', 'trigger')
            ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid
            """)
        let statements = definitions.flatMap { row -> [String] in
            guard let sql = row[1].string else { return [] }
            return row[0].string == "trigger" ? translateTrigger(sql) : [translateDefinition(sql)]
        }
        return compatibilityFunctions + statements + (try seedRows(of: image))
    }

    /// Creates the migrations' triggers that the database lacks (a database made before triggers were carried over to
    /// PostgreSQL); returns their names. One catalogue query when none is missing.
    static func createMissingTriggers(migrator: Migrator, on postgres: PostgreSQLConnection) throws -> [String] {
        var expected: [String] = []
        for migration in migrator.migrations where migration.sql.range(of: "TRIGGER", options: .caseInsensitive) != nil {
            let words = SQLTokenizer.tokens(of: migration.sql).filter { $0.kind == .word }.map { $0.text }
            for index in words.indices.dropLast(2) where words[index + 1].uppercased() == "TRIGGER" {
                let name = words[index + 2].uppercased() == "IF" ? words[min(index + 4, words.count - 1)] : words[index + 2]
                switch words[index].uppercased() {
                case "CREATE": expected.append(name)
                case "DROP": expected.removeAll { $0 == name }
                default: break
                }
            }
        }
        guard !expected.isEmpty, let present = try postgres.execute("""
            SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
            """) else { return [] }
        let names = Set((0..<present.rowCount).compactMap { present.value(row: $0, column: 0).string })
        let missing = expected.filter { !names.contains($0) }
        guard !missing.isEmpty else { return [] }
        let image = try SQLiteDatabase(path: ":memory:")
        try migrator.migrate(image)
        for name in missing {
            guard let sql = try image.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [.text(name)]).string else { continue }
            for statement in translateTrigger(sql) { try postgres.execute(statement) }
        }
        return missing
    }

    /// One statement of a migration as PostgreSQL runs it on a database made before it.
    enum MigrationStatement: Equatable {
        /// A statement in SQLite's SQL, translated when it runs (`SQLiteDatabase.execute`).
        case portable(String)
        /// Statements already in PostgreSQL's SQL: a trigger's function and row trigger, or their removal.
        case server([String])
    }

    /// A migration's SQL split into its statements, its triggers in PostgreSQL's form: `CREATE TRIGGER` becomes a
    /// PL/pgSQL function and a row trigger (`translateTrigger`), `DROP TRIGGER name` drops that function and, with it,
    /// the trigger. Other statements are left to the dialect. A trigger's body keeps its own semicolons: it ends at
    /// the `END` that closes its `BEGIN` (an `END` closing a `CASE` inside it does not).
    static func statements(ofMigration sql: String) -> [MigrationStatement] {
        var result: [MigrationStatement] = []
        var current: [SQLToken] = []
        var words: [String] = []
        var caseDepth = 0
        var triggerEnded = false
        // CREATE [TEMP] TRIGGER: its body's semicolons do not end the statement.
        var createsTrigger: Bool { words.first == "CREATE" && words.prefix(3).contains("TRIGGER") }
        func finish() {
            let text = current.map(\.text).joined().trimmingCharacters(in: .whitespacesAndNewlines)
            defer { current = []; words = []; caseDepth = 0; triggerEnded = false }
            guard !text.isEmpty else { return }
            if let index = words.firstIndex(of: "TRIGGER"), index <= 2 {
                switch words[0] {
                case "CREATE":
                    result.append(.server(translateTrigger(text)))
                    return
                case "DROP":
                    // DROP TRIGGER [IF EXISTS] name: the name is the statement's last identifier.
                    let name = current.last { $0.kind == .word || $0.kind == .quotedIdentifier }?.text ?? ""
                    result.append(.server(["DROP FUNCTION IF EXISTS \(name)() CASCADE"]))
                    return
                default: break
                }
            }
            result.append(.portable(text))
        }
        for token in SQLTokenizer.tokens(of: sql) {
            if token.kind == .symbol, token.text == ";" {
                if !createsTrigger || triggerEnded { finish(); continue }
            }
            current.append(token)
            guard token.kind == .word || token.kind == .quotedIdentifier else { continue }
            let word = token.kind == .word ? token.text.uppercased() : token.text
            words.append(word)
            guard token.kind == .word, createsTrigger else { continue }
            if word == "CASE" { caseDepth += 1 }
            if word == "END" {
                if caseDepth > 0 { caseDepth -= 1 } else { triggerEnded = true }
            }
        }
        finish()
        return result
    }

    /// One SQLite trigger (`CREATE TRIGGER name AFTER DELETE ON table BEGIN …; END`) as a PL/pgSQL function of the
    /// same name and a row trigger that calls it. The body's statements go through `PostgreSQLDialect`; `OLD` and
    /// `NEW` mean in PL/pgSQL what they mean in SQLite.
    static func translateTrigger(_ sql: String) -> [String] {
        let tokens = SQLTokenizer.tokens(of: sql)
        let words = tokens.indices.filter { tokens[$0].kind == .word }
        guard let begin = words.first(where: { tokens[$0].text.uppercased() == "BEGIN" }),
              let end = words.last(where: { tokens[$0].text.uppercased() == "END" }), begin < end,
              let nameIndex = words.dropFirst(2).first(where: { !["TEMP", "TEMPORARY", "TRIGGER", "IF", "NOT", "EXISTS"].contains(tokens[$0].text.uppercased()) })
        else { return [PostgreSQLDialect.translate(sql)] }
        let name = tokens[nameIndex].text
        let header = tokens[..<begin].map(\.text).joined().trimmingCharacters(in: .whitespacesAndNewlines)
        let body = PostgreSQLDialect.translate(tokens[(begin + 1)..<end].map(\.text).joined())
        return [
            "CREATE OR REPLACE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\(body)\n    RETURN NULL;\nEND\n$$",
            header + " FOR EACH ROW EXECUTE FUNCTION \(name)()",
        ]
    }

    /// The rows the migrations themselves insert (the store's counters in `store_state`), as INSERT statements.
    static func seedRows(of image: SQLiteDatabase) throws -> [String] {
        var statements: [String] = []
        let tables = try image.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY rowid")
        for table in tables.compactMap({ $0[0].string }) {
            for row in try image.rows("SELECT * FROM \(table)") {
                let values = row.map { value -> String in
                    switch value {
                    case .null: return "NULL"
                    case .integer(let number): return String(number)
                    case .real(let number): return "\(number)::float8"
                    case .text(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
                    }
                }
                statements.append("INSERT INTO \(table) VALUES (\(values.joined(separator: ", ")))")
            }
        }
        return statements
    }

    /// One `CREATE TABLE` or `CREATE INDEX` of SQLite's, for PostgreSQL.
    static func translateDefinition(_ sql: String) -> String {
        var tokens = SQLTokenizer.tokens(of: sql)
        // The tokens that carry meaning (no spaces or comments), so that `a INTEGER, PRIMARY KEY (…)` is not a key.
        let words = tokens.indices.filter { tokens[$0].kind != .space && tokens[$0].kind != .comment }
        let isTable = words.count > 1 && tokens[words[0]].text.uppercased() == "CREATE" && tokens[words[1]].text.uppercased() == "TABLE"
        if isTable {
            for (offset, index) in words.enumerated() {
                let word = tokens[index].text.uppercased()
                if word == "INTEGER", offset + 2 < words.count,
                          tokens[words[offset + 1]].text.uppercased() == "PRIMARY", tokens[words[offset + 2]].text.uppercased() == "KEY",
                          offset + 3 >= words.count || tokens[words[offset + 3]].text.uppercased() != "REFERENCES" {
                    // SQLite's rowid alias: a key the server numbers when the insert leaves it out.
                    tokens[index].text = "BIGINT GENERATED BY DEFAULT AS IDENTITY"
                }
            }
        }
        return PostgreSQLDialect.translate(tokens.map(\.text).joined())
    }

    /// The tables without a `work_id` column, and why: every other table is keyed by work and can be distributed by
    /// `work_id` (Citus) with its joins on the same node. The README's "Running on a server" repeats this list; a test
    /// keeps it equal to the schema.
    public static let tablesWithoutWorkID: [String: String] = [
        "works": "distributed by its own id, the work_id of every other table",
        "authors": "one row per author, shared by works: a reference table, or distributed by id with joins across nodes",
        "author_identifiers": "one row per author identifier: as authors",
        "authorship_affiliations": "keyed by authorship: needs a work_id column to be co-located (not yet)",
        "country_authors": "an aggregate per country and author, rebuilt after each import",
        "country_author_counts": "an aggregate per country",
        "institutions": "an aggregate per institution",
        "institution_author_counts": "an aggregate per institution",
        "institution_totals": "an aggregate per institution",
        "institution_author_years": "an aggregate per institution and year",
        "institution_pair_years": "an aggregate per pair of institutions and year",
        "institution_pair_totals": "an aggregate per pair of institutions",
        "institution_link_years": "an aggregate per institution and year",
        "author_link_rankings": "one row per kept ranking of the authors' link strengths",
        "author_link_ranked": "the authors of a kept ranking, by author",
        "country_year_totals": "an aggregate per country and year, recomputed after each import",
        "country_totals": "an aggregate per country, recomputed after each import",
        "country_pair_totals": "an aggregate per country pair, recomputed after each import",
        "country_author_periods": "an aggregate per country, year and previous year of its authors, recomputed after each import",
        "year_totals": "an aggregate per year and collaboration type, recomputed after each import",
        "country_field_totals": "an aggregate per scheme, country and field, recomputed after each import",
        "country_field_classified": "an aggregate per scheme and country, recomputed after each import",
        "country_pair_years": "an aggregate per year and country pair, recomputed after each import",
        "country_pair_coauthors": "an aggregate per country pair and side, recomputed per pair after each import",
        "country_pair_coauthor_years": "an aggregate per country pair, side and year, recomputed per pair after each import",
        "country_pair_coauthor_periods": "an aggregate per country pair, side, year and previous year, recomputed per pair after each import",
        "country_pair_joint_years": "an aggregate per country pair and year, recomputed per pair after each import",
        "work_source_totals": "an aggregate per source, year and document type, recomputed after each import",
        "affiliation_source_totals": "an aggregate per source, recomputed after each import",
        "author_totals": "one row of totals, recomputed after each import",
        "fields": "the classification codes: a reference table",
        "source_asjc": "the Scopus source list: a reference table",
        "imports": "the import ledger: a reference table",
        "diagnostics": "per import: a reference table",
        "deleted_records": "withdrawn source ids: a reference table",
        "indicators": "World Bank indicators: a reference table",
        "indicator_areas": "World Bank country metadata: a reference table",
        "indicator_values": "World Bank values per country and year: a reference table",
        "impact_models": "one row per cached impact model",
        "impact_model_expected": "the expected citations per cohort of a model",
        "institution_impact_models": "one row per cached impact model whose institution means are kept",
        "institution_impact": "an aggregate per cached impact model and institution",
        "country_impact_models": "one row per cached impact model whose country means are kept",
        "country_impact": "an aggregate per cached impact model and country",
        "group_definitions": "one row per kept country group definition",
        "group_author_counts": "an aggregate per kept country group definition and group",
        "group_author_periods": "an aggregate per kept country group definition, group, year and previous year of its authors",
        "group_pair_coauthors": "an aggregate per kept country group definition, pair and side",
        "group_pair_coauthor_years": "an aggregate per kept country group definition, pair, side and year",
        "group_country_totals": "an aggregate per kept country group definition and group",
        "group_pair_totals": "an aggregate per kept country group definition and pair",
        "group_year_totals": "an aggregate per kept country group definition, group and year",
        "group_field_totals": "an aggregate per kept country group definition, scheme, group and field",
        "group_field_classified": "an aggregate per kept country group definition, scheme and group",
        "group_impact": "an aggregate per kept country group definition, cached impact model and set of works",
        "group_country_rows": "an aggregate per kept country group definition and group",
        "impact_summaries": "an aggregate per cached impact model, kept country group definition and set of works",
        "field_breakdowns": "an aggregate per cached impact model, kept country group definition, set of works and scheme",
        "field_breakdown_rows": "an aggregate per cached impact model, kept country group definition, set of works, scheme and field",
        "collaboration_impact": "an aggregate per cached impact model, country and collaboration type",
        "store_state": "a few keys of the store's state",
        "schema_migrations": "the applied migrations",
    ]

    /// SQLite functions the store's SQL uses that PostgreSQL lacks, created once in the database's schema.
    static let compatibilityFunctions: [String] = [
        // total(x): the sum of the non-NULL values as a double, 0.0 over none.
        "CREATE OR REPLACE AGGREGATE total(double precision) (SFUNC = float8pl, STYPE = double precision, INITCOND = '0')",
        """
        CREATE OR REPLACE FUNCTION scicollab_group_concat_step(state text, value text, separator text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN value IS NULL THEN state WHEN state IS NULL THEN value ELSE state || separator || value END
        $$
        """,
        "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = scicollab_group_concat_step, STYPE = text)",
        """
        CREATE OR REPLACE FUNCTION scicollab_group_concat_step(state text, value text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT scicollab_group_concat_step(state, value, ',') $$
        """,
        "CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = scicollab_group_concat_step, STYPE = text)",
        // round(x, digits) of a double (PostgreSQL rounds only numeric to digits).
        """
        CREATE OR REPLACE FUNCTION round(value double precision, digits integer) RETURNS double precision
        LANGUAGE sql IMMUTABLE AS $$ SELECT round(value::numeric, digits)::double precision $$
        """,
    ]
}
