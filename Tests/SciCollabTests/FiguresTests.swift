import Foundation
import Testing
@testable import SciCollab

/// Figures that must not mislead (definitions §5–§8, §10), on the toy corpus of `CollaborationTests` with a journal
/// whose source list names it on two rows, so every work is in ASJC areas 17 and 26.
///
/// Fractional weights (definitions §4): RU in W1 5/6, W3 1, W4 1, W6 1/3, W8 1/2 (Σ = 11/3); CN in W1 1/6, W2 1/2,
/// W5 1, W6 1/3, W8 1/2 (Σ = 5/2). Joint RU–CN works W1, W6, W8: Σ f_RU = 5/6 + 1/3 + 1/2 = 5/3,
/// Σ f_CN = 1/6 + 1/3 + 1/2 = 1, link strength 1 + 1/2 + 1 = 5/2.
/// So s(RU→CN) = (5/3) / (11/3) = 5/11 = 45.45%, s(CN→RU) = 1 / (5/2) = 40% (fractional); 3/5 = 60% both (full).
/// Dividing the link strength by the output, as before, gave 68.18% and 100%.
struct FiguresTests {
    static let sourceList = "Source Title,All Science Journal Classification Codes (ASJC)\nJournal of Tests,1702;\nJournal of Tests,2604;\n"

