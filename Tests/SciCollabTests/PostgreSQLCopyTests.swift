import Testing
@testable import SciCollab

/// The rows an import sends with `COPY` and the triggers it carries over (no server needed).
struct PostgreSQLCopyTests {
    @Test("an INSERT gives its table and columns; an ignoring insert drops repeated rows")
    func shape() throws {
        let plain = try #require(PostgreSQLCopyBuffer(insert: """
            INSERT INTO work_organizations (work_id, position, name) VALUES (?, ?, ?)
            ON CONFLICT (work_id, position) DO UPDATE SET name = excluded.name
            """))
        #expect(plain.table == "work_organizations" && plain.columns == ["work_id", "position", "name"] && !plain.ignoresDuplicates)
        let ignoring = try #require(PostgreSQLCopyBuffer(insert: "INSERT OR IGNORE INTO work_fields (work_id, field_id) VALUES (?, ?)"))
        #expect(ignoring.ignoresDuplicates)
        #expect(ignoring.append(["1", "2"]) && !ignoring.append(["1", "2"]) && ignoring.append(["1", "3"]))
        #expect(ignoring.rowCount == 2 && String(decoding: ignoring.data, as: UTF8.self) == "1\t2\n1\t3\n")
        let doNothing = try #require(PostgreSQLCopyBuffer(insert: "INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING"))
        #expect(doNothing.ignoresDuplicates)
        let temporary = try #require(PostgreSQLCopyBuffer(insert: PostgreSQLDialect.translate("INSERT INTO temp.ids (id) VALUES (?)")))
        #expect(temporary.table == "pg_temp.ids" && temporary.columns == ["id"])
        #expect(PostgreSQLCopyBuffer(insert: "UPDATE t SET a = ?") == nil)
        #expect(PostgreSQLCopyBuffer(insert: "INSERT INTO t SELECT 1") == nil)
    }

    @Test("values are escaped for COPY's text format: NULL, backslash, tab, line ends; NUL dropped")
    func escaping() throws {
        let buffer = try #require(PostgreSQLCopyBuffer(insert: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)"))
        buffer.append([nil, "a\\b\tc\nd\re\u{0}f", "Zürich, 北京"])
        #expect(String(decoding: buffer.data, as: UTF8.self) == "\\N\ta\\\\b\\tc\\nd\\ref\tZürich, 北京\n")
        buffer.clear()
        #expect(buffer.data.isEmpty && buffer.rowCount == 0)
    }

    @Test("array literals quote every element")
    func arrays() {
        #expect(CopyLoad.arrayLiteral([]) == "{}")
        #expect(CopyLoad.arrayLiteral(["a", "b,c", "d\"e", "f\\g", "NULL"]) == #"{"a","b,c","d\"e","f\\g","NULL"}"#)
    }

    @Test("a SQLite trigger becomes a PL/pgSQL function and a row trigger")
    func triggers() {
        let statements = PostgreSQLSchema.translateTrigger("""
            CREATE TRIGGER gone AFTER DELETE ON t
            BEGIN
                UPDATE counts SET n = n - 1 WHERE key = OLD.key;
                DELETE FROM counts WHERE n = 0;
            END
            """)
        #expect(statements.count == 2)
        #expect(statements[0].hasPrefix("CREATE OR REPLACE FUNCTION gone() RETURNS trigger LANGUAGE plpgsql AS $$"))
        #expect(statements[0].contains("UPDATE counts SET n = n - 1 WHERE key = OLD.key;") && statements[0].contains("RETURN NULL;"))
        #expect(statements[1] == "CREATE TRIGGER gone AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION gone()")
    }

    @Test("a migration splits into statements; its triggers, created or dropped, are given in PostgreSQL's form")
    func migrationStatements() {
        let statements = PostgreSQLSchema.statements(ofMigration: """
            -- a comment; with a semicolon
            CREATE TABLE counts (key TEXT PRIMARY KEY, n INTEGER NOT NULL);
            CREATE TRIGGER IF NOT EXISTS gone AFTER DELETE ON t
            BEGIN
                UPDATE counts SET n = n - CASE WHEN OLD.weight > 1 THEN 2 ELSE 1 END WHERE key = OLD.key;
                DELETE FROM counts WHERE n = 0;
            END;
            INSERT INTO counts (key, n) VALUES ('a;b', 1);
            DROP TRIGGER IF EXISTS older;
            DROP TRIGGER oldest
            """)
        #expect(statements.count == 5)
        #expect(statements[0] == .portable("-- a comment; with a semicolon\nCREATE TABLE counts (key TEXT PRIMARY KEY, n INTEGER NOT NULL)"))
        guard statements.count == 5, case .server(let trigger) = statements[1] else {
            Issue.record("no trigger: \(statements)")
            return
        }
        #expect(trigger.count == 2)
        #expect(trigger.first?.hasPrefix("CREATE OR REPLACE FUNCTION gone() RETURNS trigger") == true)
        #expect(trigger.first?.contains("DELETE FROM counts WHERE n = 0;") == true)
        #expect(trigger.last?.hasSuffix("ON t FOR EACH ROW EXECUTE FUNCTION gone()") == true)
        #expect(statements[2] == .portable("INSERT INTO counts (key, n) VALUES ('a;b', 1)"))
        #expect(statements[3] == .server(["DROP FUNCTION IF EXISTS older() CASCADE"]))
        #expect(statements[4] == .server(["DROP FUNCTION IF EXISTS oldest() CASCADE"]))
    }
}
