import Foundation
import Testing
@testable import SciCollab

@Suite("Works whose authors share the work's affiliations")
struct SharedAffiliationsTests {
    /// Two RIS records: two authors and three affiliations (Paris, Lyon, Berlin), and one author with two.
    static let ris = """
        TY  - JOUR
        AU  - Martin, A.
        AU  - Weber, B.
        TI  - Shared
        PY  - 2020
        UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-1000000001&partnerID=40
        AD  - Institut Pasteur, Paris, France
        AD  - Université Lyon 1, Lyon, France
        AD  - Humboldt-Universität zu Berlin, Berlin, Germany
        N1  - Export Date: 1 January 2024; Cited By: 5
        DB  - Scopus
        ER  -

        TY  - JOUR
        AU  - Solo, C.
        TI  - Alone
        PY  - 2020
        UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-1000000002&partnerID=40
        AD  - Institut Pasteur, Paris, France
        AD  - Humboldt-Universität zu Berlin, Berlin, Germany
        N1  - Export Date: 1 January 2024; Cited By: 1
        DB  - Scopus
        ER  -

        """

    @Test("fractional counts give every author all of the work's affiliations, and say so")
    func fractionalCountsAndNote() throws {
        let store = try TestSupport.makeStore()
        let report = try store.importFile(try TestSupport.write(Self.ris, name: "shared.ris"))
        #expect(report.format.id == "scopus-ris")
        #expect(report.recordsImported == 2)
        let flagged = try store.database.rows("SELECT source_id FROM works WHERE affiliations_shared = 1").map { $0[0].string }
        // The single author's work is exact: only the two-author work is flagged.
        #expect(flagged == ["2-s2.0-1000000001"])
        let rows = Dictionary(uniqueKeysWithValues: try store.countryTable().map { ($0.country, $0) })
        // Work 1: each of 2 authors has weight 1/2 over 3 affiliations (FR, FR, DE): FR 2/3, DE 1/3.
        // Work 2: one author over 2 affiliations (FR, DE): FR 1/2, DE 1/2.
        #expect(abs((rows["FR"]?.worksFractional ?? 0) - (2.0 / 3.0 + 1.0 / 2.0)) < 1e-9)
        #expect(abs((rows["DE"]?.worksFractional ?? 0) - (1.0 / 3.0 + 1.0 / 2.0)) < 1e-9)
        #expect(rows["FR"]?.works == 2)
        #expect(try store.worksWithSharedAffiliations() == 1)
        #expect(try store.sharedAffiliationsNote()?.hasPrefix("Fractional counts: 1 work(s) come from exports") == true)
        #expect(try store.worksWithSharedAffiliations(scope: AnalysisScope(from: 2021, to: 2022)) == 0)
    }

    @Test("the works with shared affiliations over a period, from the counts kept per year, equal those counted (bundled exports)")
    func sharedWorksOverPeriods() throws {
        let store = try TestSupport.bundledStore()
        func counted(_ scope: AnalysisScope) throws -> Int {
            try store.database.scalar("""
                SELECT count(*) FROM works w JOIN work_facts f ON f.work_id = w.id
                WHERE w.affiliations_shared = 1 AND f.countries > 0 AND \(scope.factsCondition)
                """).int ?? -1
        }
        let years = try store.database.rows("""
            SELECT DISTINCT f.year FROM works w JOIN work_facts f ON f.work_id = w.id WHERE w.affiliations_shared = 1 AND f.year IS NOT NULL ORDER BY 1
            """).compactMap { $0[0].int }
        #expect(years.count >= 2)
        let (first, last) = (try #require(years.first), try #require(years.last))
        let scopes = [AnalysisScope(from: first, to: last), AnalysisScope(from: first + 1), AnalysisScope(to: last - 1),
                      AnalysisScope(from: last, to: last), AnalysisScope(from: first - 5, to: first - 1)]
        for scope in scopes {
            #expect(try store.worksWithSharedAffiliations(scope: scope) == (try counted(scope)), "\(scope.periodDescription)")
        }
        #expect(try store.worksWithSharedAffiliations(scope: scopes[0]) > 0)
        // A marker: the kept count of the last year is read.
        try store.database.prepare("UPDATE store_state SET value = value + 100 WHERE name = ?").run([.text("kept_count shared_affiliation_years \(last)")])
        #expect(try store.worksWithSharedAffiliations(scope: scopes[3]) == (try counted(scopes[3])) + 100)
    }

    @Test("Crossref, Lens and RIS files import into one store with their sources")
    func newSourcesInStore() throws {
        let store = try TestSupport.makeStore()
        for name in ["crossref_rest_works_rows2_2023-02-13.json", "crossref_unixsd_query_result_16aff.xml",
                     "lens_scholarly_2024_excerpt_20rec.csv", "scopus_ris_2020_bibx_excerpt_11rec.ris"] {
            let report = try store.importFile(TestSupport.fixture(name))
            #expect(report.recordsSkipped == 0, "\(name)")
        }
        let bySource = try store.database.rows("SELECT source, count(*) FROM works GROUP BY source ORDER BY source")
            .map { "\($0[0].string ?? "")=\($0[1].int ?? 0)" }
        #expect(bySource == ["crossref=3", "lens=20", "scopus=11"])
        // The Crossref query result: 8 authors, all in France.
        let france = try store.countryTable().first { $0.country == "FR" }
        #expect(france?.works == 1)
        #expect(france?.authors == 8)
    }
}

@Suite("One Scopus record from several export formats")
struct ScopusAcrossFormatsTests {
    @Test("the RIS and BibTeX exports of the same records give one work each, with the same countries")
    func risThenBibTeX() throws {
        let alone = try TestSupport.makeStore()
        _ = try alone.importFile(TestSupport.fixture("scopus_ris_2023_biodiversity_excerpt_23rec.ris"))
        let expected = try alone.countryTable().map { "\($0.country) \($0.works) \($0.authors)" }

        let both = try TestSupport.makeStore()
        let ris = try both.importFile(TestSupport.fixture("scopus_ris_2023_biodiversity_excerpt_23rec.ris"))
        let bib = try both.importFile(TestSupport.fixture("scopus_bib_2023_biodiversity_excerpt_23rec.bib"))
        #expect(ris.recordsImported == 23)
        #expect(bib.recordsImported == 23)
        // Same source and EID in another format: the BibTeX record of each work is kept beside its RIS record.
        #expect(bib.worksReplaced == 0 && bib.sameRecordOtherFormat == 23)
        #expect(try both.database.scalar("SELECT count(*) FROM works").int == 23)
        #expect(try both.countryTable().map { "\($0.country) \($0.works) \($0.authors)" } == expected)
        // Counted in the file: 7 of the 23 records have an `AD` line ending "United States", 3 one ending "France".
        let table = Dictionary(uniqueKeysWithValues: try both.countryTable().map { ($0.country, $0.works) })
        #expect(table["US"] == 7)
        #expect(table["FR"] == 3)
    }
}
