import Foundation
import Testing
@testable import SciCollab

/// The co-authors of a pair kept per pair and data generation (`Schemas/023_pair_coauthors_institution_impact.sql`): worked out by hand,
/// equal to the counts of the derived tables for every pair of the bundled exports, and recomputed after an import.
struct KeptPairCoauthorsTests {
    /// One Scopus CSV record of `year`: authors (id, country) at one affiliation each; without `ids` the export gives
    /// no author ids, so its authors are identified by a name key only.
    private func record(_ eid: Int, year: Int, _ authors: [(id: Int, country: String)], ids: Bool = true) -> [String: String] {
        let names = authors.map { "Author\($0.id) A." }
        let affiliations = authors.map { "Univ \($0.country), City, \($0.country == "DE" ? "Germany" : "France")" }
        var record = ["Authors": names.joined(separator: "; "), "Title": "Work \(eid)", "Year": String(year), "Cited by": "1",
                      "Affiliations": Array(Set(affiliations)).sorted().joined(separator: "; "),
                      "Authors with affiliations": zip(names, affiliations).map { "\($0), \($1)" }.joined(separator: "; "),
                      "EID": "2-s2.0-\(eid)"]
        if ids { record["Author(s) ID"] = authors.map { String($0.id) }.joined(separator: "; ") }
        return record
    }

