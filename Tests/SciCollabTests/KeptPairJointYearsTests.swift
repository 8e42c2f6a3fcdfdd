import Foundation
import Testing
@testable import SciCollab

/// The joint works of a country pair per year, kept per pair and data generation (`Schemas/039_pair_joint_years.sql`):
/// worked out by hand, made again after an import, and equal to the sums of the derived table for every pair, period
/// and counting of the bundled exports.
struct KeptPairJointYearsTests {
    /// One Scopus CSV record: authors (id, country) at one affiliation each, in byline order (the first leads).
    private func record(_ eid: Int, year: Int?, cited: Int, _ authors: [(id: Int, country: String)]) -> [String: String] {
        let names = authors.map { "Author\($0.id) A." }
        let countryNames = ["DE": "Germany", "FR": "France", "IT": "Italy"]
        let affiliations = authors.map { "Univ \($0.country), City, \(countryNames[$0.country] ?? "")" }
        return ["Authors": names.joined(separator: "; "), "Author(s) ID": authors.map { String($0.id) }.joined(separator: "; "),
                "Title": "Work \(eid)", "Year": year.map(String.init) ?? "", "Cited by": String(cited),
                "Affiliations": Array(Set(affiliations)).sorted().joined(separator: "; "),
                "Authors with affiliations": zip(names, affiliations).map { "\($0), \($1)" }.joined(separator: "; "),
                "EID": "2-s2.0-\(eid)"]
    }

    /// The kept rows of DE–FR, one line per year: works, link, Σ f_DE, Σ f_FR (3 decimals), led by DE, by FR, citations,
    /// works without a count.
    private func keptRows(_ store: Store) throws -> [String] {
        try store.database.rows("""
            SELECT year, works, link, weight_a, weight_b, lead_a, lead_b, citations, without_citations
            FROM country_pair_joint_years WHERE a = 'DE' AND b = 'FR' ORDER BY year
            """).map { row in
            [row[0].int.map(String.init) ?? "NULL", String(row[1].int ?? -1), String(format: "%.3f", row[2].double ?? -1),
             String(format: "%.3f", row[3].double ?? -1), String(format: "%.3f", row[4].double ?? -1),
             String(row[5].int ?? -1), String(row[6].int ?? -1), String(row[7].int ?? -1), String(row[8].int ?? -1)].joined(separator: " ")
        }
    }

