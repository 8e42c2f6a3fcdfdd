import Foundation
import Testing

/// What the tool says when something is wrong, and with which exit code: 64 a usage error, 66 a missing input,
/// 1 any other failure; only an error found while parsing the arguments prints the usage line.
@Suite(.serialized)
struct MessagesTests {
    let cli = CommandLineTests()
    static let unknown = "Atlantis"

    @Test("an unknown country is a usage error (64) without a usage line in every command", arguments: [
        ["countries", "--group", unknown], ["pair", "RU", unknown], ["pair", unknown, "RU"], ["pairs", "--country", unknown],
        ["collaboration", unknown], ["fields", "--country", unknown], ["impact", "--country", unknown], ["impact", "--pair", unknown, "RU"],
        ["authors", "--country", unknown], ["institutions", "--country", unknown], ["explain", "pair", unknown, "RU"],
        ["explain", "country", unknown], ["explain", "type", "international", "--country", unknown],
        ["explain", "pair", "US", "CA", "--share-of-output", unknown], ["indicators", unknown], ["network", "--around", unknown],
        ["report", unknown, "RU", "--html", "/tmp/never-written.html"], ["explain", "work", "10.0000/no-such-work"],
    ])
    func unknownCountry(arguments: [String]) throws {
        let result = try cli.run(arguments, database: OutputContractTests.database)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Usage:"), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a missing input file is exit code 66 in every command that reads one", arguments: [
        (["import", "/nonexistent/export.csv"], "/nonexistent/export.csv: no such file or directory"),
        (["import-sources", "/nonexistent/list.csv"], "/nonexistent/list.csv: no such file"),
        (["audit", "/nonexistent/claims.yaml"], "/nonexistent/claims.yaml: no such file"),
        (["resolve", "--file", "/nonexistent/addresses.txt"], "/nonexistent/addresses.txt: no such file"),
        (["impact", "--baseline", "/nonexistent/expected.csv"], "--baseline /nonexistent/expected.csv: no such file"),
        (["countries", "--groups", "/nonexistent/groups.tsv"], "--groups /nonexistent/groups.tsv: no such file"),
    ])
    func missingInput(arguments: [String], message: String) throws {
        let result = try cli.run(arguments, database: OutputContractTests.database)
        #expect(result.status == 66, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("error: \(message)"), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Usage:"))
    }

    @Test("an unknown option is a usage error that prints the usage line")
    func parseError() throws {
        let result = try cli.run(["countries", "--bogus"], database: OutputContractTests.database)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--bogus'") && result.stderr.contains("Usage:"))
    }

    /// A scratch folder holding `files` (name → text).
    func folder(_ files: [String: [UInt8]]) throws -> URL {
        let directory = URL(fileURLWithPath: cli.scratchDatabase()).deletingLastPathComponent().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        return directory
    }

