import Foundation
import Testing

/// The output contract of every command: its table fits 100 columns, its JSON validates against its schema
/// under `Schemas/`, its CSV is one table that loads as such.
@Suite(.serialized)
struct OutputContractTests {
    static let root = CommandLineTests.packageRoot

    /// A database with Scopus, Web of Science, OpenAlex and World Bank data and a Scopus source list, built once.
    static let database: String = {
        let cli = CommandLineTests()
        let db = cli.scratchDatabase()
        _ = try? cli.run(["import", "Fixtures/scopus_2023_litstudy_88rec.csv", "Fixtures/wos_txt_2014_wosfile_50rec.txt",
                          "Fixtures/openalex_api_works_page_50rec_2025.json", "Fixtures/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_38.csv",
                          "Fixtures/API_IP.PAT.RESD_DS2_en_csv_v2_72.csv", "Fixtures/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_234.csv",
                          "Fixtures/Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv"], database: db)
        return db
    }()

    /// Every command with arguments that give it rows, and the schema of its JSON.
    static let commands: [(arguments: [String], schema: String)] = [
        (["summary"], "summary"),
        (["countries"], "countries"),
        (["countries", "--author-identity", "ids"], "countries"),
        (["collaboration"], "collaboration"),
        (["collaboration", "US"], "collaboration"),
        (["pair", "US", "CA"], "pair"),
        (["pair", "US", "CA", "--counting", "fractional"], "pair"),
        (["pair", "SU", "US"], "pair"),
        (["pairs", "--top", "10"], "pairs"),
        (["fields", "--scheme", "wos-category"], "fields"),
        (["fields", "--scheme", "wos-category", "--pair", "US", "CA"], "fields"),
        (["impact", "--window", "total"], "impact"),
        (["impact", "--pair", "US", "CA", "--window", "total", "--intervals"], "impact"),
        (["audit", "Fixtures/claims/wos-2014-fixture.json"], "audit"),
        (["explain", "pair", "US", "CA"], "explain"),
        (["explain", "country", "CA"], "explain"),
        (["explain", "pair", "US", "CA", "--share-of-output", "US", "--counting", "fractional"], "explain"),
        (["explain", "pair", "US", "CA", "--growth", "--from", "2010", "--to", "2013", "--counting", "fractional"], "explain"),
        (["indicators", "RU", "CN", "--from", "2010", "--forecast", "2"], "indicators"),
        (["import", "--dry-run", "Fixtures/scopus_2024_pybibx_13rec.csv"], "import"),
        (["import-sources", "Fixtures/scopus_sourcelist_title_to_asjc_biblium_excerpt.csv"], "import-sources"),
        (["countries", "--group", "G7", "--group", "BRICS"], "countries"),
        (["countries", "--by-year", "--top", "3"], "countries"),
        (["countries", "--corresponding"], "countries"),
        (["collaboration", "G7"], "collaboration"),
        (["collaboration", "--by-year"], "collaboration"),
        (["pair", "G7", "CN"], "pair"),
        (["pairs", "--country", "G7"], "pairs"),
        (["pairs", "--by-year", "--top", "3"], "pairs"),
        (["pairs", "--level", "institution", "--top", "5"], "pairs"),
        (["authors"], "authors"),
        (["authors", "--country", "US"], "authors"),
        (["authors", "--pair", "G7", "CN"], "authors"),
        (["institutions", "--top", "10"], "institutions"),
        (["institutions", "--country", "US", "--by-year", "--top", "3"], "institutions"),
        (["fields", "--scheme", "wos-category", "--country", "G7"], "fields"),
        (["impact", "--country", "US", "--window", "total"], "impact"),
        (["impact", "--type", "international", "--window", "total"], "impact"),
        (["explain", "type", "international"], "explain"),
        (["explain", "work", "1"], "explain"),
        (["resolve", "Univ Hong Kong, Hong Kong, Peoples R China", "Savannah, Georgia 31401"], "resolve"),
        (["network", "--top", "10"], "network"),
        (["network", "--level", "institutions", "--top", "10"], "network"),
    ]

    func run(_ arguments: [String], columns: Int = 100) throws -> CommandLineTests.Result {
        try CommandLineTests().run(arguments, database: Self.database, environment: ["COLUMNS": String(columns)])
    }

