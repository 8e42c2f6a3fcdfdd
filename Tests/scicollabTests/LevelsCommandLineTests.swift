import Foundation
import Testing

/// Country groups, comparisons, institutions and series end to end.
extension CommandLineTests {
    /// The Scopus 2023 and WoS 2014 fixtures: BR 4, CN 11, IN 2 works (17 distinct), US 50, 3 BRICS–US works
    /// (counted with sqlite3 over work_countries).
    func levelsDatabase() throws -> String {
        let db = scratchDatabase()
        #expect(try run(["import", "Fixtures/scopus_2023_litstudy_88rec.csv", "Fixtures/wos_txt_2014_wosfile_50rec.txt"], database: db).status == 0)
        return db
    }

    @Test("country groups: countries --group, pair with a group, overlapping sides refused")
    func countryGroups() throws {
        let db = try levelsDatabase()
        let countries = try run(["countries", "--group", "BRICS", "--no-impact", "--format", "json"], database: db)
        #expect(countries.status == 0, "\(countries.stderr)")
        let rows = try #require(try json(countries.stdout)["countries"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["country"] as? String == "BRICS")
        #expect(rows.first?["works"] as? Int == 17)
        let pair = try run(["pair", "BRICS", "US", "--no-impact", "--format", "json"], database: db)
        #expect(pair.status == 0, "\(pair.stderr)")
        #expect(try json(pair.stdout)["joint_works"] as? Int == 3)
        let overlap = try run(["pair", "BRICS", "RU"], database: db)
        #expect(overlap.status != 0)
        #expect(overlap.stderr.contains("BRICS and RU overlap (RU)"))
        let unknown = try run(["collaboration", "Atlantis"], database: db)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("nor a country group") || unknown.stderr.contains("a country group"))
    }
}

extension CommandLineTests {
    @Test("pair --compare: the five sets in the JSON keys of pair.schema.json, A = A∩B + A∖B")
    func pairCompare() throws {
        let db = try levelsDatabase()
        let result = try run(["pair", "BRICS", "US", "--compare", "--format", "json"], database: db)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let rows = try #require(object["comparison"] as? [[String: Any]])
        let required = try requiredKeys(schema: "pair.schema.json", arrayKey: "comparison")
        #expect(rows.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } })
        #expect(rows.map { $0["part"] as? String } == ["joint", "a_only", "b_only", "a", "b"])
        let works = rows.map { $0["works"] as? Int ?? -1 }
        #expect(works == [3, 14, 47, 17, 50])
        #expect(rows.allSatisfy { $0["impact"] != nil && $0["pp_top10"] != nil })
        let bad = try run(["impact", "--country", "RU", "--compare"], database: db)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--compare goes with --pair A B"))
    }
}
