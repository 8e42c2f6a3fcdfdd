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
        #expect((try json(countries.stdout)["parameters"] as? [String: Any])?["group_membership"] as? String == "listed")
        // BRICS members count from 2009 (ZA 2011): the BRICS works of 2005 and 2007 drop out when membership is dated.
        let dated = try run(["countries", "--group", "BRICS", "--membership", "dated", "--no-impact", "--format", "json"], database: db)
        #expect(dated.status == 0, "\(dated.stderr)")
        #expect((try json(dated.stdout)["countries"] as? [[String: Any]])?.first?["works"] as? Int == 15)
        #expect((try json(dated.stdout)["parameters"] as? [String: Any])?["group_membership"] as? String == "dated")
        #expect(try run(["countries", "--group", "BRICS", "--membership", "sometimes"], database: db).status == 64)
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

extension CommandLineTests {
    @Test("--by-year, countries --corresponding, authors and institutions: the JSON keys of their schemas")
    func seriesAndViews() throws {
        let db = try levelsDatabase()
        for (arguments, schema) in [(["countries", "--by-year"], "countries.schema.json"), (["institutions", "--by-year", "--top", "3"], "institutions.schema.json"),
                                    (["pairs", "--by-year"], "pairs.schema.json"), (["collaboration", "--by-year"], "collaboration.schema.json")] {
            let result = try run(arguments + ["--format", "json"], database: db)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let rows = try #require(try json(result.stdout)["by_year"] as? [[String: Any]], "\(arguments)")
            let required = try requiredKeys(schema: schema, arrayKey: "by_year")
            #expect(!rows.isEmpty && rows.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } }, "\(arguments)")
        }
        let corresponding = try run(["countries", "--corresponding", "--no-impact", "--format", "json"], database: db)
        let rows = try #require(try json(corresponding.stdout)["corresponding"] as? [[String: Any]])
        #expect(rows.allSatisfy { ($0["scp"] as? Int ?? -1) + ($0["mcp"] as? Int ?? -1) == $0["works"] as? Int })
        let authors = try run(["authors", "--country", "US", "--format", "json"], database: db)
        #expect(authors.status == 0, "\(authors.stderr)")
        let indicators = try #require(try json(authors.stdout)["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["indicator"] as? String } == ["authors_per_paper", "coauthors_per_paper", "collaboration_index",
                                                                  "degree_of_collaboration", "collaboration_coefficient"])
        let institutions = try run(["institutions", "--top", "5", "--no-impact", "--format", "json"], database: db)
        let object = try json(institutions.stdout)
        let required = try requiredKeys(schema: "institutions.schema.json", arrayKey: "institutions")
        #expect(required.top.allSatisfy { object[$0] != nil })
        let list = try #require(object["institutions"] as? [[String: Any]])
        #expect(list.count == 5 && list.allSatisfy { row in required.item.allSatisfy { row[$0] != nil } })
    }
}

extension CommandLineTests {
    @Test("fields --pair --compare: every figure of every set by field, valid against fields.schema.json, A = A∩B + A∖B")
    func fieldsCompare() throws {
        let db = try levelsDatabase()
        let result = try run(["fields", "--pair", "BRICS", "US", "--compare", "--scheme", "wos-category", "--format", "json"], database: db)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let validator = try JSONSchemaValidator(contentsOf: Self.packageRoot.appendingPathComponent("Schemas/fields.schema.json"))
        #expect(validator.validate(object).isEmpty, "\(validator.validate(object).prefix(5))")
        let rows = try #require((object as? [String: Any])?["field_comparison_sets"] as? [[String: Any]])
        #expect(!rows.isEmpty && rows.count % 5 == 0)
        for field in Set(rows.compactMap { $0["field"] as? String }) {
            let parts = Dictionary(uniqueKeysWithValues: rows.filter { $0["field"] as? String == field }.map { ($0["part"] as? String ?? "", $0) })
            func works(_ part: String) -> Int { parts[part]?["works"] as? Int ?? -1 }
            #expect(works("a") == works("joint") + works("a_only") && works("b") == works("joint") + works("b_only"))
            #expect(parts.values.allSatisfy { $0["impact"] != nil && $0["pp_top10"] != nil && $0["international_share"] != nil })
        }
    }
}
