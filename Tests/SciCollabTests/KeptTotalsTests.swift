import Foundation
import Testing
@testable import SciCollab

/// The totals kept per data generation (`Schemas/018_kept_totals.sql`): the figures read from them equal those read
/// from the derived tables, Authors(X) over any period is exact, and they are recomputed after the data change.
struct KeptTotalsTests {
    /// One Scopus CSV record: a work of `year` by authors (id, country) at one affiliation each.
    private func record(_ eid: Int, year: Int, _ authors: [(id: Int, country: String)], citedBy: String = "1") -> [String: String] {
        let names = authors.map { "Author\($0.id) A." }
        let affiliations = authors.map { "Univ \($0.country), City, \(countryName($0.country))" }
        return ["Authors": names.joined(separator: "; "), "Author(s) ID": authors.map { String($0.id) }.joined(separator: "; "),
                "Title": "Work \(eid)", "Year": String(year), "Cited by": citedBy,
                "Affiliations": Array(Set(affiliations)).sorted().joined(separator: "; "),
                "Authors with affiliations": zip(names, affiliations).map { "\($0), \($1)" }.joined(separator: "; "),
                "EID": "2-s2.0-\(eid)"]
    }

    private func countryName(_ code: String) -> String {
        ["DE": "Germany", "FR": "France", "US": "United States", "CN": "China"][code] ?? code
    }

