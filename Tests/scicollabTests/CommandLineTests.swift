import Foundation
import Testing

/// Runs the built `scicollab` binary end to end.
struct CommandLineTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (`swift test` builds it: the test target depends on it).
    static var binary: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in candidates {
            let url = directory.appendingPathComponent("scicollab")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/scicollab")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary with `arguments --db database` in the package root; `environment` adds variables.
    func run(_ arguments: [String], database: String, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + ["--db", database]
        process.currentDirectoryURL = Self.packageRoot
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The directory of this test process's scratch databases, removed when the process exits.
    static let scratchRoot: URL = {
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("scicollab-cli-\(getpid())"))
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("scicollab-cli-\(getpid())")
    }()

    func scratchDatabase() -> String {
        let directory = Self.scratchRoot.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("db.sqlite").path
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The keys a JSON schema under `Schemas/` requires at the top level and in the items of `arrayKey`.
    func requiredKeys(schema: String, arrayKey: String) throws -> (top: [String], item: [String]) {
        let data = try Data(contentsOf: Self.packageRoot.appendingPathComponent("Schemas/\(schema)"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let properties = object["properties"] as? [String: Any]
        let items = (properties?[arrayKey] as? [String: Any])?["items"] as? [String: Any]
        return (object["required"] as? [String] ?? [], items?["required"] as? [String] ?? [])
    }

    @Test("import the fixtures, then summary and countries in every format")
    func importThenReport() throws {
        let db = scratchDatabase()
        // The Scopus fixtures (the WoS ones have their own tests).
        let scopus = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("Fixtures").path)
            .filter { $0.hasPrefix("scopus_20") }.sorted().map { "Fixtures/" + $0 }
        let imported = try run(["import"] + scopus, database: db)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("283 records read, 283 imported, 0 skipped"))

        let again = try run(["import"] + scopus + ["--format", "json"], database: db)
        #expect(again.status == 0)
        let againJSON = try json(again.stdout)
        let files = try #require(againJSON["files"] as? [[String: Any]])
        #expect(files.count == 5)
        #expect(files.allSatisfy { ($0["status"] as? String)?.hasPrefix("already imported") == true })

        let countries = try run(["countries", "--format", "json"], database: db)
        #expect(countries.status == 0)
        let object = try json(countries.stdout)
        let rows = try #require(object["countries"] as? [[String: Any]])
        let required = try requiredKeys(schema: "countries.schema.json", arrayKey: "countries")
        #expect(required.top.allSatisfy { object[$0] != nil })
        #expect(rows.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } })
        let us = try #require(rows.first { $0["country"] as? String == "US" })
        // 100 by their affiliations, and one (2-s2.0-0032575750, no affiliation with a country) placed by its
        // correspondence address in Rahway, NJ (definitions §2, correspondence fallback).
        #expect(us["works"] as? Int == 101)
        #expect(rows.first?["country"] as? String == "US")

        let csv = try run(["countries", "--format", "csv"], database: db)
        #expect(csv.stdout.hasPrefix("country,works,works_fractional,authors,citations_per_publication,works_without_citation_count,"
                                     + "international_works,international_share,international_fraction,works_first_year,works_last_year,growth,cagr,"
                                     + "name_keyed_authors,name_keyed_share,impact\nUS,101,"))
        let markdown = try run(["countries", "--format", "markdown", "--top", "3"], database: db)
        #expect(markdown.stdout.contains("| Country | Works (full) |"))
        let table = try run(["countries", "--from", "2023", "--to", "2024"], database: db)
        #expect(table.stdout.contains("period: 2023–2024"))

        let summary = try run(["summary", "--format", "json"], database: db)
        #expect(summary.status == 0)
        let summaryObject = try json(summary.stdout)
        let summaryRequired = try requiredKeys(schema: "summary.schema.json", arrayKey: "coverage")
        #expect(summaryRequired.top.allSatisfy { summaryObject[$0] != nil })
        #expect((summaryObject["parameters"] as? [String: Any])?["works"] as? Int == 283)
    }

    @Test("SCICOLLAB_TRACE_SQL: every statement as it finishes, or with `summary` one line per statement at the end")
    func statementTrace() throws {
        let database = scratchDatabase()
        let imported = try run(["import", "Fixtures/scopus_2023_litstudy_88rec.csv"], database: database,
                               environment: ["SCICOLLAB_TRACE_SQL": "summary"])
        #expect(imported.status == 0)
        let lines = imported.stderr.split(separator: "\n")
        let header = try #require(lines.firstIndex(of: "sql summary (SCICOLLAB_TRACE_SQL=summary)"))
        let summary = lines[(header + 2)...]
        // One line per statement: the works row of each of the 88 records, in one line.
        let works = summary.filter { $0.contains("  INSERT INTO works (") }
        #expect(works.count == 1)
        #expect(works.first?.split(separator: " ", omittingEmptySubsequences: true)[1] == "88")
        #expect(summary.last?.contains("every statement (") == true)
        #expect(!lines.contains { $0.hasPrefix("sql ") && $0.contains(" ms  ") })
        let every = try run(["countries", "--format", "json"], database: database, environment: ["SCICOLLAB_TRACE_SQL": "1"])
        #expect(every.status == 0)
        let traced = every.stderr.split(separator: "\n").filter { $0.hasPrefix("sql ") && $0.contains(" ms  ") }
        #expect(traced.contains { $0.contains(" ms  SELECT ") })
        #expect(!every.stderr.contains("sql summary"))
    }

    @Test("resolve: country, rule and institution of each address, from arguments and from a file")
    func resolveCommand() throws {
        let db = scratchDatabase()
        let result = try run(["resolve", "Univ W, Xi'an, 710049 People's Republic of China.", "Univ Hong Kong, Hong Kong, Peoples R China",
                              "Georgia Inst Technol", "--source", "wos", "--format", "json"], database: db)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let required = try requiredKeys(schema: "resolve.schema.json", arrayKey: "addresses")
        #expect(required.top.allSatisfy { object[$0] != nil })
        let rows = try #require(object["addresses"] as? [[String: Any]])
        #expect(rows.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } })
        #expect(rows.map { $0["country"] as? String } == ["CN", "HK", nil])
        #expect(rows.map { $0["rule"] as? String } == ["trailing-alias", "last-component", "unresolved"])
        #expect(rows.map { $0["institution"] as? String } == ["Univ W", "Univ Hong Kong", "Georgia Inst Technol"])

        let list = scratchDatabase() + ".txt"
        try Data("Univ Y, Savannah, Georgia 31401.\nUniv X, Lexington, Kentucky, 40506\nTbilisi State Univ, Tbilisi, Georgia\n".utf8).write(to: URL(fileURLWithPath: list))
        let csv = try run(["resolve", "--file", list, "--format", "csv"], database: db)
        #expect(csv.stdout.hasPrefix("address,country,rule,matched,china_region,dissolved_state,institution\n"))
        #expect(csv.stdout.contains("\"Univ Y, Savannah, Georgia 31401.\",US,state-zip,georgia 31401,"))
        #expect(csv.stdout.contains("\"Univ X, Lexington, Kentucky, 40506\",US,state-component-zip,kentucky 40506,"))
        #expect(csv.stdout.contains("\"Tbilisi State Univ, Tbilisi, Georgia\",GE,last-component,georgia,"))
        #expect(try run(["resolve"], database: db).status != 0)
    }

    @Test("collaboration, pair and pairs: the JSON keys of their schemas, table output, errors")
    func collaborationCommands() throws {
        let db = scratchDatabase()
        #expect(try run(["import", "Fixtures/scopus_2023_litstudy_88rec.csv", "Fixtures/wos_txt_2014_wosfile_50rec.txt"], database: db).status == 0)

        let pair = try run(["pair", "US", "Canada", "--format", "json"], database: db)
        #expect(pair.status == 0, "\(pair.stderr)")
        let object = try json(pair.stdout)
        let required = try requiredKeys(schema: "pair.schema.json", arrayKey: "by_year")
        #expect(required.top.allSatisfy { object[$0] != nil }, "\(required.top.filter { object[$0] == nil })")
        for key in ["output", "share_of_output", "coauthors", "authors", "share_of_authors"] {
            #expect(Set(((object[key] as? [String: Any]) ?? [:]).keys) == ["US", "CA"], "\(key)")
        }
        let years = try #require(object["by_year"] as? [[String: Any]])
        #expect(years.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } })
        let total = years.compactMap { $0["coauthored"] as? Int }.reduce(0, +)
        #expect(object["coauthored"] as? Int == total)
        #expect((object["period"] as? [String: Any])?["from"] as? Int != nil)
        #expect(object["counting"] as? String == "full")

        let collaboration = try json(try run(["collaboration", "--format", "json"], database: db).stdout)
        let collaborationRequired = try requiredKeys(schema: "collaboration.schema.json", arrayKey: "types")
        #expect(collaborationRequired.top.allSatisfy { collaboration[$0] != nil })
        let types = try #require(collaboration["types"] as? [[String: Any]])
        #expect(types.map { $0["type"] as? String } == ["international", "national", "institutional", "single"])
        #expect(types.allSatisfy { row in collaborationRequired.item.allSatisfy { row[$0] != nil } })

        let pairs = try json(try run(["pairs", "--top", "3", "--format", "json"], database: db).stdout)
        let pairsRequired = try requiredKeys(schema: "pairs.schema.json", arrayKey: "pairs")
        let pairRows = try #require(pairs["pairs"] as? [[String: Any]])
        #expect(pairRows.count == 3 && pairRows.allSatisfy { row in pairsRequired.item.allSatisfy { row[$0] != nil } })

        let impact = try json(try run(["impact", "--pair", "US", "CA", "--window", "total", "--format", "json"], database: db).stdout)
        let impactRequired = try requiredKeys(schema: "impact.schema.json", arrayKey: "none")
        #expect(impactRequired.top.allSatisfy { impact[$0] != nil }, "\(impactRequired.top.filter { impact[$0] == nil })")
        #expect(impact["window"] as? String == "total" && impact["baseline"] as? String == "corpus-relative")
        let fields = try json(try run(["fields", "--scheme", "wos-category", "--pair", "US", "CA", "--format", "json"], database: db).stdout)
        let fieldsRequired = try requiredKeys(schema: "fields.schema.json", arrayKey: "fields")
        let fieldRows = try #require(fields["fields"] as? [[String: Any]])
        #expect(!fieldRows.isEmpty && fieldRows.allSatisfy { row in fieldsRequired.item.allSatisfy { row[$0] != nil } && row["coauthored"] != nil })
        let exported = try run(["baseline", "export", "--window", "total"], database: db)
        #expect(exported.stdout.hasPrefix("scheme,field,year,doc_type,expected_citations,window\n"))

        let table = try run(["pair", "RU", "CN", "--from", "2018", "--to", "2023", "--counting", "fractional"], database: db)
        #expect(table.status == 0 && table.stdout.contains("counting: fractional") && table.stdout.contains("period: 2018–2023"))
        let unknown = try run(["pair", "US", "Atlantis"], database: db)
        #expect(unknown.status != 0 && unknown.stderr.contains("Atlantis"))
    }

    @Test("audit: exit code 1 on an inconsistent claim, 0 on arithmetic only; the JSON keys of its schema; explain")
    func audit() throws {
        let db = scratchDatabase()
        #expect(try run(["import", "Fixtures/wos_txt_2014_wosfile_50rec.txt"], database: db).status == 0)
        let result = try run(["audit", "Fixtures/claims/wos-2014-fixture.json", "--format", "json"], database: db)
        #expect(result.status == 1)
        let object = try json(result.stdout)
        let required = try requiredKeys(schema: "audit.schema.json", arrayKey: "claims")
        #expect(required.top.allSatisfy { object[$0] != nil })
        let claims = try #require(object["claims"] as? [[String: Any]])
        #expect(claims.count == 11 && claims.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } })
        #expect((object["tally"] as? [String: Any])?["inconsistent"] as? Int == 2)
        let arithmetic = try run(["audit", "Fixtures/claims/ru-cn-2018-2024.yaml", "--no-data"], database: db)
        #expect(arithmetic.status == 0 && arithmetic.stdout.split(separator: "\n").contains { $0.hasPrefix("ru-cn-share-of-ru-arithmetic ") && $0.contains(" consistent ") })
        let explain = try run(["explain", "pair", "US", "CA", "--format", "csv", "--table", "works"], database: db)
        #expect(explain.status == 0 && explain.stdout.split(separator: "\n").count == 4)   // header and three works
        // The default CSV is the audit trail: one row per affiliation, with the file and line of its record.
        let trail = CSVTable.parse(try run(["explain", "pair", "US", "CA", "--format", "csv"], database: db).stdout)
        #expect(trail.first?.prefix(4) == ["source", "source_id", "file", "line"])
        #expect(Set(trail.dropFirst().map { $0[1] }).count == 3)
        #expect(trail.dropFirst().allSatisfy { $0[2] == "Fixtures/wos_txt_2014_wosfile_50rec.txt" && Int($0[3]) != nil })
        // explain gives the share and the growth `pair` prints, from the listed works' weights.
        let pair = try json(try run(["pair", "US", "CA", "--counting", "fractional", "--no-impact", "--format", "json"], database: db).stdout)
        let share = try json(try run(["explain", "pair", "US", "CA", "--share-of-output", "US", "--counting", "fractional", "--format", "json"],
                                     database: db).stdout)
        let parameters = try #require(share["parameters"] as? [String: Any])
        let pairShare = try #require((pair["a"] as? [String: Any])?["share_of_output"] as? Double)
        #expect(abs((parameters["share_of_output"] as? Double ?? -1) - pairShare) < 1e-9)
        let numerator = try #require(share["numerator"] as? [[String: Any]])
        let weights = numerator.compactMap { $0["weight_a"] as? Double }
        #expect(weights.count == numerator.count && abs(weights.reduce(0, +) - (parameters["numerator_total"] as? Double ?? -1)) < 1e-9)
        let period = ["--from", "2010", "--to", "2013", "--counting", "fractional"]
        let pairGrowth = try json(try run(["pair", "US", "CA", "--no-impact", "--format", "json"] + period, database: db).stdout)["growth"] as? Double
        let growth = try json(try run(["explain", "pair", "US", "CA", "--growth", "--format", "json"] + period, database: db).stdout)
        #expect(pairGrowth == -50 && (growth["parameters"] as? [String: Any])?["growth"] as? Double == -50)   // link strength 1 in 2010, 1/2 in 2013
        let noPeriod = try run(["explain", "pair", "US", "CA", "--growth"], database: db)
        #expect(noPeriod.status != 0 && noPeriod.stderr.contains("--from and --to"))
    }

    @Test("explain takes a country group where it takes a country: the works `countries` and `pair` count, the members' affiliations")
    func explainGroups() throws {
        let db = scratchDatabase()
        #expect(try run(["import", "Fixtures/wos_txt_2014_wosfile_50rec.txt"], database: db).status == 0)
        // EU27–US: two joint works, one with DE and one with FR; 19 works of EU27.
        let pair = try json(try run(["pair", "EU27", "US", "--no-impact", "--format", "json"], database: db).stdout)
        let explained = try json(try run(["explain", "pair", "EU27", "US", "--format", "json"], database: db).stdout)
        let works = try #require(explained["works"] as? [[String: Any]])
        #expect(pair["joint_works"] as? Int == 2 && works.count == 2)
        #expect(works.compactMap { $0["countries"] as? [String] } == [["DE", "US"], ["FR", "US"]])
        // The affiliations that place each work in the pair: the member's and the other side's.
        let affiliations = works.compactMap { $0["affiliations"] as? [String] }
        #expect(affiliations.first?.contains("Univ Saarland, D-6600 Saarbrucken, Germany") == true)
        #expect(affiliations.last?.contains("Univ Paris 11, Phys Theor Lab, F-91405 Orsay, France") == true)
        #expect((explained["parameters"] as? [String: Any])?["group_membership"] as? String == "listed")
        let group = try json(try run(["explain", "country", "EU27", "--format", "json"], database: db).stdout)
        #expect((group["works"] as? [Any])?.count == 19)
        let international = try json(try run(["explain", "type", "international", "--country", "EU27", "--format", "json"], database: db).stdout)
        #expect(((international["works"] as? [[String: Any]]) ?? []).allSatisfy { (($0["countries"] as? [String])?.count ?? 0) >= 2 })
        // Overlapping sides and unknown names are usage errors.
        let overlap = try run(["explain", "pair", "EU27", "DE"], database: db)
        #expect(overlap.status == 64 && overlap.stderr.contains("overlap"))
        #expect(try run(["explain", "country", "Atlantis"], database: db).status == 64)
    }

    @Test("pair names a dissolved state it counts as its successor; countries warns of name-keyed authors and counts ids only on request")
    func dissolvedStatesAndNameKeys() throws {
        let db = scratchDatabase()
        #expect(try run(["import", "Fixtures/wos_txt_2014_wosfile_50rec.txt"], database: db).status == 0)
        let pair = try run(["pair", "SU", "US", "--no-impact"], database: db)
        #expect(pair.status == 0 && pair.stdout.contains("a: RU") && pair.stdout.contains("SU (USSR) is a dissolved state"))
        #expect(!(try run(["pair", "FR", "US", "--no-impact"], database: db).stdout.contains("dissolved")))
        let all = try json(try run(["countries", "--no-impact", "--format", "json"], database: db).stdout)
        let ids = try json(try run(["countries", "--no-impact", "--author-identity", "ids", "--format", "json"], database: db).stdout)
        func us(_ object: [String: Any]) -> [String: Any]? { (object["countries"] as? [[String: Any]])?.first { $0["country"] as? String == "US" } }
        let usAll = try #require(us(all)), usIDs = try #require(us(ids))
        let keyed = try #require(usAll["name_keyed_authors"] as? Int)
        #expect(keyed > 0 && usIDs["authors"] as? Int == (usAll["authors"] as? Int ?? 0) - keyed)
        #expect(usAll["name_keyed_share"] as? Double == usIDs["name_keyed_share"] as? Double)
        #expect((all["notes"] as? [String] ?? []).contains { $0.hasPrefix("Warning: more than 20% of the authors of") })
    }

    @Test("a file with a damaged record exits 1 unless --allow-skips, and names file and line")
    func skippedRecordsSetTheExitCode() throws {
        let original = try String(contentsOf: Self.packageRoot.appendingPathComponent("Fixtures/scopus_2024_pybibx_13rec.csv"), encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        lines[2] = String(lines[2].prefix(80))
        let damaged = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString).csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: damaged)
        defer { try? FileManager.default.removeItem(at: damaged) }
        let db = scratchDatabase()
        let result = try run(["import", damaged.path], database: db)
        #expect(result.status == 1)
        #expect(result.stdout.contains("line 3: damaged record skipped"))
        #expect(result.stderr.contains("13 records read, 12 imported, 1 skipped"))
        let other = scratchDatabase()
        #expect(try run(["import", damaged.path, "--allow-skips"], database: other).status == 0)
    }

    @Test("import --dry-run reads and reports the file, and creates no database")
    func dryRun() throws {
        let database = scratchDatabase()
        let result = try run(["import", "--dry-run", "Fixtures/scopus_2024_pybibx_13rec.csv", "--format", "json"], database: database)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: database))
        let files = try #require(try json(result.stdout)["files"] as? [[String: Any]])
        #expect(files.first?["status"] as? String == "checked")
        #expect(files.first?["read"] as? Int == 13)
        #expect(result.stderr.contains("dry run: nothing written"))
    }

    @Test("an unknown file names the formats tried")
    func unknownFormat() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID().uuidString).txt")
        try Data("just some text\n".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try run(["import", path.path], database: scratchDatabase())
        #expect(result.status == 1)
        #expect(result.stderr.contains("formats tried: Scopus CSV (scopus-csv)"))
    }

    @Test("README.md documents every subcommand")
    func readmeListsEverySubcommand() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let help = try run(["--help"], database: scratchDatabase())
        let subcommands = help.stdout.components(separatedBy: "SUBCOMMANDS:").last?
            .split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.allSatisfy(\.isLetter) && $0 != "See" } ?? []
        #expect(Set(subcommands).isSuperset(of: ["import", "summary", "countries"]))
        for name in subcommands {
            #expect(readme.contains("scicollab \(name)"), "README.md lacks `scicollab \(name)`")
        }
    }
}
