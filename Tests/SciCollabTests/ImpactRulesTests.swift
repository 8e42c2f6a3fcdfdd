import Foundation
import Testing
@testable import SciCollab

/// The impact rules of definitions §7 that an independent implementation checked: the window chosen by coverage,
/// zero counts in every window, PP(top 10%) over every work with a count and a cohort, document-type groups
/// from the first listed type, and the first corresponding author as the leader (definitions §6).
struct ImpactRulesTests {
    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let value else { Issue.record("nil, expected \(expected)", sourceLocation: sourceLocation); return }
        #expect(abs(value - expected) < 1e-9, comment, sourceLocation: sourceLocation)
    }

    func store(_ lines: [String]) throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(lines.joined(separator: "\n") + "\n", name: "works.jsonl"))
        return store
    }

    func id(_ store: Store, _ work: Int) throws -> Int64 {
        guard case .integer(let id) = try store.database.scalar("SELECT id FROM works WHERE source_id = ?", [.text("W\(work)")]) else {
            throw CancellationError()
        }
        return id
    }

    /// W1 is uncited with an empty per-year list; W2 8 (3 + 5), W3 4, all 2020 articles of one subfield.
    /// 4-year window: W1 has 0 (not unknown), e = (0 + 8 + 4) / 3 = 4, FWCI 0, 2, 1; mean 1.
    @Test("an uncited work with no per-year counts has 0 in the 4-year window and does not switch the window")
    func zeroInEveryWindow() throws {
        let store = try store([
            ImpactTests.work(1, fields: [7], cites: 0), ImpactTests.work(2, fields: [7], cites: 8, byYear: [2020: 3, 2021: 5]),
            ImpactTests.work(3, fields: [7], cites: 4, byYear: [2021: 4]),
        ])
        let choice = try store.defaultCitationWindow()
        #expect(choice.window == .fourYears)
        let model = try store.impactModel(scheme: "openalex-subfield")
        #expect(model.window == .fourYears)
        #expect(model.works[try id(store, 1)]?.citations == 0)
        close(model.works[try id(store, 2)]?.value, 2)
        close(model.works[try id(store, 3)]?.value, 1)
        close(model.summary(try store.works(of: .all)).mean, 1)
    }

    /// Per-year counts from 2012 on: W1 (2010) is not covered, W2 (2012) is.
    @Test("the window follows coverage of the set's works, with the reason")
    func windowByCoverage() throws {
        let store = try store([
            ImpactTests.work(1, fields: [7], cites: 5, year: 2010, byYear: [2012: 5]),
            ImpactTests.work(2, fields: [7], cites: 3, year: 2012, byYear: [2012: 3]),
        ])
        let all = try store.defaultCitationWindow()
        #expect(all.window == .total)
        #expect(all.reason.contains("1 of the 2 works"))
        #expect(all.reason.contains("start in 2012"))
        let recent = try store.defaultCitationWindow(works: [try id(store, 2)])
        #expect(recent.window == .fourYears)
        let model = try store.impactModel(scheme: "openalex-subfield", works: [try id(store, 1), try id(store, 2)])
        #expect(model.window == .total && model.windowReason == all.reason)
        // The shared OpenAlex page: works of 1988–2010, per-year counts from 2012: total, so values are defined.
        let page = try TestSupport.makeStore()
        _ = try page.importFile(TestSupport.fixture("openalex_api_works_page_50rec_2025.json"))
        let pageModel = try page.impactModel()
        #expect(pageModel.window == .total)
        #expect(pageModel.summary(try page.works(of: .all)).defined > 0)
    }

    /// The window over every work is kept per citation source and data generation: a later call reads it, an import
    /// counts again, and a transaction counts from the rows.
    @Test("the window over every work is kept until the data change")
    func corpusWindowKept() throws {
        let store = try store([ImpactTests.work(1, fields: [7], cites: 5, year: 2010, byYear: [2012: 5])])
        let first = try store.defaultCitationWindow()
        #expect(first.window == .total && first.reason.contains("0 of the 1 works"))
        let kept = "SELECT group_concat(name || '=' || value, ' ') FROM (SELECT * FROM store_state WHERE name LIKE 'corpus_window % precedence' AND name NOT LIKE '%generation%' ORDER BY name)"
        #expect(try store.database.scalar(kept).string == "corpus_window covered precedence=0 corpus_window known precedence=1 corpus_window start precedence=2012")
        // A marker: the next call reads the kept counts.
        try store.database.execute("UPDATE store_state SET value = 1 WHERE name = 'corpus_window covered precedence'")
        #expect(try store.defaultCitationWindow().window == .fourYears)
        // Inside a transaction the rows are counted.
        let inTransaction = try store.database.transaction { try store.defaultCitationWindow() }
        #expect(inTransaction.window == .total)
        // W2 (2012, covered): an import moves the data generation on, and the counts follow.
        _ = try store.importFile(try TestSupport.write(ImpactTests.work(2, fields: [7], cites: 3, year: 2012, byYear: [2012: 3]) + "\n", name: "w2.jsonl"))
        let after = try store.defaultCitationWindow()
        #expect(after.window == .total && after.reason.contains("1 of the 2 works"))
        #expect(try store.database.scalar(kept).string == "corpus_window covered precedence=1 corpus_window known precedence=2 corpus_window start precedence=2012")
        // Another source has its own counts: no OpenAlex per-year counts of Scopus.
        #expect(try store.defaultCitationWindow(citationSource: .source(.scopus)).window == .total)
    }

    /// The window of a country, pair or group over every year is kept per set, citation source and data generation.
    @Test("the window of a set over every year is kept until the data change (bundled exports)")
    func setWindowKept() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        try kept.database.execute("DELETE FROM store_state WHERE name LIKE 'set_window %'")
        let computed = try Store(path: path, access: .readOnly)
        let brics = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let cases: [(ImpactSet, AnalysisScope)] = [(.country("US"), AnalysisScope()), (.pair("CN", "US"), AnalysisScope()),
                                                   (.country("BRICS"), brics), (.pair("US", "BRICS"), brics)]
        for (set, scope) in cases {
            let expected = try computed.defaultCitationWindow(of: set, scope: scope)
            #expect(try kept.defaultCitationWindow(of: set, scope: scope) == expected)
            #expect(try kept.defaultCitationWindow(of: set, scope: scope) == expected)
        }
        let names = try kept.database.rows("SELECT name FROM store_state WHERE name LIKE 'set_window generation %' ORDER BY name").compactMap { $0[0].string }
        #expect(names.count == 4)
        #expect(names.contains("set_window generation precedence 0 country US"))
        #expect(names.contains("set_window generation precedence 0 pair CN US"))
        // A marker: every work covered, the next call reads it (a 4-year window); a period or a transaction counts.
        let expected = try computed.defaultCitationWindow(of: .country("US"), scope: AnalysisScope())
        try kept.database.execute("""
            UPDATE store_state SET value = (SELECT value FROM store_state WHERE name = 'set_window known precedence 0 country US')
            WHERE name = 'set_window covered precedence 0 country US'
            """)
        #expect(expected.window == .total)
        #expect(try kept.defaultCitationWindow(of: .country("US"), scope: AnalysisScope()).window == .fourYears)
        #expect(try kept.database.transaction { try kept.defaultCitationWindow(of: .country("US"), scope: AnalysisScope()) } == expected)
        var period = AnalysisScope()
        (period.from, period.to) = (1900, 2100)
        #expect(try kept.defaultCitationWindow(of: .country("US"), scope: period) == expected)
        // The derived tables rebuilt in place: counted again.
        try kept.invalidateKeptTotals()
        #expect(try kept.defaultCitationWindow(of: .country("US"), scope: AnalysisScope()) == expected)
        // Every work over every year is the corpus, whose counts are kept too: the window of every work listed by id.
        let every = try computed.database.rows("SELECT work_id FROM work_facts").compactMap { $0[0].int.map(Int64.init) }
        #expect(every.count > 100)
        #expect(try kept.defaultCitationWindow(of: .all, scope: AnalysisScope()) == (try computed.defaultCitationWindow(works: every)))
        try kept.database.execute("UPDATE store_state SET value = 0 WHERE name = 'corpus_window known precedence'")
        #expect(try kept.defaultCitationWindow(of: .all, scope: AnalysisScope()).reason == "no work of the set has a citation count")
        let dated = try computed.database.rows("SELECT work_id FROM work_facts WHERE year BETWEEN 1900 AND 2100").compactMap { $0[0].int.map(Int64.init) }
        #expect(try kept.defaultCitationWindow(of: .all, scope: period) == (try computed.defaultCitationWindow(works: dated)))
        // The first year with per-year counts is kept too: a marker year is read by the next window over a period.
        let first = try #require(try computed.database.scalar("SELECT min(year) FROM citations_by_year").int)
        #expect(try kept.database.scalar("SELECT value FROM store_state WHERE name = 'kept_count per_year_start precedence year'").int == first)
        try kept.database.execute("UPDATE store_state SET value = 2999 WHERE name = 'kept_count per_year_start precedence year'")
        #expect(try kept.defaultCitationWindow(of: .country("US"), scope: period).reason.contains("start in 2999"))
        try kept.invalidateKeptTotals()
        #expect(try kept.defaultCitationWindow(of: .country("US"), scope: period) == (try computed.defaultCitationWindow(of: .country("US"), scope: period)))
    }

    /// ImpactTests' toy corpus: the F3 cohort (W6, W7, both uncited, e = 0) used to drop out of PP, giving
    /// 2 / 5 top works over W1–W5 ... now PP runs over W1–W7: Σ top shares = 0.1 per unit of cohort weight.
    @Test("PP(top 10%) covers every work with a count and a cohort: exactly 10% over the toy corpus")
    func topTenOverEveryWork() throws {
        let store = try ImpactTests.toyStore()
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        let summary = model.summary(try store.works(of: .all))
        close(summary.top10, 0.1)
        #expect(summary.defined == 5 && summary.undefined == 2 && summary.unclassified == 1)
    }

    /// Every bundled export on its own, and all of them together: the corpus scores exactly 10% under its
    /// own baseline, whatever window and scheme the default rule chooses.
    @Test("property: the whole corpus scores exactly 10% PP(top 10%) under its own baseline, on every fixture")
    func topTenOnEveryFixture() throws {
        var checked = 0
        for file in try Store.expand(paths: [TestSupport.packageRoot.appendingPathComponent("Fixtures").path])
        where !file.contains("/claims/") && !file.hasSuffix(".md") && !file.contains("API_") && !file.contains("Metadata_") && !file.contains("asjc_codes") && !file.contains("sourcelist") {
            let store = try TestSupport.makeStore()
            guard (try? store.importFile(file)) != nil else { continue }
            for window in [nil, CitationWindow.total] {
                let model = try store.impactModel(window: window)
                guard let top10 = model.summary(try store.works(of: .all)).top10 else { continue }
                #expect(abs(top10 - 0.1) < 1e-9, "\((file as NSString).lastPathComponent) \(model.window.rawValue): \(top10)")
                checked += 1
            }
        }
        let all = try FixtureStores.bundled()
        close(try all.impactModel().summary(try all.works(of: .all)).top10, 0.1, "all fixtures together")
        #expect(checked >= 10)
    }

    @Test("document-type group from the first listed type; Article in Press and Early Access are articles")
    func documentTypeGroups() {
        #expect(DocumentTypeGroup.of("Article in Press") == .article)
        #expect(DocumentTypeGroup.of("Early Access") == .article)
        #expect(DocumentTypeGroup.of("Article; Proceedings Paper") == .article)
        #expect(DocumentTypeGroup.of("Article; Early Access") == .article)
        #expect(DocumentTypeGroup.of("Review; Early Access") == .review)
        #expect(DocumentTypeGroup.of("Proceedings Paper; Article") == .conferencePaper)
        #expect(DocumentTypeGroup.of("Journal Article; Review") == .article)
        #expect(DocumentTypeGroup.of("Editorial Material; Review") == .other)
        #expect(DocumentTypeGroup.of(nil) == .other)
    }

    /// One work, byline RU (not corresponding), CN (corresponding), DE (corresponding): CN leads alone.
    @Test("leadership: the first corresponding author in byline order leads, also after migration 013")
    func firstCorrespondingLeads() throws {
        func authorship(_ n: Int, _ country: String, corresponding: Bool) -> String {
            #"{"author":{"id":"https://openalex.org/A\#(n)"},"institutions":[{"id":"https://openalex.org/I\#(n)","country_code":"\#(country)"}],"countries":[],"is_corresponding":\#(corresponding)}"#
        }
        let work = #"{"id":"https://openalex.org/W1","publication_year":2020,"type":"article","cited_by_count":1,"authorships":["#
            + [authorship(1, "RU", corresponding: false), authorship(2, "CN", corresponding: true), authorship(3, "DE", corresponding: true)].joined(separator: ",") + "]}"
        let store = try store([work])
        func check() throws {
            let pair = try store.pair("CN", "DE")
            close(pair.leadershipA, 1)
            close(pair.leadershipB, 0)
            close(try store.pair("RU", "CN").leadershipB, 1)
        }
        try check()
        try store.rebuildDerivedTables()
        try check()
        // A database written before: every corresponding author's country marked as leading; migration 013 fixes it.
        try store.database.execute("UPDATE work_countries SET is_lead = 1 WHERE country IN ('CN', 'DE')")
        try store.database.execute("UPDATE work_country_pairs SET lead_a = 1, lead_b = 1 WHERE a = 'CN' AND b = 'DE'")
        // Such a database keeps no figure computed from its rows (the kept rows came later).
        try store.invalidateKeptTotals()
        close(try store.pair("CN", "DE").leadershipB, 1)
        try store.database.execute(try #require(EmbeddedResources.files["013_first_corresponding_leads.sql"]))
        try store.invalidateKeptTotals()
        try check()
    }
}
