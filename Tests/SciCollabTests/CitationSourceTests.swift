import Foundation
import Testing
@testable import SciCollab

/// Three papers from Scopus and Web of Science whose counts differ (definitions §9, `--citations-from`).
enum TwoSourceCorpus {
    /// P1 (DOI 10.5555/cite.001, PT + JP, 2021): Scopus 10, WoS 7. P2 (10.5555/cite.002, PT alone): Scopus only, 4.
    static let scopus = TestSupport.scopusCSV([
        ["Authors": "Costa A.; Ito K.", "Author full names": "Costa, Ana (501); Ito, Kenji (502)", "Author(s) ID": "501; 502",
         "Title": "Counting citations per source", "Year": "2021", "Source title": "J Cite", "Cited by": "10",
         "DOI": "10.5555/cite.001", "Affiliations": "University of Porto, Porto, Portugal; Kyoto University, Kyoto, Japan",
         "Authors with affiliations": "Costa A., University of Porto, Porto, Portugal; Ito K., Kyoto University, Kyoto, Japan",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-5001"],
        ["Authors": "Costa A.", "Author full names": "Costa, Ana (501)", "Author(s) ID": "501",
         "Title": "A Scopus-only paper", "Year": "2021", "Source title": "J Cite", "Cited by": "4",
         "DOI": "10.5555/cite.002", "Affiliations": "University of Porto, Porto, Portugal",
         "Authors with affiliations": "Costa A., University of Porto, Porto, Portugal",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-5002"],
    ])

    /// P1 again (TC 7) and P3 (10.5555/cite.003, PT + ES, WoS only, TC 1); both in the category Economics.
    static let wos = """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU Costa, A
           Ito, K
        AF Costa, Ana
           Ito, Kenji
        TI Counting citations per source
        SO J CITE
        DT Article
        C1 [Costa, Ana] Univ Porto, Porto, Portugal.
           [Ito, Kenji] Kyoto Univ, Kyoto, Japan.
        TC 7
        PY 2021
        WC Economics
        DI 10.5555/CITE.001
        UT WOS:000000000005001
        ER

        PT J
        AU Costa, A
           Ruiz, P
        AF Costa, Ana
           Ruiz, Pablo
        TI A Web of Science-only paper
        SO J CITE
        DT Article
        C1 [Costa, Ana] Univ Porto, Porto, Portugal.
           [Ruiz, Pablo] Univ Seville, Seville, Spain.
        TC 1
        PY 2021
        WC Economics
        DI 10.5555/cite.003
        UT WOS:000000000005003
        ER

        EF
        """

    /// A store holding the three papers (P1 merged by DOI).
    static func store() throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(scopus, name: "scopus.csv"))
        _ = try store.importFile(try TestSupport.write(wos, name: "wos.txt"))
        return store
    }
}

@Suite struct CitationSourceTests {
    static let sources: [CitationSource] = [.precedence, .source(.scopus), .source(.wos)]

    static func scope(_ source: CitationSource) -> AnalysisScope { AnalysisScope(citationSource: source, currentYear: 2026) }

