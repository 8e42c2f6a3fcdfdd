import Foundation
import Testing

/// `network`, `--format xlsx` / `--output` and `report` end to end.
struct HandoffCommandTests {
    let cli = CommandLineTests()

    func wosDatabase() throws -> String {
        let db = cli.scratchDatabase()
        let imported = try cli.run(["import", "Fixtures/wos_txt_2014_wosfile_50rec.txt"], database: db)
        #expect(imported.status == 0, "\(imported.stderr)")
        return db
    }

    @Test("network: the JSON keys of its schema, the US–CA link, network files by extension and --as")
    func network() throws {
        let db = try wosDatabase()
        let printed = try cli.run(["network", "--format", "json", "--no-impact"], database: db)
        #expect(printed.status == 0, "\(printed.stderr)")
        let object = try cli.json(printed.stdout)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let links = try #require(object["links"] as? [[String: Any]])
        let nodeKeys = try cli.requiredKeys(schema: "network.schema.json", arrayKey: "nodes")
        let linkKeys = try cli.requiredKeys(schema: "network.schema.json", arrayKey: "links")
        #expect(nodeKeys.top.allSatisfy { object[$0] != nil })
        #expect(nodes.allSatisfy { node in nodeKeys.item.allSatisfy { node[$0] != nil } })
        #expect(links.allSatisfy { link in linkKeys.item.allSatisfy { link[$0] != nil } })
        let usCa = try #require(links.first { Set([$0["source"] as? String, $0["target"] as? String]) == Set(["US", "CA"]) })
        #expect(usCa["coauthored"] as? Int == 3)
        let pairs = try cli.json(try cli.run(["pairs", "--format", "json"], database: db).stdout)["pairs"] as? [Any]
        #expect(links.count == pairs?.count)

        let directory = CommandLineTests.scratchRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["n.graphml", "n.gexf", "n.net", "n.json"] {
            let path = directory.appendingPathComponent(name).path
            let written = try cli.run(["network", "--no-impact", "--output", path], database: db)
            #expect(written.status == 0 && written.stderr.contains("\(nodes.count) nodes, \(links.count) links"), "\(name): \(written.stderr)")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        let base = directory.appendingPathComponent("vos").path
        let vos = try cli.run(["network", "--no-impact", "--as", "vosviewer", "--output", base], database: db)
        #expect(vos.status == 0)
        let network = try String(contentsOfFile: base + "_network.txt", encoding: .utf8)
        #expect(network.split(separator: "\n").count == links.count)
        let unknown = try cli.run(["network", "--output", directory.appendingPathComponent("n.dat").path], database: db)
        #expect(unknown.status != 0 && unknown.stderr.contains("--as"))
    }

    @Test("--format xlsx needs --output; a .xlsx --output writes a workbook; report writes HTML and a workbook")
    func workbookAndReport() throws {
        let db = try wosDatabase()
        let refused = try cli.run(["pairs", "--format", "xlsx"], database: db)
        #expect(refused.status != 0 && refused.stderr.contains("--output"))
        let directory = CommandLineTests.scratchRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let workbook = directory.appendingPathComponent("countries.xlsx").path
        let written = try cli.run(["countries", "--no-impact", "--output", workbook], database: db)
        #expect(written.status == 0, "\(written.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workbook))
        #expect(bytes.prefix(2) == Data("PK".utf8))
        let csv = directory.appendingPathComponent("countries.csv").path
        #expect(try cli.run(["countries", "--no-impact", "--format", "csv", "--output", csv], database: db).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("country,works,"))

        let html = directory.appendingPathComponent("us-ca.html").path, xlsx = directory.appendingPathComponent("us-ca.xlsx").path
        let report = try cli.run(["report", "US", "Canada", "--html", html, "--xlsx", xlsx], database: db)
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains("US–CA co-authorship, 2000–2013"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: xlsx)).prefix(2) == Data("PK".utf8))
        let missing = try cli.run(["report", "US", "CA"], database: db)
        #expect(missing.status != 0 && missing.stderr.contains("--html"))
    }

    @Test("explain --output-dir: each table's files list its own works, read again after another table's (3 joint CA–US works, 23 US works)")
    func explainTablesEachSelectTheirWorks() throws {
        let db = try wosDatabase()
        let directory = CommandLineTests.scratchRoot.appendingPathComponent(UUID().uuidString)
        let written = try cli.run(["explain", "pair", "CA", "US", "--share-of-output", "US", "--output-dir", directory.path], database: db)
        #expect(written.status == 0, "\(written.stderr)")
        func csvRows(_ table: String) throws -> [[String: String]] {
            let text = try String(contentsOf: directory.appendingPathComponent("explain_\(table).csv"), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            let keys = lines[0].split(separator: ",").map(String.init)
            // The first two columns (source, source_id) hold no comma in this file.
            return lines.dropFirst().map { line in
                let cells = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                return [keys[0]: cells[0], keys[1]: cells[1]]
            }
        }
        let numerator = try csvRows("numerator"), denominator = try csvRows("denominator"), affiliations = try csvRows("affiliations")
        #expect(numerator.count == 3)
        #expect(denominator.count == 23)
        // The audit trail is that of the joint works, though the denominator's works were selected last.
        #expect(Set(affiliations.map { $0["source_id"] }) == Set(numerator.map { $0["source_id"] }))
        let whole = try cli.json(String(contentsOf: directory.appendingPathComponent("explain.json"), encoding: .utf8))
        #expect((whole["affiliations"] as? [Any])?.count == affiliations.count)
        #expect((whole["denominator"] as? [Any])?.count == 23)
        let only = try cli.json(String(contentsOf: directory.appendingPathComponent("explain_affiliations.json"), encoding: .utf8))
        #expect((only["affiliations"] as? [Any])?.count == affiliations.count)
    }

    @Test("explain --share-of-authors counts the authors in SQL: 19 co-authors of CA on CA–US works and 22 authors of CA, as pair gives them")
    func explainShareOfAuthors() throws {
        let db = try wosDatabase()
        let pair = try cli.json(try cli.run(["pair", "CA", "US", "--no-impact", "--format", "json"], database: db).stdout)
        #expect((pair["coauthors"] as? [String: Int])?["CA"] == 19)
        #expect((pair["authors"] as? [String: Int])?["CA"] == 22)
        let listed = try cli.run(["explain", "pair", "CA", "US", "--share-of-authors", "CA", "--limit", "2"], database: db)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("Co-authors of CA on CA–US works: 19 authors, first 2 listed"))
        #expect(listed.stdout.contains("Authors of CA: 22 authors, first 2 listed"))
        let all = try cli.json(try cli.run(["explain", "pair", "CA", "US", "--share-of-authors", "CA", "--format", "json"], database: db).stdout)
        let numerator = try #require(all["numerator"] as? [[String: Any]]), denominator = try #require(all["denominator"] as? [[String: Any]])
        #expect(numerator.count == 19 && denominator.count == 22)
        // Most works first; each co-author is among the authors of CA, with at most as many works.
        let works = numerator.compactMap { $0["works"] as? Int }
        #expect(works == works.sorted(by: >))
        let everyAuthor = Dictionary(uniqueKeysWithValues: denominator.map { ("\($0["identity"] ?? "")", $0["works"] as? Int ?? 0) })
        #expect(numerator.allSatisfy { author in (everyAuthor["\(author["identity"] ?? "")"] ?? -1) >= (author["works"] as? Int ?? .max) })
    }
}
