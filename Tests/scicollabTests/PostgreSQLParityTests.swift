import Foundation
import SciCollab
import Synchronization
import Testing

/// The PostgreSQL server of the tests: `SCICOLLAB_TEST_POSTGRES`, a URL of a database where the tests may create
/// and drop databases of their own (`scripts/postgres-test-server.sh start` starts one and prints it).
enum PostgreSQLTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["SCICOLLAB_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new, empty database on the server; returns its URL.
    static func createDatabase() throws -> String {
        let admin = try #require(url)
        let name = "scicollab_test_" + UUID().uuidString.prefix(8).lowercased()
        try SQLiteDatabase(path: admin).execute("CREATE DATABASE \(name)")
        return replacingDatabase(in: admin, with: name)
    }

    static func dropDatabase(_ databaseURL: String) {
        guard let admin = url, let name = databaseURL.split(separator: "/").last?.split(separator: "?").first else { return }
        try? SQLiteDatabase(path: admin).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// `url` with its database name replaced.
    static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }
}

/// Every figure on both engines: all of `Fixtures/` imported into a SQLite file and into a PostgreSQL database,
/// then every figure command's JSON compared (timestamps of the import ledger aside; numbers equal to 1e-9
/// relative, the last bits of a double sum depending on the order the engine adds in).
@Suite(.serialized, .enabled(if: PostgreSQLTestServer.url != nil,
                             "no PostgreSQL server: export SCICOLLAB_TEST_POSTGRES=$(scripts/postgres-test-server.sh start)"))
struct PostgreSQLParityTests {
    /// The two databases, built once: (SQLite path, PostgreSQL URL, the two import reports).
    static let databases: (sqlite: String, postgresql: String, imports: (String, String))? = {
        guard let postgresql = try? PostgreSQLTestServer.createDatabase() else { return nil }
        let cli = CommandLineTests()
        let sqlite = cli.scratchDatabase()
        let arguments = ["import", "Fixtures/", "--allow-skips", "--format", "json"]
        let a = try? cli.run(arguments, database: sqlite)
        let b = try? cli.run(arguments, database: postgresql)
        return (sqlite, postgresql, (a?.stdout ?? "", b?.stdout ?? ""))
    }()

    /// The figure commands compared (arguments; each runs with `--format json`).
    static let commands: [[String]] = OutputContractTests.commands.map(\.arguments).filter {
        !["import", "import-sources", "resolve"].contains($0[0])
    } + [
        ["countries", "--from", "2015", "--to", "2022"],
        ["collaboration", "CN", "--from", "2015", "--to", "2022"],
        ["pair", "US", "CN"], ["pair", "US", "CN", "--compare"], ["pair", "RU", "CN", "--from", "2018", "--to", "2022"],
        ["pair", "BRICS", "US"], ["pair", "US", "CN", "--citations-from", "wos"],
        ["pairs", "--counting", "fractional", "--top", "50"],
        ["fields"], ["fields", "--pair", "US", "CN"], ["fields", "--scheme", "asjc", "--pair", "US", "CN"],
        ["impact"], ["impact", "--pair", "US", "CN"], ["impact", "--scheme", "asjc", "--citations-from", "scopus"],
        ["audit", "Fixtures/claims/ru-cn-2018-2024.yaml"],
        ["explain", "pair", "US", "CN"], ["explain", "pair", "US", "CN", "--growth", "--from", "2018", "--to", "2022"],
        ["explain", "country", "CN"],
        ["institutions", "--country", "CN"], ["pairs", "--level", "institution", "--top", "3"],
        ["countries", "--group", "BRICS", "--group", "EU27"], ["countries", "--membership", "dated", "--group", "BRICS+"],
        ["summary"],
        ["pair", "BRICS", "G7"], ["impact", "--pair", "BRICS", "G7"], ["fields", "--pair", "BRICS", "G7"], ["collaboration", "BRICS"],
        ["explain", "pair", "EU27", "US"], ["network", "--level", "institutions", "--top", "8"],
        ["network", "--level", "authors", "--top", "8", "--counting", "fractional"],
    ]

