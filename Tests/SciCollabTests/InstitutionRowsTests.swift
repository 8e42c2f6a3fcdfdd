import Foundation
import Testing
@testable import SciCollab

/// The institution rows kept with their works and the pair sums kept over all works (`Schemas/016_institution_rows.sql`).
struct InstitutionRowsTests {
    static let institutions = AnalysisScope(level: .institution)

    @Test("institution pairs per year and over a period from the kept sums, worked out by hand on the toy corpus")
    func pairSumsByHand() throws {
        let store = try ToyCorpus.store()
        // W1 2020: inst a, univ b, univ c (link 1/2 each); W2 2021: inst a–univ d; W4 2022: univ c–univ e; W5 2022:
        // inst a–univ c (one author at both, weights 1/2 each).
        let years = try store.pairYearSeries(scope: Self.institutions)
        #expect(years.map { "\($0.year) \($0.a)|\($0.b) \($0.coauthored)" } == [
            "2020 inst a|univ b 1", "2020 inst a|univ c 1", "2020 univ b|univ c 1", "2021 inst a|univ d 1",
            "2022 inst a|univ c 1", "2022 univ c|univ e 1",
        ])
        #expect(years.map(\.linkStrength) == [0.5, 0.5, 0.5, 1, 1, 1])
        #expect(years.first { $0.year == 2022 && $0.b == "univ c" }.map { [$0.outputA, $0.outputB] } == [1, 2]) // W5; W4, W5
        let all = try #require(try store.pairs(counting: .fractional, scope: Self.institutions).first)
        #expect([all.a, all.b] == ["inst a", "univ c"] && all.coauthored == 2)
        #expect(abs(all.fractionalWeight - 1.5) < 1e-12)
        #expect(abs(all.jointWeightA - (1.0 / 3 + 1.0 / 2)) < 1e-12 && abs(all.jointWeightB - (1.0 / 3 + 1.0 / 2)) < 1e-12)
        var period = Self.institutions
        period.from = 2021
        period.to = 2022
        let recent = try store.pairs(scope: period)
        #expect(recent.map { "\($0.a)|\($0.b) \($0.coauthored)" } == ["inst a|univ c 1", "inst a|univ d 1", "univ c|univ e 1"])
        #expect(try store.institutionTable(scope: period).first { $0.info.key == "inst a" }?.partners == 2) // univ c, univ d
        #expect(try store.pairs(country: "univ c", scope: Self.institutions).map(\.b) == ["inst a", "univ b", "univ e"])
        // Works and distinct authors per year from the kept counts: univ c has author 3 in 2020 (W1), authors 3 and 6 in
        // 2022 (W4, W5); inst a author 1 in 2020 and 2021, author 6 in 2022.
        let series = try store.yearSeries(scope: Self.institutions)
        #expect(series.filter { $0.entity == "univ c" }.map { "\($0.year) \($0.works) \($0.authors)" } == ["2020 1 1", "2022 2 2"])
        #expect(series.filter { $0.entity == "inst a" }.map { "\($0.year) \($0.works) \($0.authors)" } == ["2020 1 1", "2021 1 1", "2022 1 1"])
    }

    @Test("each institution's works with another and Σ (I_p − 1) per year, kept with the pair sums, worked out by hand; --top ranks by them")
    func linkSumsByHand() throws {
        let store = try ToyCorpus.store()
        try store.prepareInstitutionTables()
        // W1 2020: inst a, univ b, univ c (each: 1 work, 2 ends); W2 2021: inst a, univ d; W3: univ b alone (none);
        // W4 2022: univ c, univ e; W5 2022: inst a, univ c.
        let rows = try store.database.rows("SELECT institution, year, linked_works, link_ends FROM institution_link_years ORDER BY 1, 2")
            .map { "\($0[0].string ?? "") \($0[1].int ?? 0) \($0[2].int ?? 0) \($0[3].int ?? 0)" }
        #expect(rows == ["inst a 2020 1 2", "inst a 2021 1 1", "inst a 2022 1 1", "univ b 2020 1 2", "univ c 2020 1 2", "univ c 2022 2 2",
                         "univ d 2021 1 1", "univ e 2022 1 1"])
        // Full strengths: inst a 4, univ c 4, univ b 2, univ d 1, univ e 1 (nodes in rank order, ties by key). From 2021,
        // fractional: inst a 2 (W2, W5), univ c 2 (W4, W5), univ d 1, univ e 1.
        #expect(try store.network(NetworkOptions(level: .institutions, top: 3)).nodes.map(\.key) == ["inst a", "univ c", "univ b"])
        var period = AnalysisScope()
        period.from = 2021
        let fractional = try store.network(NetworkOptions(level: .institutions, counting: .fractional, top: 2), scope: period)
        #expect(fractional.nodes.map(\.key) == ["inst a", "univ c"])
        // A marker: the ranking reads the kept rows.
        try store.database.execute("UPDATE institution_link_years SET link_ends = 40 WHERE institution = 'univ d'")
        #expect(try store.network(NetworkOptions(level: .institutions, top: 2)).nodes.map(\.key) == ["univ d", "inst a"])
    }

    @Test("the kept pair sums equal the pairs of every work summed in SQL, over every year, a period and per year (bundled fixtures)")
    func pairSumsEqualPerWorkPairs() throws {
        let store = try TestSupport.bundledStore()
        try store.prepareInstitutionTables()
        #expect(try store.database.scalar("SELECT count(*) FROM institution_pair_totals").int ?? 0 > 1_000)
        var period = Self.institutions
        period.from = 2015
        period.to = 2020
        for scope in [Self.institutions, period] {
            let kept = try store.pairs(scope: scope)
            let summed = try store.database.rows("""
                SELECT a, b, count(*), sum(link), sum(weight_a), sum(weight_b) FROM work_institution_pairs
                WHERE \(scope.yearCondition("year")) GROUP BY a, b
                """)
            #expect(kept.count == summed.count)
            let byPair = Dictionary(uniqueKeysWithValues: kept.map { ("\($0.a)\t\($0.b)", $0) })
            for row in summed {
                let pair = try #require(byPair["\(row[0].string ?? "")\t\(row[1].string ?? "")"])
                #expect(pair.coauthored == row[2].int)
                #expect(abs(pair.fractionalWeight - (row[3].double ?? 0)) < 1e-9)
                #expect(abs(pair.jointWeightA - (row[4].double ?? 0)) < 1e-9 && abs(pair.jointWeightB - (row[5].double ?? 0)) < 1e-9)
            }
        }
        let years = try store.pairYearSeries(scope: Self.institutions)
        let summed = try store.database.rows("""
            SELECT year, a, b, count(*), sum(link) FROM work_institution_pairs WHERE year IS NOT NULL GROUP BY year, a, b
            """)
        #expect(years.count == summed.count)
        let byKey = Dictionary(uniqueKeysWithValues: years.map { ("\($0.year)\t\($0.a)\t\($0.b)", $0) })
        for row in summed {
            let year = try #require(byKey["\(row[0].int ?? 0)\t\(row[1].string ?? "")\t\(row[2].string ?? "")"])
            #expect(year.coauthored == row[3].int && abs(year.linkStrength - (row[4].double ?? 0)) < 1e-9)
        }
    }

    @Test("a large set of institutions met again in a year adds to the same sums in the same order as one met once")
    func repeatedSetsSumAlike() throws {
        var sums = InstitutionPairAccumulator()
        let large = (0..<20).map { sums.id(of: "inst \($0)") }
        let small = [sums.id(of: "inst 3"), sums.id(of: "inst 7"), sums.id(of: "other")].sorted()
        // Works in order: the large set in 2020 three times (its entries kept, then reused), with other weights each
        // time; a small set between them; the large set in 2021 once.
        let works: [(ids: [Int32], weights: [Double], year: Int?, link: Double)] = [
            (large, large.indices.map { 1.0 / Double($0 + 3) }, 2020, 1.0 / 19),
            (small, [0.1, 0.2, 0.7], 2020, 0.5),
            (large, large.indices.map { 0.3 / Double($0 + 1) }, 2020, 1.0 / 19),
            (large, large.indices.map { 0.01 * Double($0 + 1) }, 2021, 1.0 / 19),
            (large, large.indices.map { 1.0 / 7 + Double($0) / 1000 }, 2020, 1.0 / 19),
        ]
        // The sums by hand: each pair's values added in work order.
        var expected: [String: (works: Int, link: Double, a: Double, b: Double)] = [:]
        for work in works {
            sums.addWork(Array(zip(work.ids, work.weights)).map { (id: $0.0, weight: $0.1) }, year: work.year, link: work.link)
            for i in work.ids.indices {
                for j in work.ids.indices where j > i {
                    for key in ["\(work.ids[i]) \(work.ids[j])", "\(work.ids[i]) \(work.ids[j]) \(work.year ?? 0)"] {
                        var entry = expected[key, default: (0, 0, 0, 0)]
                        entry.works += 1
                        entry.link += work.link
                        entry.a += work.weights[i]
                        entry.b += work.weights[j]
                        expected[key] = entry
                    }
                }
            }
        }
        #expect(sums.pairs.count == 190 + 2)                           // the large set's pairs, and other with inst 3 and 7
        #expect(sums.years.count == 190 * 2 + 2)
        for pair in sums.pairs {
            let entry = try #require(expected["\(pair.a) \(pair.b)"])
            #expect(pair.sums.works == entry.works && pair.sums.link == entry.link)
            #expect(pair.sums.weightA == entry.a && pair.sums.weightB == entry.b)   // bit for bit: the same additions in the same order
        }
        for year in sums.years {
            let pair = sums.pairs[Int(year.pair)]
            let entry = try #require(expected["\(pair.a) \(pair.b) \(year.year)"])
            #expect(year.sums.works == entry.works && year.sums.link == entry.link)
            #expect(year.sums.weightA == entry.a && year.sums.weightB == entry.b)
        }
        #expect(sums.pairs.first { $0.a == large[0] && $0.b == large[1] }?.sums.works == 4)
    }

    @Test("a database of schema 15 whose institution tables were never filled gets the rows an import writes when opened")
    func migratedDatabase() throws {
        let modern = try ToyCorpus.store()
        let path = TestSupport.scratchDirectory().appendingPathComponent("old15.sqlite").path
        do {
            let old = try SQLiteDatabase(path: path, mode: .create)
            try Migrator(migrations: Migrator.embeddedMigrations.filter { $0.version <= 15 }).migrate(old)
            try old.execute("ATTACH DATABASE '\(modern.database.path)' AS modern")
            let kept: Set<String> = ["schema_migrations", "store_state", "work_institutions", "work_institution_pairs",
                                     "work_institution_authors", "institution_author_counts", "institutions"]
            let tables = try old.rows("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .compactMap { $0[0].string }.filter { !kept.contains($0) }
            try old.execute("PRAGMA foreign_keys = OFF")
            for table in tables {
                let columns = try old.rows("PRAGMA main.table_info(\(table))").compactMap { $0[1].string }.joined(separator: ", ")
                try old.execute("INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM modern.\(table)")
            }
            try old.execute("DETACH DATABASE modern")
            #expect(try old.scalar("SELECT count(*) FROM work_institutions").int == 0)
        }
        let store = try Store(path: path)
        for query in ["SELECT work_id, institution, printf('%.12f', weight), is_lead, year, countries, citations, institutions FROM work_institutions ORDER BY 1, 2",
                      "SELECT work_id, institution, author_id, year, name_key FROM work_institution_authors ORDER BY 1, 2, 3"] {
            let migrated = try store.database.rows(query)
            #expect(migrated.count > 5)
            #expect(migrated == (try modern.database.rows(query)), "\(query)")
        }
        #expect(try store.institutionTable() == modern.institutionTable())
        #expect(try store.pairs(scope: Self.institutions) == modern.pairs(scope: Self.institutions))
    }
}