    static let unsupported: [String: [UInt8]] = [
        "endnote.xml": Array(#"<?xml version="1.0" encoding="UTF-8"?><xml><records><record><database name="My.enl">My.enl</database></record></records></xml>"#.utf8),
        "dimensions.csv": Array("\"About the data: Exported on Mar 03, 2024. Criteria: ...\"\n\"Rank\",\"Publication ID\",\"DOI\",\"Title\"\n".utf8),
        "wos.ris": Array("TY  - JOUR\nAU  - Smith, J\nTI  - A title\nAN  - WOS:000123456700001\nDB  - Web of Science\nER  - \n".utf8),
        "savedrecs.xls": [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
        "sources.csv": Array("Source Title,All Science Journal Classification Codes (ASJC)\nNature,1000;\n".utf8),
        "notes.txt": Array("shopping list\n".utf8),
        "draft.md": Array("# notes\n".utf8),
    ]

    @Test("a directory import names known exports it does not read and counts the other files on one line")
    func directoryMessages() throws {
        var files = Self.unsupported
        files["w.jsonl"] = Array((#"{"id":"https://openalex.org/W1","publication_year":2020}"# + "\n").utf8)
        let input = try folder(files)
        let result = try cli.run(["import", input.path], database: cli.scratchDatabase())
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("skipped \(input.path)/endnote.xml: an EndNote XML library: not read; export the records from Scopus (CSV), Web of Science (Plain text or Tab delimited), OpenAlex, PubMed or Lens instead"))
        #expect(lines.contains { $0.hasPrefix("skipped \(input.path)/dimensions.csv: a Dimensions export: not read yet;") })
        #expect(lines.contains("skipped \(input.path)/wos.ris: a Web of Science RIS export: not read yet; export Web of Science as Plain text file or Tab delimited file"))
        #expect(lines.contains { $0.hasPrefix("skipped \(input.path)/savedrecs.xls: an Excel workbook: not read; a Web of Science export: export it as Plain text file") })
        #expect(lines.contains("skipped \(input.path)/sources.csv: a Scopus source list: not an export of records: load it with `scicollab import-sources FILE`"))
        #expect(lines.contains("passed over 2 files that are not exports (--verbose lists them)"))
        #expect(!result.stderr.contains("notes.txt") && !result.stderr.contains("formats tried"))
        let verbose = try cli.run(["import", "--verbose", input.path], database: cli.scratchDatabase())
        #expect(verbose.stderr.contains("passed over 2 files that are not exports:\n  \(input.path)/draft.md\n  \(input.path)/notes.txt\n"))
    }

    @Test("a named file that is a known export not read is a failure (1) with what to do")
    func namedUnsupported() throws {
        let input = try folder(Self.unsupported)
        let list = try cli.run(["import", input.appendingPathComponent("sources.csv").path], database: cli.scratchDatabase())
        #expect(list.status == 1)
        #expect(list.stderr.contains("a Scopus source list: not an export of records: load it with `scicollab import-sources FILE`"))
        let database = cli.scratchDatabase()
        let other = try cli.run(["import", input.appendingPathComponent("notes.txt").path], database: database)
        #expect(other.status == 1 && other.stderr.contains("not a recognised export; formats tried:"))
        #expect(!other.stderr.contains("Usage:"))
        // The database the failed import would have created is not left behind, empty, for a figure command to read.
        #expect(other.stderr.contains("no database written at \(database): nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(try cli.run(["countries"], database: database).status == 66)
        // A database that holds works keeps them when a later import stores nothing.
        #expect(try cli.run(["import", "Fixtures/scopus_2024_pybibx_13rec.csv"], database: database).status == 0)
        #expect(try cli.run(["import", input.appendingPathComponent("notes.txt").path], database: database).status == 1)
        #expect(FileManager.default.fileExists(atPath: database))
        #expect(try cli.run(["countries"], database: database).status == 0)
    }

    @Test("a figure command on a database without works says so (1) instead of printing empty tables")
    func databaseWithoutWorks() throws {
        let database = cli.scratchDatabase()
        // World Bank indicators alone: a database, but no work to count.
        #expect(try cli.run(["import", "Fixtures/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_234.csv"], database: database).status == 0)
        for command in [["countries"], ["collaboration"], ["pairs"], ["pair", "RU", "CN"], ["fields"], ["impact"],
                        ["institutions"], ["explain", "country", "RU"]] {
            let result = try cli.run(command, database: database)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("holds no works: nothing to count (import exports first: scicollab import FILE --db"), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        #expect(try cli.run(["summary"], database: database).status == 0)
    }

    @Test("summary: works by year × source as one pivot, document types by group, --limit on every list")
    func summaryLists() throws {
        let db = cli.scratchDatabase()
        let imported = try cli.run(["import", "Fixtures/wos_txt_2014_wosfile_50rec.txt", "Fixtures/scopus_2024_pybibx_13rec.csv"], database: db)
        #expect(imported.status == 0, "\(imported.stderr)")
        // PY of the WoS file: 2000–2013 (50 works); Scopus Year: 2010, 2011, 2013 ×2, 2020 ×3, 2022 ×3, 2023, 2024 ×2.
        let json = try cli.json(try cli.run(["summary", "--limit", "3", "--format", "json"], database: db).stdout)
        let pivot = try #require(json["works_by_year"] as? [[String: Any]])
        #expect(pivot.count == 4)
        #expect((pivot[0]["years"] as? [String: Any])?["from"] as? Int == 2000 && (pivot[0]["years"] as? [String: Any])?["to"] as? Int == 2020)
        #expect(pivot[0]["year"] is NSNull && pivot[0]["wos"] as? Int == 50 && pivot[0]["scopus"] as? Int == 7 && pivot[0]["total"] as? Int == 57)
        #expect(pivot[1...].map { $0["year"] as? Int } == [2022, 2023, 2024])
        #expect(pivot[1...].map { $0["scopus"] as? Int } == [3, 1, 2] && pivot[1...].map { $0["wos"] as? Int } == [0, 0, 0])
        #expect((json["works_by_source_year"] as? [Any])?.count == 14 + 7)   // the long form keeps every year
        let imports = try #require(json["imports"] as? [[String: Any]])
        #expect(imports.count == 2)

        // DT: Article 40, Article; Proceedings Paper 3, Review 4, Proceedings Paper 2, Editorial Material 1;
        // Scopus: Article 10, Conference paper 2, Review 1.
        let typed = try cli.json(try cli.run(["summary", "--limit", "1", "--format", "json"], database: db).stdout)
        let groups = try #require(typed["document_type_groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["article", "review", "conference paper", "other"])
        #expect(groups.map { $0["works"] as? Int } == [53, 5, 4, 1])
        #expect(groups.map { $0["types"] as? Int } == [2, 1, 2, 1])
        let types = try #require(typed["document_types"] as? [[String: Any]])
        #expect(types.map { $0["document_type"] as? String } == ["Article", "(1 other type)", "Review", "Conference paper", "(1 other type)", "Editorial Material"])
        #expect(types.map { $0["works"] as? Int } == [50, 3, 5, 2, 2, 1])
        #expect(types.map { $0["group"] as? String } == ["article", "article", "review", "conference paper", "conference paper", "other"])
        #expect((typed["imports"] as? [[String: Any]])?.count == 1)
        #expect((typed["works_by_year"] as? [[String: Any]])?.count == 2)
        let table = try cli.run(["summary", "--limit", "1"], database: db, environment: ["COLUMNS": "100"]).stdout
        #expect(table.contains("The latest 1 of 2 imports (--limit N lists N)."))
        #expect(table.contains("2000–2023"))
    }

    @Test("a PostgreSQL database without libpq says which library is missing and how to get it (1); a SQLite file does not need it")
    func postgreSQLWithoutClientLibrary() throws {
        let missing = "/nonexistent/libpq.so.5"
        let server = try cli.run(["summary"], database: "postgresql://nobody:secret@127.0.0.1:1/none", environment: ["SCICOLLAB_LIBPQ": missing])
        #expect(server.status == 1, "\(server.stderr)")
        #expect(server.stderr.hasPrefix("error: cannot open the database postgresql://nobody:***@127.0.0.1:1/none: "), "\(server.stderr)")
        #expect(!server.stderr.contains("secret"), "\(server.stderr)")
        #expect(server.stderr.contains("needs libpq, PostgreSQL's client library"), "\(server.stderr)")
        #expect(server.stderr.contains("apt-get install libpq5"), "\(server.stderr)")
        #expect(server.stderr.contains(missing), "\(server.stderr)")
        #expect(server.stdout.isEmpty)
        let file = try cli.run(["countries", "--format", "json"], database: OutputContractTests.database, environment: ["SCICOLLAB_LIBPQ": missing])
        #expect(file.status == 0, "\(file.stderr)")
        // The binary does not ask the loader for libpq at start.
        #if os(Linux)
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [CommandLineTests.binary.path]
        let pipe = Pipe()
        ldd.standardOutput = pipe
        try ldd.run()
        let libraries = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(libraries.contains("libsqlite3.so"), "\(libraries)")
        #expect(!libraries.contains("libpq"), "\(libraries)")
        #endif
    }
}
