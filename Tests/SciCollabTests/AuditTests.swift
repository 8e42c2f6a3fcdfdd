import Foundation
import Testing
@testable import SciCollab

struct AuditTests {
    @Test("stated values: rounding intervals, separators, percentages, inequalities, tolerances")
    func statedValues() throws {
        let three = try #require(StatedValue.parse("3%"))
        #expect(three.isPercent && three.low == 2.5 && three.high == 3.5)
        #expect(three.accepts(2.5) && three.accepts(3.49) && !three.accepts(3.5))
        let precise = try #require(StatedValue.parse("4.27%"))
        #expect(precise.accepts(4.265) && precise.accepts(4.2749) && !precise.accepts(4.275) && !precise.accepts(4.264))
        let count = try #require(StatedValue.parse("22,112"))
        #expect(count.value == 22112 && !count.isPercent && count.accepts(22112) && !count.accepts(22113))
        let bound = try #require(StatedValue.parse("less than 1%"))
        #expect(bound.relation == .lessThan && bound.accepts(0.42) && !bound.accepts(1))
        #expect(try #require(StatedValue.parse("more than 10")).accepts(10.1))
        let tolerant = try #require(StatedValue.parse("2.47", tolerance: 0.1))
        #expect(tolerant.accepts(2.4) && !tolerant.accepts(2.6))
        #expect(StatedValue.parse("about half") == nil)
    }

    @Test("expressions: ids with hyphens, precedence, parentheses, a minus sign as a word")
    func expressions() throws {
        let values = ["ru-cn-coauthored": 22112.0, "ru-output": 731581, "a": 2, "b": 3]
        var ratio = ClaimExpression("ru-cn-coauthored / ru-output")
        #expect(abs(try ratio.evaluate { values[$0] } - 22112.0 / 731581) < 1e-15)
        var arithmetic = ClaimExpression("(a + b) * 2 - 1 / b")
        #expect(abs(try arithmetic.evaluate { values[$0] } - (10 - 1.0 / 3)) < 1e-12)
        var unknown = ClaimExpression("a / ru-authors")
        #expect(throws: ClaimExpression.EvaluationError.unknown("ru-authors")) { try unknown.evaluate { values[$0] } }
    }

    @Test("the RU–CN claims file audits without data: every arithmetic verdict")
    func ruCnArithmetic() throws {
        let file = try ClaimsFile.read(path: TestSupport.fixture("claims/ru-cn-2018-2024.yaml"))
        #expect(file.claims.count == 59)
        var auditor = Auditor(store: nil)
        let results = Dictionary(uniqueKeysWithValues: auditor.audit(file).map { ($0.id, $0) })
        // 22,112 / 731,581 = 3.02% against "3%".
        let shareOfRU = try #require(results["ru-cn-share-of-ru-arithmetic"])
        #expect(shareOfRU.verdict == .consistent && abs(shareOfRU.computed! - 3.0225) < 1e-4)
        // 22,112 / 5,273,107 = 0.42% against "less than 1%".
        #expect(results["ru-cn-share-of-cn-arithmetic"]?.verdict == .consistent)
        // 64,195 / 5,901,050 = 1.088% against "1.09%".
        let authorsCN = try #require(results["cn-authors-with-ru-arithmetic"])
        #expect(authorsCN.verdict == .consistent && abs(authorsCN.computed! - 1.08785) < 1e-4)
        // 21.8 + 40 + 33.3 + 4.8 = 99.9% against "100%".
        let sum = try #require(results["brics-shares-sum"])
        #expect(sum.verdict == .consistent && abs(sum.computed! - 99.9) < 1e-9)
        // Russia's authors and the FWCI of its international collaboration are not stated.
        #expect(results["ru-authors-with-cn-arithmetic"]?.verdict == .notComputable)
        #expect(results["ru-authors-with-cn-arithmetic"]?.reason == "ru-authors is not stated in this file")
        #expect(results["ru-intl-above-world-arithmetic"]?.verdict == .notComputable)
        // Without data every metric claim is not computable, and says why.
        let metrics = results.values.filter { !$0.id.hasSuffix("-arithmetic") && $0.id != "brics-shares-sum" }
        #expect(metrics.count == 53 && metrics.allSatisfy { $0.verdict == .notComputable && $0.reason.hasPrefix("no data") })
    }

