import Foundation
import Testing

/// Pins the JSON of every figure command on a store holding every export of `Fixtures/`: a change of how rows
/// are stored (fewer rows per work, another engine, a migration) must leave every figure as it was. The expected
/// outputs are `Tests/SciCollabTests/Expected/commands/*.json`; `SCICOLLAB_WRITE_EXPECTED=1 swift test --filter
/// CommandJSONPinTests` writes them anew (then review the diff: every change there is a change of a figure).
///
/// The same outputs are also checked on a store brought from the shape before the newest migration: the rows that
/// migration takes away are put back and the migration run again.
@Suite(.serialized)
struct CommandJSONPinTests {
    static let root = CommandLineTests.packageRoot
    static let expectedFolder = root.appendingPathComponent("Tests/SciCollabTests/Expected/commands")

    /// Every export of `Fixtures/` (World Bank indicators and the source list included), each imported on its own in
    /// name order, as `TestSupport.bundledStore` does: a file that cannot be read is left out.
    static let files: [String] = {
        let folder = root.appendingPathComponent("Fixtures")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasSuffix(".md") && $0 != "claims" }.map { "Fixtures/" + $0 }
    }()

    static func importFixtures(_ files: [String] = files, into database: String) {
        let cli = CommandLineTests()
        for file in files {
            let arguments = file.contains("sourcelist") ? ["import-sources", file] : ["import", file]
            _ = try? cli.run(arguments, database: database)
        }
    }

    static let database: String = {
        let db = CommandLineTests().scratchDatabase()
        importFixtures(into: db)
        return db
    }()

    /// Every figure command, with the options that change what it computes; the name is the expected file's.
    static let commands: [(name: String, arguments: [String])] = [
        ("summary", ["summary"]),
        ("countries", ["countries"]),
        ("countries-ids", ["countries", "--author-identity", "ids"]),
        ("countries-groups", ["countries", "--group", "G7", "--group", "BRICS"]),
        ("countries-by-year", ["countries", "--by-year"]),
        ("countries-corresponding", ["countries", "--corresponding"]),
        ("collaboration", ["collaboration"]),
        ("collaboration-us", ["collaboration", "US"]),
        ("collaboration-g7", ["collaboration", "G7"]),
        ("collaboration-by-year", ["collaboration", "--by-year"]),
        ("pair-us-ca", ["pair", "US", "CA"]),
        ("pair-us-ca-fractional", ["pair", "US", "CA", "--counting", "fractional"]),
        ("pair-us-cn-period", ["pair", "US", "CN", "--from", "2010", "--to", "2024"]),
        ("pair-su-us", ["pair", "SU", "US"]),
        ("pair-g7-cn", ["pair", "G7", "CN"]),
        ("pairs", ["pairs", "--top", "100"]),
        ("pairs-fractional", ["pairs", "--counting", "fractional", "--top", "100"]),
        ("pairs-us", ["pairs", "--country", "US"]),
        ("pairs-by-year", ["pairs", "--by-year", "--top", "20"]),
        ("pairs-institution", ["pairs", "--level", "institution", "--top", "30"]),
        // Leadership of institutions (definitions §6): a consortium paper of the WoS tab-delimited 2023 fixture has
        // corresponding authors at positions 1 (Karolinska, Harvard), 332 and 333 (Univ Washington, Fred Hutchinson):
        // the first leads. The Princeton–Univ Washington paper of the WoS 2024 fixture has six corresponding authors;
        // the first, at neither, leads.
        ("pair-institution-ki-uw", ["pair", "--level", "institution", "karolinska inst", "univ washington", "--window", "total"]),
        ("pair-institution-uw-princeton", ["pair", "--level", "institution", "univ washington", "princeton univ", "--window", "total"]),
        ("fields-wos", ["fields", "--scheme", "wos-category"]),
        ("fields-asjc", ["fields", "--scheme", "asjc"]),
        ("fields-pair", ["fields", "--scheme", "wos-category", "--pair", "US", "CA"]),
        ("fields-g7", ["fields", "--scheme", "wos-category", "--country", "G7"]),
        ("impact", ["impact", "--window", "total"]),
        ("impact-us", ["impact", "--country", "US", "--window", "total"]),
        ("impact-pair", ["impact", "--pair", "US", "CA", "--window", "total", "--intervals"]),
        ("impact-international", ["impact", "--type", "international", "--window", "total"]),
        ("authors", ["authors"]),
        ("authors-us", ["authors", "--country", "US"]),
        ("authors-pair", ["authors", "--pair", "G7", "CN"]),
        ("institutions", ["institutions", "--top", "50"]),
        ("institutions-us-by-year", ["institutions", "--country", "US", "--by-year", "--top", "10"]),
        ("network", ["network", "--top", "50"]),
        ("network-institutions", ["network", "--level", "institutions", "--top", "30"]),
        ("explain-pair", ["explain", "pair", "CA", "NZ"]),
        ("explain-country", ["explain", "country", "NZ"]),
        ("explain-share", ["explain", "pair", "CA", "NZ", "--share-of-output", "NZ", "--counting", "fractional"]),
        ("explain-type", ["explain", "type", "international", "--country", "NZ"]),
        ("explain-work", ["explain", "work", "1"]),
        ("indicators", ["indicators", "RU", "CN", "--from", "2010", "--forecast", "2"]),
        ("audit", ["audit", "Fixtures/claims/wos-2014-fixture.json"]),
    ]

    /// Keys whose values name the run rather than the data (version, clock, paths).
    static let runKeys: Set<String> = ["scicollab_version", "generated_at", "database", "started_at", "finished_at", "elapsed_seconds"]

    /// The output with the run's own values left out and every number to 12 significant digits (a sum taken in
    /// another order may differ in its last bits), as pretty-printed JSON with sorted keys.
    static func normalized(_ json: String) throws -> String {
        func clean(_ value: Any) -> Any {
            switch value {
            case let object as [String: Any]:
                return object.filter { !runKeys.contains($0.key) }.mapValues(clean)
            case let array as [Any]:
                return array.map(clean)
            case let number as NSNumber where ["d", "f"].contains(String(cString: number.objCType)):
                return Double(String(format: "%.12g", number.doubleValue)) ?? number.doubleValue
            default:
                return value
            }
        }
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(withJSONObject: clean(object), options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Each command's normalized JSON on `database`, by name.
    static func outputs(on database: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for command in commands {
            let run = try CommandLineTests().run(command.arguments + ["--format", "json"], database: database)
            result[command.name] = try normalized(run.stdout.isEmpty ? "null" : run.stdout)
        }
        return result
    }

    /// Compares `outputs` with the expected files (or writes them under `SCICOLLAB_WRITE_EXPECTED=1`).
    static func compare(_ outputs: [String: String], context: String) throws {
        let write = ProcessInfo.processInfo.environment["SCICOLLAB_WRITE_EXPECTED"] == "1"
        if write { try FileManager.default.createDirectory(at: expectedFolder, withIntermediateDirectories: true) }
        for command in commands {
            let url = expectedFolder.appendingPathComponent(command.name + ".json")
            let actual = try #require(outputs[command.name])
            if write {
                try Data(actual.utf8).write(to: url)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            guard actual != expected else { continue }
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("""
                \(context): `\(command.arguments.joined(separator: " "))` differs from \(command.name).json at line \(line + 1):
                expected: \(line < e.count ? String(e[line]) : "(end)")
                actual:   \(line < a.count ? String(a[line]) : "(end)")
                """)
        }
    }

    @Test("every figure command's JSON on the bundled fixtures is the pinned one")
    func pinned() throws {
        #expect(Self.files.count >= 40)
        let outputs = try Self.outputs(on: Self.database)
        // The store holds works of every source and the commands found them.
        #expect(outputs["summary"]?.contains("\"openalex\"") == true)
        #expect(outputs["countries"]?.contains("\"US\"") == true)
        try Self.compare(outputs, context: "fresh store")
    }

    /// Commands whose text formats (`table`, `csv`, `markdown`) are pinned byte for byte, on a 100-column terminal:
    /// the renderers write numbers and pad cells themselves, and must write exactly what they wrote before.
    /// The expected outputs are `Tests/SciCollabTests/Expected/commands-text/<name>.<format>`.
    static let textCommands: [(name: String, arguments: [String], formats: [String])] = [
        ("pairs-institution", ["pairs", "--level", "institution", "--top", "30"], ["table", "csv", "markdown"]),
        ("institutions", ["institutions", "--top", "50"], ["table", "csv", "markdown"]),
        ("pairs", ["pairs", "--top", "100"], ["table", "csv", "markdown"]),
        ("countries", ["countries"], ["table", "csv", "markdown"]),
        ("pair-us-ca", ["pair", "US", "CA"], ["table", "csv", "markdown"]),
        ("impact-pair", ["impact", "--pair", "US", "CA", "--window", "total"], ["table", "csv", "markdown"]),
        ("pairs-institution-by-year", ["pairs", "--level", "institution", "--by-year", "--top", "10"], ["table"]),
        ("institutions-us-by-year", ["institutions", "--country", "US", "--by-year", "--top", "10"], ["table"]),
        ("fields-pair", ["fields", "--scheme", "wos-category", "--pair", "US", "CA"], ["table"]),
        ("collaboration-by-year", ["collaboration", "--by-year"], ["table"]),
    ]

    @Test("the table, CSV and Markdown outputs of the figure commands on the bundled fixtures are the pinned ones, byte for byte")
    func pinnedText() throws {
        let folder = Self.root.appendingPathComponent("Tests/SciCollabTests/Expected/commands-text")
        let write = ProcessInfo.processInfo.environment["SCICOLLAB_WRITE_EXPECTED"] == "1"
        for command in Self.textCommands {
            for format in command.formats {
                let run = try CommandLineTests().run(command.arguments + ["--format", format], database: Self.database,
                                                     environment: ["COLUMNS": "100"])
                #expect(run.status == 0, "\(command.name).\(format): \(run.stderr)")
                let url = folder.appendingPathComponent("\(command.name).\(format)")
                if write {
                    try Data(run.stdout.utf8).write(to: url)
                    continue
                }
                let expected = try String(contentsOf: url, encoding: .utf8)
                guard run.stdout != expected else { continue }
                let a = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
                Issue.record("""
                    `\(command.arguments.joined(separator: " ")) --format \(format)` differs from \(command.name).\(format) at line \(line + 1):
                    expected: \(line < e.count ? String(e[line]) : "(end)")
                    actual:   \(line < a.count ? String(a[line]) : "(end)")
                    """)
            }
        }
    }

    /// Runs SQL on a database with the `sqlite3` shell; false (after saying why the check is skipped) without it.
    static func sqlite(_ database: String, _ sql: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether an SQL condition holds on the database (a failed condition makes the shell fail: an integer overflow).
    static func holds(_ database: String, _ condition: String) throws -> Bool {
        try sqlite(database, "SELECT CASE WHEN NOT (\(condition)) THEN abs(-9223372036854775808) END;")
    }

    @Test("a store of the shape before migration 017, migrated, then imported into, gives the pinned JSON")
    func migratedStore() throws {
        let db = CommandLineTests().scratchDatabase()
        let half = Self.files.count / 2
        Self.importFixtures(Array(Self.files[..<half]), into: db)
        // The shape before 017: every author's own source id or ORCID also listed in author_identifiers.
        let rewound = try Self.sqlite(db, """
            INSERT INTO author_identifiers (kind, value, author_id)
                SELECT identity_kind, identity, id FROM authors WHERE identity_kind IN ('source_id', 'orcid') ORDER BY id
                ON CONFLICT (kind, value) DO NOTHING;
            DELETE FROM schema_migrations WHERE version = 17;
            """)
        guard rewound else {
            print("skipped: the migrated-store comparison (the sqlite3 shell is not installed)")
            return
        }
        // The next import opens the store, runs 017, then resolves its authors against the migrated rows.
        Self.importFixtures(Array(Self.files[half...]), into: db)
        #expect(try Self.holds(db, "(SELECT count(*) FROM schema_migrations WHERE version = 17) = 1"))
        // No author's own identity is listed in author_identifiers any more, and the other identifiers stay.
        #expect(try Self.holds(db, """
            NOT EXISTS (SELECT 1 FROM author_identifiers i JOIN authors a
                        ON a.id = i.author_id AND a.identity_kind = i.kind AND a.identity = i.value)
            """))
        #expect(try Self.holds(db, "(SELECT count(*) FROM author_identifiers) > 0"))
        try Self.compare(try Self.outputs(on: db), context: "migrated store")
    }
}