    @Test("citations per paper of a country, a pair and a collaboration type follow the chosen source; works without its record are left out")
    func citationsPerPaper() throws {
        let store = try TwoSourceCorpus.store()
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 3)
        // PT: P1, P2, P3. Precedence: Scopus's 10 for P1 (scopus before wos), 4, 1 → 15/3. Scopus: 10 + 4 over 2
        // (P3 has no Scopus record). WoS: 7 + 1 over 2 (P2 has no WoS record).
        let expected: [CitationSource: (pt: Double, ptMissing: Int, jp: Double, pair: Double, international: Double?, single: Double?)] = [
            .precedence: (5, 0, 10, 10, 5.5, 4),
            .source(.scopus): (7, 1, 10, 10, 10, 4),
            .source(.wos): (4, 1, 7, 7, 4, nil),
        ]
        for source in Self.sources {
            let values = try #require(expected[source])
            let scope = Self.scope(source)
            let rows = Dictionary(uniqueKeysWithValues: try store.countryTable(scope: scope).map { ($0.country, $0) })
            #expect(rows["PT"]?.works == 3, "\(source)")
            #expect(rows["PT"]?.citationsPerPublication == values.pt, "\(source)")
            #expect(rows["PT"]?.worksWithoutCitationCount == values.ptMissing, "\(source)")
            #expect(rows["JP"]?.citationsPerPublication == values.jp, "\(source)")
            let pair = try store.pair("PT", "JP", scope: scope)
            #expect(pair.citationsPerPublication == values.pair, "\(source)")
            let types = try store.collaboration(scope: scope)
            #expect(types.rows.first { $0.type == .international }?.citationsPerPublication == values.international, "\(source)")
            #expect(types.rows.first { $0.type == .single }?.citationsPerPublication == values.single, "\(source)")
            let years = try store.yearSeries(entities: ["PT"], scope: scope)
            #expect(years.first?.citationsPerPublication == values.pt, "\(source)")
            let joint = try store.jointComparison("PT", "JP", scope: scope)
            #expect(joint.row(.joint).citationsPerPublication == values.pair, "\(source)")
        }
        // The precedence's choice is the stored count; the SQL of a source reads source_records.
        #expect(try store.citationCoverage(scope: Self.scope(.source(.wos))) == CitationCoverage(works: 3, withoutCount: 1, withoutRecord: 1))
        #expect(try store.citationCoverage(scope: Self.scope(.source(.pubmed))) == CitationCoverage(works: 3, withoutCount: 3, withoutRecord: 3))
        #expect(try store.countryTable(scope: Self.scope(.source(.pubmed))).first { $0.country == "PT" }?.citationsPerPublication == nil)
    }

    @Test("impact uses the chosen source's counts, its baseline too, and the kept model of one choice is not read for another")
    func impact() throws {
        let store = try TwoSourceCorpus.store()
        // Scheme wos-category: P1 and P3 are Economics 2021 articles (P2 has no category). Window total.
        // Precedence: e = (10 + 1) / 2, JP's P1 = 10 / 5.5. Scopus: only P1 has a count, e = 10, P1 = 1.
        // WoS: e = (7 + 1) / 2, P1 = 7 / 4.
        let expected: [CitationSource: Double] = [.precedence: 10 / 5.5, .source(.scopus): 1, .source(.wos): 1.75]
        for _ in 0..<2 {   // the second round reads the kept models
            for source in Self.sources {
                let model = try store.impactModel(scheme: "wos-category", citationSource: source, currentYear: 2026)
                #expect(model.window == .total)
                let jp = try store.meanImpact(of: [.country("JP")], model: model, scope: Self.scope(source))
                let value = try #require(jp.first ?? nil)
                #expect(abs(value - expected[source]!) < 1e-9, "\(source)")
            }
        }
        // Under Scopus, P3 has no count: its value is undefined, not 0.
        let scopus = try store.impactModel(scheme: "wos-category", citationSource: .source(.scopus), currentYear: 2026)
        let p3 = try #require(try store.workID(matching: "10.5555/cite.003"))
        #expect(scopus.works[p3]?.citations == nil && scopus.works[p3]?.value == nil)
    }

    @Test("the lookup of a source's count reads the work's own records through their work index, never every record of the source")
    func lookupPlan() throws {
        let store = try TwoSourceCorpus.store()
        for sql in [CitationSource.source(.wos).sql(workID: "wc.work_id", stored: "wc.citations"),
                    CitationSource.source(.wos).perYearSQL(workID: "wc.work_id")] {
            let plan = try store.database.rows("EXPLAIN QUERY PLAN SELECT \(sql) FROM work_countries wc").compactMap { $0[3].string }
            #expect(plan.contains { $0.contains("source_records_work") }, "\(plan)")
            #expect(!plan.contains { $0.contains("source_records_source_id") }, "\(plan)")
        }
    }

    @Test("precedence, a source name or nothing: --citations-from reads these words only")
    func arguments() {
        #expect(CitationSource(argument: "precedence") == .precedence)
        #expect(CitationSource(argument: "WoS") == .source(.wos))
        #expect(CitationSource(argument: "scopus") == .source(.scopus))
        #expect(CitationSource(argument: "google") == nil && CitationSource(argument: "") == nil)
        #expect(CitationSource.source(.wos).parameterText.hasPrefix("wos: "))
    }

    @Test("the precedence written in SQL picks the record whose count the work carries")
    func precedenceInSQL() throws {
        let store = try TestSupport.makeStore()
        for file in try MergeCorpus.files() { _ = try store.importFile(file) }
        _ = try store.importFile(try TestSupport.write(TwoSourceCorpus.scopus, name: "s.csv"))
        _ = try store.importFile(try TestSupport.write(TwoSourceCorpus.wos, name: "w.txt"))
        // For every work: the source the SQL ranks first is the one whose count the work carries.
        let rows = try store.database.rows("""
            SELECT w.id, w.citations, \(CitationSource.source(.openalex).perYearSQL(workID: "w.id")),
                   \(CitationSource.source(.scopus).perYearSQL(workID: "w.id")), \(CitationSource.source(.wos).perYearSQL(workID: "w.id")),
                   \(CitationSource.source(.openalex).worksSQL("w")), \(CitationSource.source(.scopus).worksSQL("w")),
                   \(CitationSource.source(.wos).worksSQL("w"))
            FROM works w
            """)
        #expect(rows.count == 9)
        for row in rows {
            let first = (2...4).first { row[$0].int == 1 }
            #expect(first.map { row[$0 + 3] } == row[1] || (first == nil && row[1] == .null), "work \(row[0])")
        }
    }
}