    /// Author 1 in Germany in 2018, 2020 and 2022 (twice in 2020), author 2 in 2020, author 3 in 2019; author 4 in
    /// France in 2020 and 2022, co-author of author 1 on the 2022 work.
    private func gapStore() throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            record(1, year: 2018, [(1, "DE")]),
            record(2, year: 2020, [(1, "DE"), (2, "DE")], citedBy: "4"),
            record(3, year: 2020, [(1, "DE"), (4, "FR")], citedBy: "6"),
            record(4, year: 2019, [(3, "DE")]),
            record(5, year: 2022, [(1, "DE"), (4, "FR")], citedBy: "10"),
        ])))
        return store
    }

    @Test("Authors(X) over a period from the kept (year, previous year) counts, worked out by hand")
    func authorPeriodsByHand() throws {
        let store = try gapStore()
        func authors(_ from: Int?, _ to: Int?) throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try store.countryTable(scope: AnalysisScope(from: from, to: to)).map { ($0.country, $0.authors) })
        }
        #expect(try authors(2019, 2019) == ["DE": 1])               // author 3
        #expect(try authors(2019, 2021) == ["DE": 3, "FR": 1])      // authors 1 (2020), 2, 3; author 4
        #expect(try authors(2021, 2021) == [:])
        #expect(try authors(2021, 2022) == ["DE": 1, "FR": 1])      // author 1 (2022); author 4
        #expect(try authors(nil, 2018) == ["DE": 1])                // author 1
        #expect(try authors(2020, nil) == ["DE": 2, "FR": 1])       // authors 1, 2; author 4
        #expect(try store.keptTotals(.authorPeriods, for: AnalysisScope(from: 2019, to: 2019)))
        // DE: author 1 at 2018 (none before), 2020 (after 2018), 2022 (after 2020); author 2 at 2020; author 3 at 2019.
        let rows = try store.database.rows("""
            SELECT year, previous_year, authors FROM country_author_periods WHERE country = 'DE' ORDER BY year, previous_year
            """)
        #expect(rows == [[.integer(2018), .null, .integer(1)], [.integer(2019), .null, .integer(1)], [.integer(2020), .null, .integer(1)],
                         [.integer(2020), .integer(2018), .integer(1)], [.integer(2022), .integer(2020), .integer(1)]])
        // pair DE FR over 2020–2022: DE authors 1 and 2, FR author 4; joint works 3 and 5 (citations 6 + 10), led by DE.
        let pair = try store.pair("DE", "FR", scope: AnalysisScope(from: 2020, to: 2022))
        #expect((pair.authorsA, pair.authorsB, pair.jointWorks, pair.jointCitations, pair.coauthorsA, pair.coauthorsB) == (2, 1, 2, 16, 1, 1))
        #expect((pair.worksA, pair.worksB, pair.internationalA, pair.linksA, pair.links) == (3, 2, 2, 2, 4))
    }

    @Test("co-authors from sorted (author, year) keys: distinct over the period and per year, worked out by hand")
    func coauthorKeys() {
        // Author 7 in 2020 twice and in 2022; author 3 in 2020; author 9 on a work without a year.
        var keys = [(7, 2020), (3, 2020), (7, 2022), (7, 2020), (9, nil)].map { Store.coauthorKey(author: Int64($0.0), year: $0.1) }
        let counted = Store.distinctCoauthors(&keys)
        #expect(counted.total == 3)
        #expect(counted.byYear == [2020: 2, 2022: 1])
        var none: [UInt64] = []
        #expect(Store.distinctCoauthors(&none).total == 0)
    }

    @Test("every Authors(X) over every period equals a distinct count over work_author_countries (bundled exports)")
    func authorPeriodsExact() throws {
        let store = try TestSupport.bundledStore()
        #expect(try store.keptTotals(.authorPeriods, for: AnalysisScope(from: 2000, to: 2000)))
        let years = try store.database.rows("SELECT DISTINCT year FROM work_author_countries WHERE year IS NOT NULL ORDER BY year").compactMap { $0[0].int }
        let bounds = [nil] + years.enumerated().filter { $0.offset % 3 == 0 }.map { Optional($0.element) } + [years.last]
        var compared = 0
        for from in bounds {
            for to in bounds where from != nil || to != nil {
                let scope = AnalysisScope(from: from, to: to)
                let kept = try store.database.rows(try #require(Store.keptAuthorPeriodSQL(scope)) + " ORDER BY country")
                let counted = try store.database.rows("""
                    SELECT country, count(DISTINCT author_id), count(DISTINCT CASE WHEN name_key = 1 THEN author_id END)
                    FROM work_author_countries WHERE \(scope.yearCondition("year")) GROUP BY country ORDER BY country
                    """)
                #expect(kept == counted, "period \(String(describing: from))–\(String(describing: to))")
                compared += counted.count
            }
        }
        #expect(compared > 1000)
    }

    @Test("countries, pairs, pair and collaboration from the kept totals equal the figures of the derived tables")
    func keptEqualsDerived() throws {
        let path = try TestSupport.bundledStore().database.path
        // A read-only store cannot compute the kept totals: it reads the derived tables.
        let derived = try Store(path: path, access: .readOnly)
        #expect(try !derived.keptTotals(.countries, for: AnalysisScope()))
        let before = try figures(derived)
        let kept = try Store(path: path)
        let after = try figures(kept)
        for totals in Store.KeptTotals.allCases { #expect(try kept.keptTotals(totals, for: AnalysisScope())) }
        #expect(before.count == after.count)
        for (old, new) in zip(before, after) { #expect(Self.close(old, new), "\(old)\n\(new)") }
        #expect(before.count > 50)
    }

    /// The figures of the four commands over several periods, as text (doubles to 12 significant digits, as JSON).
    private func figures(_ store: Store) throws -> [String] {
        var lines: [String] = []
        for (from, to) in [(nil, nil), (2010, 2020), (2018, nil), (nil, 2015), (2023, 2023)] as [(Int?, Int?)] {
            let scope = AnalysisScope(from: from, to: to)
            for row in try store.countryTable(scope: scope) {
                lines.append("countries \(row.country) \(row.works) \(Self.text(row.worksFractional)) \(row.authors) \(row.nameKeyedAuthors) "
                             + "\(row.citations) \(row.worksWithoutCitationCount) \(row.internationalWorks) \(String(describing: row.growth))")
            }
            lines.append("works \(try store.workCounts(scope: scope))")
            for counting in CountingMethod.allCases {
                for row in try store.pairs(counting: counting, scope: scope) + store.pairs(country: "US", counting: counting, scope: scope) {
                    lines.append("pairs \(row.a) \(row.b) \(row.coauthored) \(Self.text(row.fractionalWeight)) \(row.outputA) \(row.outputB) "
                                 + "\(Self.text(row.jointWeightA)) \(Self.text(row.jointWeightB)) \(Self.text(row.outputFractionalA)) \(Self.text(row.outputFractionalB))")
                }
                let pair = try store.pair("US", "CN", counting: counting, scope: scope)
                lines.append("pair \(Self.text(pair.coauthored)) \(pair.jointWorks) \(Self.text(pair.outputA)) \(Self.text(pair.outputB)) "
                             + "\(pair.worksA) \(pair.worksB) \(pair.internationalA) \(pair.internationalB) \(pair.coauthorsA) \(pair.coauthorsB) "
                             + "\(pair.authorsA) \(pair.authorsB) \(pair.nameKeyedAuthors) \(pair.allAuthors) \(pair.linksA) \(pair.linksB) \(pair.links) "
                             + "\(Self.text(pair.jointWeightA)) \(Self.text(pair.jointWeightB)) \(pair.ledByA) \(pair.ledByB) \(pair.jointCitations) "
                             + "\(pair.jointWithoutCitationCount) \(pair.unplacedWorks) \(Self.text(pair.linkStrength)) "
                             + pair.byYear.map { "\($0.year):\(Self.text($0.coauthored)),\(Self.text($0.outputA)),\(Self.text($0.outputB)),\($0.coauthorsA),\($0.coauthorsB)" }.joined(separator: ";"))
            }
            let types = try store.collaboration(scope: scope)
            lines.append("collaboration \(types.unclassified) " + types.rows.map { "\($0.type) \($0.works) \($0.citations) \($0.worksWithoutCitationCount)" }.joined(separator: "; "))
        }
        return lines
    }

    private static func text(_ value: Double) -> String { String(format: "%.12g", value) }

    /// Equal, or different only in the 12th significant digit of a sum taken in another order (a period's totals
    /// are sums of per-year sums).
    private static func close(_ old: String, _ new: String) -> Bool {
        let a = old.split(separator: " "), b = new.split(separator: " ")
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            if x == y { return true }
            guard let u = Double(x), let v = Double(y) else { return false }
            return abs(u - v) <= 1e-9 * max(abs(u), 1)
        }
    }

    @Test("the kept totals follow the data: an import makes them stale and the next figure computes them again")
    func recomputedAfterImport() throws {
        let store = try gapStore()
        #expect(try store.countryTable().first { $0.country == "DE" }?.works == 5)
        #expect(try store.keptTotals(.countries, for: AnalysisScope()))
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([record(6, year: 2021, [(5, "DE"), (6, "US")])]), name: "more.csv"))
        let generation = try Store.dataGeneration(store.database)
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'country_totals_generation'").int != generation)
        let de = try #require(try store.countryTable(scope: AnalysisScope(from: 2021, to: 2021)).first { $0.country == "DE" })
        #expect((de.works, de.authors, de.internationalWorks) == (1, 1, 1))
        #expect(try store.pairs().map { "\($0.a)-\($0.b) \($0.coauthored)" } == ["DE-FR 2", "DE-US 1"])
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'country_totals_generation'").int == generation)
        #expect(try store.collaboration().rows.first { $0.type == .international }?.works == 3)
        try store.rebuildDerivedTables()
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'pair_totals_generation'").int == -1)
    }

    @Test("scopes the totals cannot give read the derived tables")
    func scopesWithoutKeptTotals() throws {
        let store = try gapStore()
        #expect(try store.keptTotals(.countries, for: AnalysisScope()))
        #expect(try !store.keptTotals(.countries, for: AnalysisScope(mergeChinaRegions: true)))
        #expect(try !store.keptTotals(.pairs, for: AnalysisScope(level: .institution)))
        #expect(try !store.keptTotals(.years, for: AnalysisScope(citationSource: .source(.wos))))
        // Rankings over a period sum the derived rows; the same totals over every year are kept.
        #expect(try !store.keptTotals(.countries, for: AnalysisScope(from: 2020, to: 2022), ranked: true))
        #expect(try store.keptTotals(.countries, for: AnalysisScope(from: 2020, to: 2022)))
        // Inside a transaction the uncommitted changes are not in the totals.
        try store.database.execute("BEGIN IMMEDIATE")
        #expect(try !store.keptTotals(.countries, for: AnalysisScope()))
        try store.database.execute("ROLLBACK")
        // The citations of one source (no Web of Science record here): the derived tables, no count.
        let wos = try store.countryTable(scope: AnalysisScope(citationSource: .source(.wos)))
        #expect(wos.first { $0.country == "DE" }.map { ($0.citations, $0.worksWithoutCitationCount) }! == (0, 5))
        #expect(try store.countryTable().first { $0.country == "DE" }.map { ($0.citations, $0.worksWithoutCitationCount) }! == (22, 0))
    }
}
