import Foundation
import Testing
@testable import SciCollab

/// What `summary` and the `--by-year` rows of `countries`, `pairs` and `collaboration` read from kept totals
/// (`Schemas/021_kept_summary_pair_years.sql`, `Schemas/018_kept_totals.sql`) equals what they count from the base
/// and derived tables, to the last bit.
struct KeptSummaryTests {
    /// Three Scopus works: 2019 by authors 1 (DE) and 2 (FR), cited 3 times; 2020 by author 1, an empty `Cited by`
    /// (Scopus's zero), a review; 2020 by an author without an id (a name key) at an address without a country.
    private func smallStore() throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            ["Authors": "Author1 A.; Author2 B.", "Author(s) ID": "1; 2", "Title": "Work 1", "Year": "2019", "Cited by": "3",
             "Affiliations": "Univ DE, Berlin, Germany; Univ FR, Paris, France",
             "Authors with affiliations": "Author1 A., Univ DE, Berlin, Germany; Author2 B., Univ FR, Paris, France",
             "Document Type": "Article", "EID": "2-s2.0-1"],
            ["Authors": "Author1 A.", "Author(s) ID": "1", "Title": "Work 2", "Year": "2020", "Cited by": "",
             "Affiliations": "Univ DE, Berlin, Germany", "Authors with affiliations": "Author1 A., Univ DE, Berlin, Germany",
             "Document Type": "Review", "EID": "2-s2.0-2"],
            ["Authors": "Nobody N.", "Title": "Work 3", "Year": "2020", "Cited by": "1",
             "Affiliations": "Nowhere Institute", "Authors with affiliations": "Nobody N., Nowhere Institute",
             "Document Type": "Article", "EID": "2-s2.0-3"],
        ])))
        return store
    }

    @Test("the summary's counts, worked out by hand, kept and counted again after an author without authorships appears")
    func summaryByHand() throws {
        let store = try smallStore()
        let summary = try store.summary()
        #expect(try store.keptTotals(.summary, for: AnalysisScope()))
        let coverage = summary.coverage
        #expect((coverage.works, coverage.worksWithCountry, coverage.authorships, coverage.authorshipsWithCountry) == (3, 2, 4, 3))
        #expect((coverage.authors, coverage.nameKeyedAuthors, coverage.worksWithoutCitationCount) == (3, 1, 0))
        #expect((coverage.affiliations, coverage.unresolvedAffiliations) == (4, 1))
        #expect(summary.worksBySourceAndYear.map { "\($0.source) \($0.year ?? 0) \($0.works)" } == ["scopus 2019 1", "scopus 2020 2"])
        #expect(summary.documentTypes.map { "\($0.label) \($0.count)" } == ["Article 2", "Review 1"])
        #expect(summary.resolutionBySource.map { "\($0.source) \($0.affiliations) \($0.resolved) \($0.address)" } == ["scopus 4 3 3"])
        #expect(try store.database.rows("SELECT authorships, resolved_authorships, authors, name_keyed FROM author_totals")
                == [[.integer(4), .integer(3), .integer(3), .integer(1)]])
        // An author row no authorship refers to is not counted: the name-keyed authors are then looked up one by one.
        try store.database.execute("INSERT INTO authors (identity_kind, identity, display_name) VALUES ('name_key', 'orphan', 'Orphan O.')")
        try store.markDataChanged()
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'summary_totals_generation'").int
                != Store.dataGeneration(store.database))
        let again = try store.summary().coverage
        #expect((again.authors, again.nameKeyedAuthors) == (3, 1))
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'summary_totals_generation'").int
                == Store.dataGeneration(store.database))
    }

    @Test("the summary from the kept totals equals the summary counted from the base tables (bundled exports)")
    func summaryKeptEqualsCounted() throws {
        let path = try TestSupport.bundledStore().database.path
        // A read-only store cannot keep the totals: it counts from the base tables.
        let counted = try Store(path: path, access: .readOnly)
        #expect(try !counted.keptTotals(.summary, for: AnalysisScope()))
        let kept = try Store(path: path)
        for limit in [3, 100] {
            let before = try counted.summary(limit: limit), after = try kept.summary(limit: limit)
            #expect(try kept.keptTotals(.summary, for: AnalysisScope()))
            #expect(before.coverage == after.coverage)
            #expect(before.resolutionBySource == after.resolutionBySource)
            #expect(before.worksBySourceAndYear.map { "\($0.source) \(String(describing: $0.year)) \($0.works)" }
                    == after.worksBySourceAndYear.map { "\($0.source) \(String(describing: $0.year)) \($0.works)" })
            #expect(before.documentTypes == after.documentTypes)
            #expect(before.topUnresolvedAffiliations == after.topUnresolvedAffiliations)
            #expect(before.coverage.authors > 100 && before.resolutionBySource.count >= 4 && before.documentTypes.count > 10)
        }
        // The works of each source in the merge summary: records less the repeated records of one work.
        let sources = try kept.database.rows("SELECT source, count(DISTINCT work_id) FROM source_records GROUP BY source ORDER BY source")
        let diagonal = try kept.mergeSummary(details: true).overlap.filter { $0.a == $0.b }
        #expect(diagonal.map { "\($0.a) \($0.works)" } == sources.map { "\($0[0].string ?? "") \($0[1].int ?? 0)" })
    }

    @Test("the --by-year rows from the kept totals equal the rows grouped from the derived tables, to the last bit")
    func yearSeriesKeptEqualsDerived() throws {
        let path = try TestSupport.bundledStore().database.path
        let derived = try Store(path: path, access: .readOnly)
        let kept = try Store(path: path)
        var compared = 0
        for (from, to) in [(nil, nil), (2010, 2020), (2018, nil), (nil, 2015), (2023, 2023)] as [(Int?, Int?)] {
            let scope = AnalysisScope(from: from, to: to)
            let before = try derived.yearSeries(scope: scope)
            #expect(try kept.yearSeries(scope: scope) == before)
            #expect(try kept.yearSeries(entities: ["US", "CN"], scope: scope) == derived.yearSeries(entities: ["US", "CN"], scope: scope))
            let pairs = try derived.pairYearSeries(scope: scope)
            #expect(try kept.pairYearSeries(scope: scope) == pairs)
            #expect(try kept.pairYearSeries(entity: "US", scope: scope) == derived.pairYearSeries(entity: "US", scope: scope))
            let types = try derived.collaborationYearSeries(scope: scope)
            #expect(try kept.collaborationYearSeries(scope: scope) == types)
            #expect(try kept.collaborationYearSeries(country: "DE", scope: scope) == derived.collaborationYearSeries(country: "DE", scope: scope))
            compared += before.count + pairs.count + types.count
        }
        for totals in [Store.KeptTotals.countries, .authorPeriods, .pairYears, .years] {
            #expect(try kept.keptTotals(totals, for: AnalysisScope()))
        }
        #expect(compared > 600)
    }
}