    @Test("the joint works of a pair per year, kept by the first pair and worked out by hand; an import makes them stale")
    func workedOutByHand() throws {
        let store = try TestSupport.makeStore()
        // 2018: DE (leads), FR: link 1, f 1/2 each. 2019: DE alone, no joint work. 2020: DE (leads), DE, FR: link 1,
        // f_DE 2/3, f_FR 1/3; and FR (leads), DE, IT: link 1/(3 − 1), f 1/3 each.
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            record(1, year: 2018, cited: 3, [(1, "DE"), (2, "FR")]),
            record(2, year: 2019, cited: 1, [(1, "DE")]),
            record(3, year: 2020, cited: 5, [(1, "DE"), (3, "DE"), (2, "FR")]),
            record(4, year: 2020, cited: 7, [(4, "FR"), (5, "DE"), (6, "IT")]),
        ]), name: "joint.csv"))
        let counter = "SELECT value FROM store_state WHERE name = 'pair_joint_years_generation DE FR'"
        #expect(try store.database.scalar(counter) == .null)
        let pair = try store.pair("FR", "DE")
        #expect(try keptRows(store) == ["2018 1 1.000 0.500 0.500 1 0 3 0", "2020 2 1.500 1.000 0.667 1 1 12 0"])
        #expect(try store.database.scalar(counter).int == Store.dataGeneration(store.database))
        #expect((pair.coauthored, pair.ledByA, pair.ledByB, pair.jointCitations) == (3, 1, 2, 15))
        #expect(pair.byYear.map { "\($0.year) \($0.coauthored)" } == ["2018 1.0", "2019 0.0", "2020 2.0"])
        // Over a period, the kept rows of its years.
        let period = try store.pair("DE", "FR", counting: .fractional, scope: AnalysisScope(from: 2019, to: 2020))
        #expect(abs(period.coauthored - 1.5) < 1e-12 && abs(period.jointWeightA - 1.0) < 1e-12 && abs(period.jointWeightB - 2.0 / 3) < 1e-12)

        // A 2021 joint work: the rows are stale, and the next pair keeps the new year.
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([record(5, year: 2021, cited: 2, [(7, "FR"), (8, "DE")])]),
                                                       name: "more.csv"))
        #expect(try store.database.scalar(counter).int != Store.dataGeneration(store.database))
        #expect(try store.pair("DE", "FR").coauthored == 4)
        #expect(try keptRows(store) == ["2018 1 1.000 0.500 0.500 1 0 3 0", "2020 2 1.500 1.000 0.667 1 1 12 0",
                                        "2021 1 1.000 0.500 0.500 0 1 2 0"])
    }

    /// A store with DE–FR joint works in 2018 and 2020 and one without a year.
    private func undatedStore() throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            record(1, year: 2018, cited: 3, [(1, "DE"), (2, "FR")]),
            record(2, year: 2020, cited: 5, [(1, "DE"), (2, "FR")]),
            record(3, year: nil, cited: 4, [(2, "FR"), (1, "DE")]),
        ]), name: "undated.csv"))
        return store
    }

    @Test("a joint work without a year has a row of its own: counted over every year, left out of a period")
    func undatedWork() throws {
        let store = try undatedStore()
        let all = try store.pair("DE", "FR")
        #expect(try keptRows(store) == ["NULL 1 1.000 0.500 0.500 0 1 4 0", "2018 1 1.000 0.500 0.500 1 0 3 0",
                                        "2020 1 1.000 0.500 0.500 1 0 5 0"])
        #expect((all.coauthored, all.ledByA, all.ledByB, all.jointCitations) == (3, 2, 1, 12))
        let period = try store.pair("DE", "FR", scope: AnalysisScope(from: 2000, to: 2030))
        #expect((period.coauthored, period.ledByA, period.ledByB, period.jointCitations) == (2, 2, 0, 8))
    }

    @Test("the kept rows are what pair reads (a marker), a rebuild or an open transaction does not read stale ones")
    func readAndInvalidated() throws {
        let store = try undatedStore()
        _ = try store.pair("DE", "FR")
        // A marker in the kept row of 2020: the next pair reads it, over every year and over a period.
        try store.database.execute("UPDATE country_pair_joint_years SET citations = 1005 WHERE a = 'DE' AND b = 'FR' AND year = 2020")
        #expect(try store.pair("DE", "FR").jointCitations == 1012)
        #expect(try store.pair("FR", "DE", scope: AnalysisScope(from: 2019, to: 2020)).jointCitations == 1005)
        // Inside a transaction the derived table is summed (its uncommitted rows are not in the kept ones).
        var inside = 0
        try store.database.transaction { inside = try store.pair("DE", "FR").jointCitations }
        #expect(inside == 12)
        // A rebuild of the derived rows makes them stale; the next pair keeps them again.
        try store.rebuildDerivedTables()
        let counter = "SELECT value FROM store_state WHERE name = 'pair_joint_years_generation DE FR'"
        #expect(try store.database.scalar(counter).int != Store.dataGeneration(store.database))
        #expect(try store.pair("DE", "FR").jointCitations == 12)
        #expect(try store.database.scalar(counter).int == Store.dataGeneration(store.database))
    }

    @Test("every figure of a pair from the kept rows equals the one summed from the derived table, to the last bit (bundled exports)")
    func keptEqualsSummed() throws {
        let path = try TestSupport.bundledStore().database.path
        // A read-only store cannot keep them: it sums the pair table on each call.
        let summed = try Store(path: path, access: .readOnly)
        let kept = try Store(path: path)
        let pairs = try kept.pairs(counting: .full, scope: AnalysisScope()).prefix(30).map { ($0.a, $0.b) }
        #expect(pairs.count == 30)
        let years = try kept.database.rows("SELECT min(year), max(year) FROM works").first
        let (first, last) = (try #require(years?[0].int), try #require(years?[1].int))
        let middle = (first + last) / 2
        let scopes: [AnalysisScope] = [AnalysisScope(), AnalysisScope(from: middle - 2, to: middle + 2), AnalysisScope(from: middle),
                                       AnalysisScope(to: middle), AnalysisScope(from: last, to: last), AnalysisScope(from: first - 10, to: first - 1)]
        func figures(_ store: Store) throws -> [PairMetrics] {
            try pairs.flatMap { a, b in
                try scopes.flatMap { scope in
                    try CountingMethod.allCases.map { counting in try store.pair(a, b, counting: counting, scope: scope) }
                }
            }
        }
        // Every figure from the derived table first (a read-only store reads kept rows once they are current).
        let expected = try figures(summed)
        #expect(try kept.database.scalar("SELECT count(*) FROM country_pair_joint_years").int == 0)
        let found = try figures(kept)
        #expect(try kept.database.scalar("SELECT count(DISTINCT a || b) FROM country_pair_joint_years").int == pairs.count)
        #expect(found.count == expected.count)
        for (before, after) in zip(expected, found) { #expect(before == after, "\(before.a) \(before.b) \(before.period)") }
        #expect(expected.map(\.jointWorks).reduce(0, +) > 500)
    }
}