    @Test("the fixture claims file: consistent, the deliberately wrong ones inconsistent, and why others are not computable")
    func fixtureClaims() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        var auditor = Auditor(store: store)
        let results = Dictionary(uniqueKeysWithValues: auditor.audit(try ClaimsFile.read(path: TestSupport.fixture("claims/wos-2014-fixture.json"))).map { ($0.id, $0) })
        for id in ["us-ca-coauthored", "us-output", "ca-output", "ca-share-with-us", "us-cpp", "us-ca-cpp", "us-ca-share-arithmetic"] {
            #expect(results[id]?.verdict == .consistent, "\(id)")
        }
        #expect(results["us-share-with-ca-wrong"]?.verdict == .inconsistent)
        #expect(abs((results["us-share-with-ca-wrong"]?.computed ?? 0) - 300.0 / 23) < 1e-9)
        #expect(results["gb-us-coauthored-wrong"]?.verdict == .inconsistent && results["gb-us-coauthored-wrong"]?.computed == 3)
        #expect(results["us-output-2030"]?.verdict == .notComputable && results["us-output-2030"]?.reason.contains("outside the data") == true)
        #expect(results["ru-output"]?.verdict == .notComputable && results["ru-output"]?.reason.contains("missing country data") == true)
    }

    @Test("a claims file with a bad claim names it")
    func badFile() throws {
        let path = try TestSupport.write("claims:\n  - id: x\n    stated: lots\n    metric: {name: output, country: RU}\n", name: "bad.yaml")
        #expect(throws: ClaimsFile.ReadError.invalid(claim: "x", reason: "stated value \"lots\" is not a number, a percentage or an inequality")) {
            try ClaimsFile.read(path: path)
        }
    }

    @Test("explain lists exactly the joint works of a pair, with the affiliations that place them")
    func explain() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        let ids = try store.works(of: .pair("US", "CA")).map(\.id)
        let works = try store.explainWorks(ids, countries: ["US", "CA"])
        // The three works the independent script finds for CA-US.
        #expect(Set(works.map(\.sourceID)) == ["WOS:000285831700110", "WOS:000312893300115", "WOS:000280991300028"])
        #expect(works.allSatisfy { $0.countries.contains("US") && $0.countries.contains("CA") })
        #expect(works.allSatisfy { work in work.affiliations.contains { $0.hasSuffix("Canada") } && work.affiliations.contains { $0.hasSuffix("USA") } })
        let authors = try store.explainAuthors(ids, country: "CA")
        #expect(authors.count == (try store.pair("US", "CA").coauthorsB))
    }

    @Test("explain of a set selected in SQL lists the same works, records and affiliations as its ids read first")
    func explainSelectedSet() throws {
        let store = try TestSupport.bundledStore()
        for (set, countries) in [(ImpactSet.country("US"), ["US"]), (.pair("US", "CN"), ["US", "CN"]),
                                 (.collaboration(.international, country: "DE"), ["DE"]), (.collaboration(.national, country: nil), [])] {
            let ids = try store.works(of: set).map(\.id)
            #expect(ids.count > 3, "\(set)")
            for limit in [nil, 3] as [Int?] {
                let listed = try store.explainWorks(ids, countries: countries, limit: limit)
                let affiliations = try store.explainAffiliations(ids, limit: limit)
                #expect(try store.selectExplainedWorks(set) == ids.count)
                let selected = try store.explainSelectedWorks(countries: countries, limit: limit)
                #expect(selected == listed, "\(set) \(String(describing: limit))")
                #expect(selected.count == min(ids.count, limit ?? .max))
                #expect(try store.explainSelectedAffiliations(limit: limit) == affiliations)
                // The records of the listed works only, each as the records of every id give it.
                let all = try store.explainRecords(ids)
                let records = try store.explainRecords(selected.map(\.id))
                #expect(records.count == selected.count)
                for work in selected { #expect(records["\(work.source) \(work.sourceID)"] == all["\(work.source) \(work.sourceID)"]) }
            }
        }
    }

    @Test("a long list read in chunks by two connections at once lists the same works in the same order as one statement")
    func explainSelectedWorksInHalves() throws {
        let store = try TestSupport.bundledStore()
        for (set, countries) in [(ImpactSet.country("US"), ["US"]), (.pair("US", "CN"), ["US", "CN"]), (.collaboration(.national, country: nil), [])] {
            _ = try store.selectExplainedWorks(set)
            for limit in [nil, 5] as [Int?] {
                for citationSource in [CitationSource.precedence, .source(.openalex)] {
                    func listed(chunk: Int) throws -> [ExplainedWork] {
                        var works: [ExplainedWork] = []
                        try store.forEachSelectedWork(countries: countries, citationSource: citationSource, limit: limit,
                                                      chunk: chunk) { works.append($0) }
                        return works
                    }
                    let whole = try listed(chunk: .max / 4)
                    #expect(whole.count >= 5, "\(set)")
                    #expect(whole.contains { (countries.isEmpty || !$0.affiliations.isEmpty) && !$0.records.isEmpty })
                    for chunk in [1, 2, 3] {
                        #expect(try listed(chunk: chunk) == whole, "\(set) \(String(describing: limit)) \(citationSource) \(chunk)")
                    }
                }
            }
        }
        // An error stops both readers, whether the body or either connection's reading throws.
        struct Stop: Error {}
        var handed = 0
        #expect(throws: Stop.self) {
            try store.forEachSelectedWork(countries: ["US"], citationSource: .precedence, limit: nil, chunk: 1) { _ in
                handed += 1
                if handed == 3 { throw Stop() }
            }
        }
        #expect(handed == 3)
        for failing in [2, 3] {
            let reader = try #require(AlternatingReader<Int>(store.database, chunks: 6) { _, chunk in
                if chunk == failing { throw Stop() }
                return chunk
            })
            var chunks: [Int] = []
            #expect(throws: Stop.self) { try reader.forEachChunk(on: store.database) { chunks.append($0) } }
            #expect(chunks == Array(0..<failing))
        }
        // In a transaction the second connection would not see the uncommitted rows: one statement reads them all.
        _ = try store.selectExplainedWorks(.country("US"))
        let before = try store.explainSelectedWorks(countries: ["US"])
        #expect(throws: CancellationError.self) {
            try store.database.transaction {
                try store.database.execute("UPDATE works SET doi = '10.9/changed' WHERE id = \(before[before.count - 1].id)")
                var works: [ExplainedWork] = []
                try store.forEachSelectedWork(countries: ["US"], citationSource: .precedence, limit: nil, chunk: 1) { works.append($0) }
                #expect(works.last?.doi == "10.9/changed")
                throw CancellationError()
            }
        }
        #expect(try store.explainSelectedWorks(countries: ["US"]) == before)
    }

    @Test("the affiliations of a listed work split as Foundation splits them, ASCII or not")
    func affiliationList() {
        for text in ["", " | ", "Univ A, USA", "Univ A, USA | Univ B, Canada", " | x | ", "x | | y", "a |  | b", "x |", "| x", "x  |  y",
                     "Univ \u{e9}, Paris, France | Univ B, USA", "e\u{301} | x", "x | \u{301}y"] {
            #expect(Store.affiliationList(text) == text.components(separatedBy: " | ").filter { !$0.isEmpty }, "\(text)")
        }
        #expect(Store.affiliationList("Univ A, USA | Univ B, Canada | ") == ["Univ A, USA", "Univ B, Canada"])
    }
}