    static func toyStoreWithFields() throws -> Store {
        let store = try CollaborationTests.toyStore()
        try store.database.execute("UPDATE works SET source_title = 'Journal of Tests'")
        _ = try store.importSourceList(try TestSupport.write(sourceList, name: "sources.csv"))
        return store
    }

    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let value else { Issue.record("nil, expected \(expected) \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation); return }
        #expect(abs(value - expected) < 1e-9, comment, sourceLocation: sourceLocation)
    }

    @Test("a source list naming a title on two rows gives the union of their codes")
    func sourceListUnion() throws {
        let store = try Self.toyStoreWithFields()
        let codes = try store.database.rows("""
            SELECT DISTINCT f.scheme, f.code FROM work_fields wf JOIN fields f ON f.id = wf.field_id ORDER BY 1, 2
            """).map { "\($0[0].string!) \($0[1].string!)" }
        #expect(codes == ["asjc 1702", "asjc 2604", "asjc-area 17", "asjc-area 26"])
        #expect(try store.database.scalar("SELECT count(DISTINCT work_id) FROM work_fields").int == 8)
    }

    @Test("fractional share: pair, pairs, fields --pair and audit agree on 5/11 and 2/5, within 0–100%")
    func fractionalShareAgrees() throws {
        let store = try Self.toyStoreWithFields()
        let pair = try store.pair("RU", "CN", counting: .fractional)
        close(pair.shareOfOutputA, 5.0 / 11)
        close(pair.shareOfOutputB, 2.0 / 5)
        close(pair.linkStrength, 2.5)
        close(pair.coauthored, 2.5, "the old key keeps the link strength")
        close(pair.coauthoredOutputA, 5.0 / 3)
        let full = try store.pair("RU", "CN")
        close(full.shareOfOutputA, 3.0 / 5)
        close(full.shareOfOutputB, 3.0 / 5)
        close(full.linkStrength, 2.5)

        let row = try #require(try store.pairs(country: "RU", counting: .fractional).first { $0.b == "CN" })
        close(row.shares(.fractional).a, 5.0 / 11)
        close(row.shares(.fractional).b, 2.0 / 5)
        close(row.shares(.full).a, 3.0 / 5)

        let breakdown = try store.fieldBreakdown(scheme: "asjc-area", set: .pair("RU", "CN"))
        for field in ["17", "26"] {
            let fieldRow = try #require(breakdown.rows.first { $0.field == field })
            close(fieldRow.shares(.fractional).a, 5.0 / 11, "area \(field)")
            close(fieldRow.shares(.fractional).b, 2.0 / 5, "area \(field)")
            close(fieldRow.shares(.full).a, 3.0 / 5, "area \(field)")
        }

        let claims = try ClaimsFile.read(path: try TestSupport.write("""
            population: complete
            claims:
              - id: ru-share
                text: "45.45% of Russia's fractional output is co-authored with China"
                stated: "45.45%"
                metric: { name: share_of_output, pair: [RU, CN], side: RU, counting: fractional }
              - id: cn-share
                text: "40% of China's"
                stated: "40.0%"
                metric: { name: share_of_output, pair: [RU, CN], side: CN, counting: fractional }
            """, name: "claims.yaml"))
        var auditor = Auditor(store: store)
        let results = auditor.audit(claims)
        #expect(results.map(\.verdict) == [.consistent, .consistent])
        close(results[0].computed, 500.0 / 11)
        close(results[1].computed, 40)
    }

    @Test("one work with 9 US authors and 1 Italian: the shares are 100%, not 1000% and 111%")
    func nineToOne() throws {
        let store = try TestSupport.makeStore()
        let us = "Harvard Univ, Cambridge, MA 02138, USA", it = "Univ Milan, Milan, Italy"
        let authors = (1...9).map { (name: "Smith \($0).", id: "\($0)", affiliations: [us]) } + [(name: "Rossi A.", id: "10", affiliations: [it])]
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([CollaborationTests.record(1, year: 2020, cites: 3, authors: authors)]), name: "one.csv"))
        let pair = try store.pair("IT", "US", counting: .fractional)
        close(pair.outputA, 0.1)
        close(pair.outputB, 0.9)
        close(pair.shareOfOutputA, 1)
        close(pair.shareOfOutputB, 1)
        close(pair.linkStrength, 1)
        let row = try #require(try store.pairs(counting: .fractional).first)
        close(row.shares(.fractional).a, 1)
        close(row.shares(.fractional).b, 1)
    }

    @Test("period: growth only over a period the user gives; --last N; the current year flagged; by-year from the first year with data")
    func defaultPeriod() throws {
        let store = try CollaborationTests.toyStore()
        // The toy corpus has 2018–2020; with 2020 as the current year, the complete years are 2018 and 2019.
        let present = try store.resolvedScope(AnalysisScope(currentYear: 2020))
        #expect(present.periodDescription == "2018–2020 (every year present; 2020 incomplete)")
        #expect(!present.hasPeriod)
        #expect(try store.countryTable(scope: present).allSatisfy { $0.growth == nil })
        #expect(try store.pair("RU", "CN", scope: present).growth(\.coauthored) == nil)

        let last2 = try store.resolvedScope(AnalysisScope(currentYear: 2020), last: 2)
        #expect(last2.from == 2018 && last2.to == 2019 && last2.hasPeriod)
        #expect(last2.periodDescription == "2018–2019")
        // RU: W1, W3 in 2018; W4 in 2019 → (1 − 2) / 2 = −50%.
        let ru = try #require(try store.countryTable(scope: last2).first { $0.country == "RU" })
        close(ru.growth?.percent, -50)
        #expect(throws: PeriodError.self) { try store.resolvedScope(AnalysisScope(currentYear: 2018), last: 3) }

        // A period reaching back to 1990: the series starts in 2018, the first year with works of either side.
        let wide = try store.resolvedScope(AnalysisScope(from: 1990, to: 2020, currentYear: 2020))
        let pair = try store.pair("RU", "CN", scope: wide)
        #expect(pair.byYear.map(\.year) == [2018, 2019, 2020])
        #expect(pair.growth(\.coauthored)?.first == 0 && pair.growth(\.coauthored)?.percent == nil, "1990 has no joint work: undefined")
        #expect(wide.periodDescription == "1990–2020 (2020 incomplete)")
        let report = StandardReports.pair(pair, scope: wide)
        let years = try #require(report.tables.first { $0.key == "by_year" })
        #expect(years.rows.last?.last == .text("incomplete year"))
        #expect(years.rows.first?.last == .null)
    }

    /// The toy corpus as a sample: RU has 5 works, 3 of them with CN (60%). A count is compared only on a
    /// complete population; a share on a sample against the bootstrap interval of the 5 works (3 units (1, 1),
    /// 2 units (0, 1)), which holds 60% and, with 1% chance of a resample without a joint work, starts at 20%.
    @Test("audit of a sample: counts not comparable, shares against the sample's interval; complete populations as before")
    func auditOfSample() throws {
        let store = try CollaborationTests.toyStore()
        let claims = try ClaimsFile.read(path: try TestSupport.write("""
            population: sample
            claims:
              - id: ru-output-complete
                population: complete
                text: "Russia: 5 publications"
                stated: "5"
                metric: { name: output, country: RU }
              - id: ru-output-sample
                text: "Russia: 5 publications"
                stated: "5"
                metric: { name: output, country: RU }
              - id: share-within
                text: "55% of Russia's output is with China"
                stated: "55%"
                metric: { name: share_of_output, pair: [RU, CN], side: RU }
              - id: share-outside
                text: "0.5% of Russia's output is with China"
                stated: "0.5%"
                metric: { name: share_of_output, pair: [RU, CN], side: RU }
              - id: share-complete
                population: complete
                text: "55% of Russia's output is with China"
                stated: "55%"
                metric: { name: share_of_output, pair: [RU, CN], side: RU }
            """, name: "sample.yaml"))
        #expect(claims.population == .sample)
        #expect(claims.claims.map(\.population) == [.complete, .sample, .sample, .sample, .complete])
        var auditor = Auditor(store: store)
        let results = auditor.audit(claims)
        #expect(results.map(\.verdict) == [.consistent, .notComparable, .consistent, .inconsistent, .inconsistent])
        #expect(results.map(\.figure) == [.extensive, .extensive, .intensive, .intensive, .intensive])
        #expect(results[1].computed == 5)
        #expect(results[1].reason.contains("8 works (scopus 8), publication years 2018–2020"))
        close(results[2].computed, 60)
        let low = try #require(results[2].intervalLow), high = try #require(results[2].intervalHigh)
        #expect(low >= 20 && low <= 60 && high >= 60 && high <= 100, "\(low)–\(high)")
        #expect(results[2].reason.contains("within the sample's interval"))
        #expect(results[3].reason.contains("outside the sample's interval"))
        #expect(results[4].intervalLow == nil)
        #expect(throws: ClaimsFile.ReadError.self) {
            try ClaimsFile.read(path: try TestSupport.write("population: everything\nclaims: []\n", name: "bad.yaml"))
        }
    }

    /// The corpus of `nameKeyedAuthors`.
    static func nameKeyedStore() throws -> Store {
        let store = try TestSupport.makeStore()
        var withoutIDs = [
            CollaborationTests.record(2, year: 2020, cites: 1, authors: [("Ivanov I.", "", [CollaborationTests.moscow]), ("Wang Y.", "", [CollaborationTests.tsinghua])]),
            CollaborationTests.record(3, year: 2020, cites: 1, authors: [("Li X.", "", [CollaborationTests.peking])]),
        ]
        for index in withoutIDs.indices { withoutIDs[index]["Author(s) ID"] = "" }
        let records = [CollaborationTests.record(1, year: 2020, cites: 1, authors: [("Alpha A.", "1", [CollaborationTests.moscow]), ("Wang B.", "11", [CollaborationTests.tsinghua])])] + withoutIDs
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV(records), name: "names.csv"))
        return store
    }

    /// W1: a1 (id, Moscow) and b1 (id, Tsinghua); W2: Ivanov I. (Moscow) and Wang Y. (Tsinghua) without ids;
    /// W3: Li X. (Peking) without id. RU: a1, ivanov i (1 of 2 name-keyed, 50%); CN: b1, wang y, li x (2 of 3,
    /// 66.7%). All authors: co-authors RU 2 of 2, CN 2 of 3. Identified only: RU 1 of 1, CN 1 of 1.
    @Test("name-keyed authors per side, a warning above 20%, and --author-identity ids")
    func nameKeyedAuthors() throws {
        let store = try Self.nameKeyedStore()
        let all = try store.pair("RU", "CN")
        #expect(all.authorsA == 2 && all.authorsB == 3)
        #expect(all.nameKeyedAuthorsA == 1 && all.nameKeyedAuthorsB == 2)
        close(all.nameKeyedShareA, 0.5)
        close(all.nameKeyedShareB, 2.0 / 3)
        close(all.shareOfAuthorsB, 2.0 / 3)
        let report = StandardReports.pair(all, scope: AnalysisScope())
        #expect(report.notes.filter { $0.hasPrefix("Warning:") }.count == 2)
        #expect(report.notes.contains { $0.contains("2 of CN's authors (66.7%)") })

        let ids = try store.pair("RU", "CN", authorIdentity: .ids)
        #expect(ids.authorsA == 1 && ids.authorsB == 1)
        #expect(ids.coauthorsA == 1 && ids.coauthorsB == 1)
        close(ids.shareOfAuthorsB, 1)
        close(ids.nameKeyedShareB, 2.0 / 3, "the share left out, of all CN's authors")
        #expect(StandardReports.pair(ids, scope: AnalysisScope()).tables.contains { $0.notes.contains { $0.contains("left out as name-keyed: 1 of RU's authors (50.0%), 2 of CN's (66.7%)") } })
    }

    /// Every pair of every bundled fixture: no share outside 0–100% under either counting method, in `pairs`; in
    /// `pair` and `fields --pair` on the 25 strongest links (`SharedFixtureShareTests` does the same over the shared
    /// fixtures).
    @Test("property: no share outside 0–100% over every pair of the fixtures, both counting methods")
    func sharesWithinBounds() throws {
        let store = try FixtureStores.bundled()
        var checked = 0
        for counting in CountingMethod.allCases {
            for (index, row) in try store.pairs(counting: counting).enumerated() {
                for share in [row.shares(counting).a, row.shares(counting).b] {
                    let value = try #require(share, "\(row.a)–\(row.b) \(counting)")
                    #expect(value >= 0 && value <= 1 + 1e-12, "\(row.a)–\(row.b) \(counting): \(value)")
                }
                checked += 1
                // `pair` on the strongest links (each takes a dozen queries).
                guard index < 25 else { continue }
                let pairShares = try store.pair(row.a, row.b, counting: counting)
                for share in [pairShares.shareOfOutputA, pairShares.shareOfOutputB, pairShares.shareOfAuthorsA, pairShares.shareOfAuthorsB] {
                    let value = try #require(share, "\(row.a)–\(row.b) \(counting)")
                    #expect(value >= 0 && value <= 1 + 1e-12, "\(row.a)–\(row.b) \(counting): \(value)")
                }
                #expect(abs((row.shares(counting).a ?? -1) - (pairShares.shareOfOutputA ?? -2)) < 1e-9, "pairs and pair agree on \(row.a)–\(row.b)")
                for field in try store.fieldBreakdown(scheme: FieldSchemes.automatic, set: .pair(row.a, row.b)).rows {
                    for share in [field.shares(counting).a, field.shares(counting).b] {
                        let value = try #require(share, "fields --pair \(row.a) \(row.b), area \(field.field) \(counting)")
                        #expect(value >= 0 && value <= 1 + 1e-12, "fields --pair \(row.a) \(row.b), area \(field.field) \(counting): \(value)")
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}

/// Stores built once per test process from the fixtures.
enum FixtureStores {
    /// Every export in `Fixtures/`.
    static func bundled() throws -> Store { try TestSupport.bundledStore() }
}

/// The `auto` area scheme of `fields` (definitions §8) with the shipped WoS crosswalk.
struct AutomaticAreaTests {
    @Test("WoS categories map to ASJC areas; auto classifies Scopus, OpenAlex and WoS works in one area scheme")
    func crosswalk() throws {
        let crosswalk = WoSCrosswalk.standard
        #expect(crosswalk.areas.count >= 250)
        #expect(crosswalk.area(of: "Physics, Multidisciplinary") == "31")
        #expect(crosswalk.area(of: "Information Science & Library Science") == "33")
        #expect(crosswalk.area(of: "Computer Science, Artificial Intelligence") == "17")
        #expect(crosswalk.area(of: "Multidisciplinary Sciences") == "10")
        #expect(Set(crosswalk.areas.values).isSubset(of: Set(ASJC.standard.codes.values.map(\.area))))

        let store = try FixtureStores.bundled()
        // Every WoS category of the bundled exports is in the crosswalk.
        let categories = try store.database.rows("SELECT DISTINCT code FROM fields WHERE scheme = 'wos-category'").compactMap { $0[0].string }
        #expect(!categories.isEmpty)
        #expect(categories.filter { crosswalk.area(of: $0) == nil } == [])
        // A WoS work with categories is classified under auto; under asjc-area it is not.
        let wosWithCategory = try store.database.scalar("""
            SELECT count(DISTINCT wf.work_id) FROM work_fields wf JOIN fields f ON f.id = wf.field_id
            JOIN works w ON w.id = wf.work_id WHERE f.scheme = 'wos-category' AND w.source = 'wos'
            """).int ?? 0
        let auto = try store.fieldBreakdown(scheme: FieldSchemes.automatic)
        let areas = try store.fieldBreakdown(scheme: "asjc-area")
        let openalexFields = try store.fieldBreakdown(scheme: "openalex-field")
        #expect(auto.classified >= areas.classified + wosWithCategory)
        #expect(auto.classified >= openalexFields.classified)
        #expect(auto.rows.allSatisfy { ASJC.standard.areaName($0.field) != nil })
    }
}

/// The share property of `FiguresTests.sharesWithinBounds` over every export of `../shared/fixtures` (5,598 works,
/// 9,302 country pairs): `pairs` over every pair under both counting methods; `pair` (both methods) and `fields
/// --pair` over the 100 strongest links and every 40th of the others, or over every pair with
/// `SCICOLLAB_ALL_PAIRS=1` (about ten minutes on two cores: `pair` makes a dozen queries, `fields --pair` reads
/// every work's fields).
struct SharedFixtureShareTests {
    @Test("property: no share outside 0–100% over the pairs of the shared fixtures, both counting methods, in pair, pairs and fields --pair")
    func sharesWithinBoundsShared() throws {
        guard let root = TestSupport.sharedFixtures("") else {
            print("skipped: the share property over ../shared/fixtures (the folder is not there)")
            return
        }
        let store = try TestSupport.makeStore()
        for file in try Store.expand(paths: [root]) where !file.hasSuffix(".md") { _ = try? store.importFile(file) }
        func within(_ share: Double?, _ what: @autoclosure () -> String) {
            guard let share else { return }
            #expect(share >= 0 && share <= 1 + 1e-12, "\(what()): \(share)")
        }
        let all = ProcessInfo.processInfo.environment["SCICOLLAB_ALL_PAIRS"] == "1"
        var checked = (pairs: 0, pair: 0, fields: 0)
        for counting in CountingMethod.allCases {
            for (index, row) in try store.pairs(counting: counting).enumerated() {
                within(row.shares(counting).a, "pairs \(row.a)–\(row.b) \(counting)")
                within(row.shares(counting).b, "pairs \(row.b)–\(row.a) \(counting)")
                checked.pairs += 1
                guard all || index < 100 || index % 40 == 0 else { continue }
                let pair = try store.pair(row.a, row.b, counting: counting)
                for share in [pair.shareOfOutputA, pair.shareOfOutputB, pair.shareOfAuthorsA, pair.shareOfAuthorsB] {
                    within(share, "pair \(row.a)–\(row.b) \(counting)")
                }
                #expect(abs((row.shares(counting).a ?? -1) - (pair.shareOfOutputA ?? -2)) < 1e-9, "pairs and pair agree on \(row.a)–\(row.b) \(counting)")
                checked.pair += 1
                guard counting == .full else { continue }
                // One breakdown holds the shares of both counting methods.
                for field in try store.fieldBreakdown(scheme: FieldSchemes.automatic, set: .pair(row.a, row.b)).rows {
                    for method in CountingMethod.allCases {
                        within(field.shares(method).a, "fields --pair \(row.a) \(row.b), area \(field.field) \(method)")
                        within(field.shares(method).b, "fields --pair \(row.a) \(row.b), area \(field.field) \(method)")
                    }
                }
                checked.fields += 1
            }
        }
        print("shared fixtures: \(checked.pairs) pairs rows, \(checked.pair) pair computations, \(checked.fields) fields --pair breakdowns checked\(all ? "" : " (SCICOLLAB_ALL_PAIRS=1 checks every pair)")")
        #expect(checked.pairs > 10_000 && checked.pair > 500 && checked.fields > 250)
    }
}