    @Test("the import of every fixture reports the same on both engines")
    func imports() throws {
        let databases = try #require(Self.databases, "no database could be created on the server")
        try expectSameJSON(databases.imports.0, databases.imports.1, command: "import Fixtures/")
    }

    @Test("every figure command gives the same JSON on SQLite and PostgreSQL")
    func figures() throws {
        let databases = try #require(Self.databases, "no database could be created on the server")
        let cli = CommandLineTests()
        for arguments in Self.commands {
            let a = try cli.run(arguments + ["--format", "json"], database: databases.sqlite)
            let b = try cli.run(arguments + ["--format", "json"], database: databases.postgresql)
            #expect(a.status == b.status, "\(arguments): exit \(a.status) on SQLite, \(b.status) on PostgreSQL: \(b.stderr.prefix(400))")
            // Every command succeeds but an audit, which exits 1 on an inconsistent claim: two failures are no parity.
            #expect(a.status == 0 || arguments[0] == "audit", "\(arguments): exit \(a.status): \(a.stderr.prefix(400))")
            guard a.status == 0, b.status == 0 else { continue }
            try expectSameJSON(a.stdout, b.stdout, command: arguments.joined(separator: " "))
        }
    }

    @Test("a second import of the same files changes nothing on PostgreSQL")
    func reimport() throws {
        let databases = try #require(Self.databases, "no database could be created on the server")
        let cli = CommandLineTests()
        let before = try cli.run(["summary", "--format", "json"], database: databases.postgresql)
        let again = try cli.run(["import", "Fixtures/", "--allow-skips", "--format", "json"], database: databases.postgresql)
        #expect(again.status == 0, "\(again.stderr.prefix(400))")
        let report = try #require(try cli.json(again.stdout)["parameters"] as? [String: Any])
        #expect(report["imported"] as? Int == 0 && report["works_added"] as? Int == 0, "\(again.stdout.prefix(400))")
        let after = try cli.run(["summary", "--format", "json"], database: databases.postgresql)
        try expectSameJSON(before.stdout, after.stdout, command: "summary after a second import")
    }