    @Test("every command's table fits 100 columns")
    func tablesFit() throws {
        for command in Self.commands {
            let result = try run(command.arguments)
            #expect(!result.stdout.isEmpty, "\(command.arguments): \(result.stderr)")
            for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false) where line.count > 100 {
                Issue.record("\(command.arguments.joined(separator: " ")): a line of \(line.count) characters: \(line)")
            }
        }
        // And a narrower terminal.
        let narrow = try run(["countries"], columns: 60)
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test("every command's JSON validates against its schema and carries the versions")
    func jsonValidates() throws {
        for command in Self.commands {
            let result = try run(command.arguments + ["--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let validator = try JSONSchemaValidator(contentsOf: Self.root.appendingPathComponent("Schemas/\(command.schema).schema.json"))
            let errors = validator.validate(object)
            #expect(errors.isEmpty, "\(command.arguments.joined(separator: " ")): \(errors.prefix(5))")
            let top = try #require(object as? [String: Any])
            #expect(top["scicollab_version"] is String && top["schema_version"] as? Int == 2)
        }
    }

    @Test("every command's CSV is one table: one header, every row as wide")
    func csvIsOneTable() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        for command in Self.commands {
            let result = try run(command.arguments + ["--format", "csv"])
            let rows = CSVTable.parse(result.stdout)
            let header = try #require(rows.first, "\(command.arguments)")
            #expect(!header.isEmpty && !header[0].hasPrefix("#"))
            #expect(Set(header).count == header.count, "\(command.arguments): repeated keys in \(header)")
            #expect(rows.allSatisfy { $0.count == header.count }, "\(command.arguments)")
            if let python {
                let check = Process()
                check.executableURL = URL(fileURLWithPath: python)
                check.arguments = ["-c", "import csv,sys; r=list(csv.reader(sys.stdin)); assert r and all(len(x)==len(r[0]) for x in r), 'ragged'; print(len(r))"]
                let input = Pipe(), output = Pipe()
                check.standardInput = input
                check.standardOutput = output
                try check.run()
                input.fileHandleForWriting.write(Data(result.stdout.utf8))
                try input.fileHandleForWriting.close()
                let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                check.waitUntilExit()
                #expect(check.terminationStatus == 0 && Int(printed.trimmingCharacters(in: .whitespacesAndNewlines)) == rows.count,
                        "\(command.arguments): Python's csv module read \(printed)")
            }
        }
    }

    @Test("--table picks one table; --output-dir writes every table as CSV and JSON")
    func tablesAndOutputDirectory() throws {
        let byYear = try run(["pair", "US", "CA", "--format", "csv", "--table", "by_year"])
        #expect(byYear.stdout.hasPrefix("year,coauthored,output_a,output_b,coauthors_a,coauthors_b,"))
        let unknown = try run(["pair", "US", "CA", "--table", "nothing"])
        #expect(unknown.status == 64 && unknown.stderr.contains("its tables: pair, sides, by_year"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scicollab-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try run(["summary", "--output-dir", directory.path])
        #expect(written.status == 0)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for table in ["coverage", "document_types", "imports"] {
            #expect(files.contains("summary_\(table).csv") && files.contains("summary_\(table).json"), "\(files)")
        }
        #expect(files.contains("summary.json"))
    }

    @Test("shares are fractions in JSON and percentages in tables; thousands separators; country names")
    func units() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run(["countries", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let rows = try #require(json["countries"] as? [[String: Any]])
        let us = try #require(rows.first { $0["country"] as? String == "US" })
        let works = try #require(us["works"] as? Int), international = try #require(us["international_works"] as? Int)
        let fraction = try #require(us["international_fraction"] as? Double)
        #expect(abs(fraction - Double(international) / Double(works)) < 1e-9)
        #expect(abs((us["international_share"] as? Double ?? 0) - fraction * 100) < 1e-9)   // the old key, in percent
        let period = try #require((json["parameters"] as? [String: Any])?["period"] as? [String: Any])
        #expect(period["from"] is NSNull && period["to"] is NSNull)
        let table = try run(["countries"]).stdout
        #expect(table.contains("US United States"))
        let percent = String(format: "%.2f", fraction * 100)
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("US United States") && $0.contains(" \(percent)") })
        let indicators = try run(["indicators", "CN", "--from", "2015", "--to", "2015"]).stdout
        #expect(indicators.contains("CN China"))
        #expect(indicators.contains("968,252"))
    }

    @Test("--brief leaves the notes out")
    func brief() throws {
        let full = try run(["collaboration"]).stdout
        let brief = try run(["collaboration", "--brief"]).stdout
        #expect(full.contains("SciVal cascade") && !brief.contains("SciVal cascade"))
        #expect(brief.contains("international"))
    }
}

/// A small RFC 4180 reader for the tests (quoted fields, doubled quotes, line breaks inside quotes).
enum CSVTable {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, atStart = true
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? { if let p = pending { pending = nil; return p }; return iterator.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"" where atStart: quoted = true; atStart = false
            case ",": row.append(field); field = ""; atStart = true
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""; atStart = true
            default: field.append(c); atStart = false
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