    /// DE–FR joint works: 1 (2018: authors 1 DE, 4 FR), 2 (2020: 1 and 2 DE, 4 FR) and 3 (2020: 3 DE, 5 FR, both
    /// identified by a name key only); work 4 (2019) is author 2's in DE alone.
    private func store() throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            record(1, year: 2018, [(1, "DE"), (4, "FR")]),
            record(2, year: 2020, [(1, "DE"), (2, "DE"), (4, "FR")]),
            record(3, year: 2020, [(3, "DE"), (5, "FR")], ids: false),
            record(4, year: 2019, [(2, "DE")]),
        ]), name: "pair.csv"))
        return store
    }

    private func kept(_ store: Store, _ table: String) throws -> [String] {
        let year = table == "country_pair_coauthor_years" ? "year || ' ' || " : ""
        return try store.database.rows("""
            SELECT a || ' ' || b || ' ' || country || ' ' || \(year)coauthors || ' ' || id_coauthors FROM \(table) ORDER BY 1
            """).compactMap { $0[0].string }
    }

    @Test("co-authors(A|B) over every year and per year, kept per pair, worked out by hand; a period still counts them")
    func byHand() throws {
        let store = try store()
        #expect(try store.database.scalar("SELECT count(*) FROM country_pair_coauthors").int == 0)
        let pair = try store.pair("FR", "DE")
        // FR: authors 4 (2018, 2020) and 5 (2020); DE: authors 1 (2018, 2020), 2 and 3 (2020).
        #expect((pair.coauthorsA, pair.coauthorsB) == (2, 3))
        #expect(pair.byYear.map { "\($0.year) \($0.coauthorsA) \($0.coauthorsB)" } == ["2018 1 1", "2019 0 0", "2020 2 3"])
        // Stored under the pair's code order (DE < FR); id_coauthors leaves out authors 3 and 5.
        #expect(try kept(store, "country_pair_coauthors") == ["DE FR DE 3 2", "DE FR FR 2 1"])
        #expect(try kept(store, "country_pair_coauthor_years") == ["DE FR DE 2018 1 1", "DE FR DE 2020 3 2", "DE FR FR 2018 1 1", "DE FR FR 2020 2 1"])
        let ids = try store.pair("DE", "FR", authorIdentity: .ids)
        #expect((ids.coauthorsA, ids.coauthorsB) == (2, 1))
        #expect(ids.byYear.map { "\($0.year) \($0.coauthorsA) \($0.coauthorsB)" } == ["2018 1 1", "2019 0 0", "2020 2 1"])
        // Per year and the author's previous year: DE 1 (2018, 2020), 2 (2020), 3 (2020, a name key); FR 4 (2018, 2020),
        // 5 (2020, a name key).
        #expect(try store.database.rows("""
            SELECT a || ' ' || b || ' ' || country || ' ' || year || ' ' || coalesce(previous_year, '-') || ' ' || coauthors || ' ' || id_coauthors
            FROM country_pair_coauthor_periods ORDER BY 1
            """).compactMap { $0[0].string }
            == ["DE FR DE 2018 - 1 1", "DE FR DE 2020 - 2 1", "DE FR DE 2020 2018 1 1",
                "DE FR FR 2018 - 1 1", "DE FR FR 2020 - 1 0", "DE FR FR 2020 2018 1 1"])
        // Over a period the kept rows of its years whose previous year is before it: 2019–2020 counts the authors of
        // work 2 and 3 alone; up to 2018 those of work 1.
        let sources = try store.derivedSources(AnalysisScope(from: 2019, to: 2020))
        #expect(try store.keptPairCoauthors("DE", "FR", sources: sources, scope: AnalysisScope(from: 2019, to: 2020)))
        let period = try store.pair("DE", "FR", scope: AnalysisScope(from: 2019, to: 2020))
        #expect((period.coauthorsA, period.coauthorsB) == (3, 2))
        let periodIDs = try store.pair("DE", "FR", scope: AnalysisScope(from: 2019, to: 2020), authorIdentity: .ids)
        #expect((periodIDs.coauthorsA, periodIDs.coauthorsB) == (2, 1))
        // 2018–2020: authors 1 and 4, on joint works of 2018 and 2020, once each.
        let both = try store.pair("DE", "FR", scope: AnalysisScope(from: 2018, to: 2020))
        #expect((both.coauthorsA, both.coauthorsB) == (3, 2))
        let early = try store.pair("DE", "FR", scope: AnalysisScope(to: 2018))
        #expect((early.coauthorsA, early.coauthorsB) == (1, 1))
        // A marker: the period's count is read from the kept rows.
        try store.database.execute("UPDATE country_pair_coauthor_periods SET coauthors = 40 WHERE country = 'DE' AND year = 2020 AND previous_year IS NULL")
        #expect(try store.pair("DE", "FR", scope: AnalysisScope(from: 2019, to: 2020)).coauthorsA == 41)
    }

    @Test("the kept co-authors follow the data: an import makes them stale, and the next pair counts the new work")
    func recomputedAfterImport() throws {
        let store = try store()
        _ = try store.pair("DE", "FR")
        let counter = "SELECT value FROM store_state WHERE name = 'pair_coauthors_generation DE FR'"
        #expect(try store.database.scalar(counter).int == Store.dataGeneration(store.database))
        // A 2021 joint work of author 6 (DE) and author 4 (FR).
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([record(5, year: 2021, [(6, "DE"), (4, "FR")])]), name: "more.csv"))
        let generation = try Store.dataGeneration(store.database)
        #expect(try store.database.scalar(counter).int != generation)
        let pair = try store.pair("DE", "FR")
        #expect((pair.coauthorsA, pair.coauthorsB) == (4, 2))
        #expect(pair.byYear.map { "\($0.year) \($0.coauthorsA) \($0.coauthorsB)" } == ["2018 1 1", "2019 0 0", "2020 3 2", "2021 1 1"])
        #expect(try kept(store, "country_pair_coauthors") == ["DE FR DE 4 3", "DE FR FR 2 1"])
        #expect(try store.database.scalar(counter).int == generation)
    }

    @Test("the kept co-authors of every pair equal those counted from the derived tables, under both identities (bundled exports)")
    func keptEqualsCounted() throws {
        let path = try TestSupport.bundledStore().database.path
        // A read-only store cannot keep them: it counts the authors of the joint works.
        let counted = try Store(path: path, access: .readOnly)
        let kept = try Store(path: path)
        let pairs = try kept.pairs(counting: .full, scope: AnalysisScope()).prefix(40).map { ($0.a, $0.b) }
        #expect(pairs.count == 40)
        let first = (min(pairs[0].0, pairs[0].1), max(pairs[0].0, pairs[0].1))
        #expect(try !counted.keptPairCoauthors(first.0, first.1, sources: counted.derivedSources(AnalysisScope()), scope: AnalysisScope()))
        var compared = 0
        for (a, b) in pairs {
            for identity in AuthorIdentityOption.allCases {
                let before = try counted.pair(a, b, authorIdentity: identity), after = try kept.pair(b, a, authorIdentity: identity)
                #expect((before.coauthorsA, before.coauthorsB) == (after.coauthorsB, after.coauthorsA), "\(a) \(b) \(identity)")
                #expect(before.byYear.map { "\($0.year) \($0.coauthorsA) \($0.coauthorsB)" }
                        == after.byYear.map { "\($0.year) \($0.coauthorsB) \($0.coauthorsA)" }, "\(a) \(b) \(identity)")
                compared += before.coauthorsA + before.coauthorsB
            }
            let (low, high) = a < b ? (a, b) : (b, a)
            #expect(try kept.keptPairCoauthors(low, high, sources: kept.derivedSources(AnalysisScope()), scope: AnalysisScope()))
        }
        #expect(compared > 200)
    }

    @Test("the co-authors of every pair over a period, from the kept rows, equal those counted from the derived tables (bundled exports)")
    func keptPeriodsEqualCounted() throws {
        let path = try TestSupport.bundledStore().database.path
        let counted = try Store(path: path, access: .readOnly)
        let kept = try Store(path: path)
        let pairs = try kept.pairs(counting: .full, scope: AnalysisScope()).prefix(30).map { ($0.a, $0.b) }
        let years = try kept.database.rows("SELECT min(year), max(year) FROM works").first
        let (first, last) = (try #require(years?[0].int), try #require(years?[1].int))
        #expect(last - first > 5)
        let middle = (first + last) / 2
        let periods: [AnalysisScope] = [AnalysisScope(from: middle - 2, to: middle + 2), AnalysisScope(from: middle), AnalysisScope(to: middle),
                                        AnalysisScope(from: last, to: last), AnalysisScope(from: first - 10, to: first - 1)]
        // Every count from the derived tables first (a read-only store reads kept rows once they are current).
        func figures(_ store: Store) throws -> [String] {
            try pairs.flatMap { a, b in
                try periods.flatMap { scope in
                    try AuthorIdentityOption.allCases.map { identity in
                        let pair = try store.pair(a, b, scope: scope, authorIdentity: identity)
                        return "\(a) \(b) \(scope.from ?? 0)–\(scope.to ?? 0) \(identity): \(pair.coauthorsA) \(pair.coauthorsB) "
                            + pair.byYear.map { "\($0.year) \($0.coauthorsA) \($0.coauthorsB)" }.joined(separator: ", ")
                    }
                }
            }
        }
        let expected = try figures(counted)
        #expect(try kept.database.scalar("SELECT count(*) FROM country_pair_coauthor_periods").int == 0)
        let found = try figures(kept)
        #expect(try kept.database.scalar("SELECT count(DISTINCT a || b) FROM country_pair_coauthor_periods").int == pairs.count)
        #expect(found.count == expected.count)
        for (before, after) in zip(expected, found) { #expect(before == after) }
        let compared = try pairs.map { a, b in try counted.pair(a, b, scope: periods[0]) }.map { $0.coauthorsA + $0.coauthorsB }.reduce(0, +)
        #expect(compared > 50)
    }
}