    @Test("a newer copy of an export replaces its works alike on both engines, and the kept author counts follow")
    func replacement() throws {
        let postgresql = try PostgreSQLTestServer.createDatabase()
        defer { PostgreSQLTestServer.dropDatabase(postgresql) }
        let cli = CommandLineTests()
        let sqlite = cli.scratchDatabase()
        let original = "Fixtures/scopus_2024_pybibx_13rec.csv"
        // The same records in other bytes: each replaces its stored record (its derived rows deleted, then written again).
        let copy = URL(fileURLWithPath: sqlite).deletingLastPathComponent().appendingPathComponent("copy.csv").path
        let text = try String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent(original), encoding: .utf8)
        try (text + "\n").write(toFile: copy, atomically: true, encoding: .utf8)
        for database in [sqlite, postgresql] {
            for file in [original, copy] {
                let result = try cli.run(["import", file, "--format", "json"], database: database)
                #expect(result.status == 0, "\(file): \(result.stderr.prefix(400))")
            }
        }
        let counts = "SELECT country, authors FROM country_author_counts WHERE authors > 0 ORDER BY country"
        let recount = "SELECT country, count(DISTINCT author_id) FROM work_author_countries GROUP BY country ORDER BY country"
        let kept = try SQLiteDatabase(path: postgresql).rows(counts)
        #expect(!kept.isEmpty)
        #expect(try kept == SQLiteDatabase(path: postgresql).rows(recount))
        #expect(try kept == SQLiteDatabase(path: sqlite).rows(counts))
        let works = "SELECT country, author_id, works FROM country_authors ORDER BY country, author_id"
        let rows = "SELECT country, author_id, count(*) FROM work_author_countries GROUP BY country, author_id ORDER BY country, author_id"
        #expect(try SQLiteDatabase(path: postgresql).rows(works) == SQLiteDatabase(path: postgresql).rows(rows))
        try expectSameFigures([["countries"], ["summary"], ["pair", "US", "CN"]], sqlite: sqlite, postgresql: postgresql,
                              after: "a replacing import")
    }

    @Test("a file that repeats, merges and resembles its own records imports alike on both engines")
    func recordsOfOneFile() throws {
        let postgresql = try PostgreSQLTestServer.createDatabase()
        defer { PostgreSQLTestServer.dropDatabase(postgresql) }
        let cli = CommandLineTests()
        let sqlite = cli.scratchDatabase()
        // The 13 records, then: the first again (the later one is kept), the third under another EID (one paper by
        // its DOI: a merge inside the file), the second (which has no DOI) under another EID (a look-alike by its
        // title), and the fourth as a new paper by the same authors (found again while their rows wait to be sent).
        let text = try String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent("Fixtures/scopus_2024_pybibx_13rec.csv"),
                              encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        #expect(lines.count == 14, "one line per record expected")
        func variant(_ line: String, eid: String, doi: String?, title: String?) -> String {
            var fields = Self.csvFields(line)
            fields[45] = eid
            if let doi { fields[13] = doi }
            if let title { fields[3] = title }
            return fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }
        lines.append(lines[1])
        lines.append(variant(lines[3], eid: "2-s2.0-99000000001", doi: nil, title: nil))
        lines.append(variant(lines[2], eid: "2-s2.0-99000000002", doi: nil, title: nil))
        lines.append(variant(lines[4], eid: "2-s2.0-99000000003", doi: "10.9999/another.paper", title: "Another paper by the same authors"))
        let file = URL(fileURLWithPath: sqlite).deletingLastPathComponent().appendingPathComponent("own-records.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var reports: [String] = []
        for database in [sqlite, postgresql] {
            let result = try cli.run(["import", file, "--format", "json"], database: database)
            #expect(result.status == 0, "\(result.stderr.prefix(400))")
            reports.append(result.stdout)
        }
        try expectSameJSON(reports[0], reports[1], command: "import of a file with its own repeats")
        let report = try #require(try cli.json(reports[1])["parameters"] as? [String: Any])
        // 13 works, the first one's again after its removal, the look-alike and the new paper: 16 added, 15 kept.
        #expect(report["works_added"] as? Int == 16 && report["merged"] as? Int == 1, "\(reports[1].prefix(900))")
        #expect(try SQLiteDatabase(path: postgresql).scalar("SELECT count(*) FROM works").int == 15)
        try expectSameFigures([["summary"], ["countries"], ["collaboration"], ["explain", "country", "US"]], sqlite: sqlite,
                              postgresql: postgresql, after: "a file with its own repeats")
    }

    /// Expects each command's JSON to be the same on the two databases.
    func expectSameFigures(_ commands: [[String]], sqlite: String, postgresql: String, after context: String) throws {
        let cli = CommandLineTests()
        for arguments in commands {
            let a = try cli.run(arguments + ["--format", "json"], database: sqlite)
            let b = try cli.run(arguments + ["--format", "json"], database: postgresql)
            try expectSameJSON(a.stdout, b.stdout, command: arguments.joined(separator: " ") + " after " + context)
        }
    }

    /// The fields of one CSV line (quoted fields, doubled quotes inside).
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = Array(line.hasPrefix("\u{FEFF}") ? String(line.dropFirst()) : line)[...]
        while let character = characters.popFirst() {
            switch character {
            case "\"" where quoted && characters.first == "\"": field.append("\""); characters.removeFirst()
            case "\"": quoted.toggle()
            case "," where !quoted: fields.append(field); field = ""
            default: field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    @Test("imports started at once by several clients run one after the other: nothing is lost, doubled or mixed up")
    func concurrentImports() throws {
        let postgresql = try PostgreSQLTestServer.createDatabase()
        defer { PostgreSQLTestServer.dropDatabase(postgresql) }
        let cli = CommandLineTests()
        let sqlite = cli.scratchDatabase()
        let files = ["Fixtures/scopus_2025_bibx_excerpt_120rec.csv", "Fixtures/wos_txt_2014_wosfile_50rec.txt",
                     "Fixtures/openalex_api_works_page_50rec_2025.json"]
        // The schema first, so that the clients race on the imports, not on creating it.
        _ = try cli.run(["summary"], database: postgresql)
        let statuses = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let status = (try? cli.run(["import", files[index]], database: postgresql).status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0 } == Array(repeating: 0, count: files.count))
        for file in files { _ = try cli.run(["import", file], database: sqlite) }
        let count = "SELECT (SELECT count(*) FROM works), (SELECT count(*) FROM source_records), (SELECT count(*) FROM authorships)"
        #expect(try SQLiteDatabase(path: postgresql).rows(count) == SQLiteDatabase(path: sqlite).rows(count))
        try expectSameFigures([["countries"], ["pairs"]], sqlite: sqlite, postgresql: postgresql, after: "imports at once")
    }

    @Test("rows are read one at a time, a reader that stops early leaves the connection usable, a set of ids binds as one argument")
    func rowByRow() throws {
        let url = try PostgreSQLTestServer.createDatabase()
        defer { PostgreSQLTestServer.dropDatabase(url) }
        let database = try SQLiteDatabase(path: url)
        var sum = 0
        try database.forEachRow("SELECT x FROM generate_series(1, 10000) AS x WHERE x % ? = 0", [.integer(2)]) { sum += $0[0].int ?? 0 }
        #expect(sum == 25_005_000)
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try database.forEachRow("SELECT x FROM generate_series(1, 100000) AS x") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        #expect(try database.scalar("SELECT 6 * 7").int == 42)
        #expect(throws: DatabaseError.self) { try database.forEachRow("SELECT no_such_column FROM generate_series(1, 2)") { _ in } }
        #expect(try database.scalar("SELECT 1").int == 1)
        // A set of ids bound as one argument selects the same rows on both engines.
        let memory = try SQLiteDatabase(path: ":memory:")
        for engine in [database, memory] {
            try engine.execute("CREATE TABLE numbers (id INTEGER PRIMARY KEY)")
            try engine.execute("INSERT INTO numbers (id) VALUES (1), (2), (3), (5), (8)")
            let (condition, argument) = engine.membership(of: "id", in: [2, 5, 13])
            #expect(try engine.rows("SELECT id FROM numbers WHERE \(condition) ORDER BY id", [argument]) == [[.integer(2)], [.integer(5)]])
            let (none, empty) = engine.membership(of: "id", in: [])
            #expect(try engine.scalar("SELECT count(*) FROM numbers WHERE \(none)", [empty]).int == 0)
        }
    }

    @Test("a migration that adds and later drops a trigger acts alike on a PostgreSQL database made before it and on SQLite")
    func triggerMigrations() throws {
        let url = try PostgreSQLTestServer.createDatabase()
        defer { PostgreSQLTestServer.dropDatabase(url) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("triggers-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let shipped = Migrator.embeddedMigrations
        let next = (shipped.map(\.version).max() ?? 0) + 1
        let adding = Migrator.Migration(version: next, name: "\(next)_trigger.sql", sql: """
            CREATE TABLE probe (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
            CREATE TABLE probe_log (id INTEGER PRIMARY KEY, removed INTEGER NOT NULL);
            CREATE TRIGGER probe_removed AFTER DELETE ON probe
            BEGIN
                INSERT INTO probe_log (id, removed) VALUES (OLD.id, CASE WHEN OLD.n > 1 THEN OLD.n ELSE 0 END);
            END;
            INSERT INTO probe (id, n) VALUES (1, 5), (2, 1), (3, 7);
            """)
        let dropping = Migrator.Migration(version: next + 1, name: "\(next + 1)_no_trigger.sql", sql: "DROP TRIGGER probe_removed;")
        for path in [url, file] {
            let database = try SQLiteDatabase(path: path)
            try Migrator(migrations: shipped).migrate(database)
            #expect(try Migrator(migrations: shipped + [adding]).migrate(database) == [adding.name], "\(path)")
            try database.execute("DELETE FROM probe WHERE id IN (1, 2)")
            #expect(try database.rows("SELECT id, removed FROM probe_log ORDER BY id") == [[.integer(1), .integer(5)], [.integer(2), .integer(0)]],
                    "\(path)")
            #expect(try Migrator(migrations: shipped + [adding, dropping]).migrate(database) == [dropping.name], "\(path)")
            try database.execute("DELETE FROM probe WHERE id = 3")
            #expect(try database.scalar("SELECT count(*) FROM probe_log").int == 2, "\(path)")
        }
    }

    @Test("a read of a PostgreSQL database without scicollab's tables says so, and writes nothing")
    func emptyDatabase() throws {
        let url = try PostgreSQLTestServer.createDatabase()
        defer { PostgreSQLTestServer.dropDatabase(url) }
        let result = try CommandLineTests().run(["countries"], database: url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no such database"), "\(result.stderr)")
        #expect(!result.stderr.contains("***") || !url.contains(":***@"))
        #expect(try !SQLiteDatabase(path: url).hasTable("schema_migrations"))
    }

    /// Expects two JSON texts to be the same, but for the import ledger's timestamps and the database's own path.
    func expectSameJSON(_ a: String, _ b: String, command: String) throws {
        let left = try JSONSerialization.jsonObject(with: Data(a.utf8))
        let right = try JSONSerialization.jsonObject(with: Data(b.utf8))
        var differences: [String] = []
        compare(left, right, path: "", into: &differences)
        #expect(differences.isEmpty, "\(command): \(differences.prefix(8).joined(separator: "; "))")
    }

    /// Keys whose values differ between two runs of the same import whatever the engine.
    static let volatileKeys: Set<String> = ["started_at", "finished_at", "imported_at", "database", "elapsed_seconds", "megabytes_per_second", "seconds"]

    private func compare(_ a: Any, _ b: Any, path: String, into differences: inout [String]) {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            for key in Set(x.keys).union(y.keys) where !Self.volatileKeys.contains(key) {
                guard let xv = x[key], let yv = y[key] else {
                    differences.append("\(path).\(key) only on \(x[key] == nil ? "PostgreSQL" : "SQLite")")
                    continue
                }
                compare(xv, yv, path: "\(path).\(key)", into: &differences)
            }
        case let (x as [Any], y as [Any]):
            guard x.count == y.count else { return differences.append("\(path): \(x.count) items on SQLite, \(y.count) on PostgreSQL") }
            for (index, pair) in zip(x, y).enumerated() { compare(pair.0, pair.1, path: "\(path)[\(index)]", into: &differences) }
        case let (x as NSNumber, y as NSNumber):
            let u = x.doubleValue, v = y.doubleValue
            if u != v, abs(u - v) > 1e-9 * max(1, abs(u), abs(v)) { differences.append("\(path): \(u) on SQLite, \(v) on PostgreSQL") }
        case let (x as String, y as String):
            if x != y { differences.append("\(path): \"\(x.prefix(80))\" on SQLite, \"\(y.prefix(80))\" on PostgreSQL") }
        case (is NSNull, is NSNull):
            break
        default:
            if "\(a)" != "\(b)" { differences.append("\(path): \(a) on SQLite, \(b) on PostgreSQL") }
        }
    }
}
