import Foundation
import Testing
@testable import SciCollab

/// FWCI-style impact (definitions §7) on a toy corpus written as OpenAlex JSON Lines, every value by hand.
///
/// Scheme `openalex-subfield`, window `total`, all articles of 2020 unless noted:
///
/// | work | fields  | c  | cohort expectations                               | FWCI              |
/// |------|---------|----|---------------------------------------------------|-------------------|
/// | W1   | F1      | 0  | e(F1) = (0 + 10 + 20 + ½·10) / 3.5 = 10           | 0                 |
/// | W2   | F1      | 10 |                                                   | 1                 |
/// | W3   | F1      | 20 |                                                   | 2                 |
/// | W4   | F1, F2  | 10 | e(F2) = (½·10 + 40) / 1.5 = 30                    | (10/10 + 10/30)/2 = 2/3 |
/// | W5   | F2      | 40 |                                                   | 4/3               |
/// | W6   | F3      | 0  | e(F3) = 0                                         | undefined         |
/// | W7   | F3      | 0  |                                                   | undefined         |
/// | W8   | —       | 5  |                                                   | unclassified      |
struct ImpactTests {
    static func work(_ n: Int, fields: [Int], cites: Int, year: Int = 2020, type: String = "article",
                     byYear: [Int: Int] = [:], fwci: Double? = nil) -> String {
        let topics = fields.map { #"{"id":"https://openalex.org/T\#($0)","subfield":{"id":"https://openalex.org/subfields/\#($0)","display_name":"F\#($0)"}}"# }
        let counts = byYear.sorted { $0.key > $1.key }.map { #"{"year":\#($0.key),"cited_by_count":\#($0.value)}"# }
        return #"{"id":"https://openalex.org/W\#(n)","publication_year":\#(year),"type":"\#(type)","cited_by_count":\#(cites),"#
            + #""counts_by_year":[\#(counts.joined(separator: ","))],"topics":[\#(topics.joined(separator: ","))],"fwci":\#(fwci.map { String($0) } ?? "null"),"#
            + #""authorships":[{"author":{"id":"https://openalex.org/A\#(n)"},"institutions":[{"id":"https://openalex.org/I1","country_code":"\#(n % 2 == 0 ? "RU" : "CN")"}],"countries":[]}]}"#
    }

    static func toyStore(extra: [String] = []) throws -> Store {
        let lines = [
            work(1, fields: [1], cites: 0), work(2, fields: [1], cites: 10), work(3, fields: [1], cites: 20),
            work(4, fields: [1, 2], cites: 10), work(5, fields: [2], cites: 40, fwci: 2.5),
            work(6, fields: [3], cites: 0), work(7, fields: [3], cites: 0), work(8, fields: [], cites: 5),
        ] + extra
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(lines.joined(separator: "\n") + "\n", name: "toy.jsonl"))
        return store
    }

    func id(_ store: Store, _ work: Int) throws -> Int64 {
        guard case .integer(let id) = try store.database.scalar("SELECT id FROM works WHERE source_id = ?", [.text("W\(work)")]) else {
            throw CancellationError()
        }
        return id
    }

    func close(_ value: Double?, _ expected: Double) {
        guard let value else { Issue.record("nil, expected \(expected)"); return }
        #expect(abs(value - expected) < 1e-9, "\(value) vs \(expected)")
    }

    @Test("per-work values: zero citations, a work in two fields, a cohort with e = 0, no field")
    func perWork() throws {
        let store = try Self.toyStore()
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        func value(_ n: Int) throws -> ImpactModel.WorkImpact { try #require(model.works[try id(store, n)]) }
        close(try value(1).value, 0)
        close(try value(2).value, 1)
        close(try value(3).value, 2)
        close(try value(4).value, (10.0 / 10 + 10.0 / 30) / 2)
        close(try value(5).value, 40.0 / 30)
        #expect(try value(6).value == nil && value(7).value == nil)
        #expect(try value(8).fields.isEmpty)
        close(model.baseline.expected[Baseline.Key(scheme: "openalex-subfield", field: "1", year: 2020, group: .article)], 10)
        close(model.baseline.expected[Baseline.Key(scheme: "openalex-subfield", field: "2", year: 2020, group: .article)], 30)
    }

    @Test("a set's summary in SQL over a kept model: the figures of the summary of its works in memory")
    func summaryInSQL() throws {
        let store = try Self.toyStore()
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        let all = try #require(try store.impactSummary(of: .all, model: model))
        #expect(all.works == 8 && all.defined == 5 && all.undefined == 2 && all.unclassified == 1 && all.provisional == 0)
        close(all.mean, 1)
        close(all.median, 1)
        close(all.sourceMean, 2.5)
        #expect(all.sourceCount == 1)
        // RU: W2, W4, W6, W8 (values 1, 2/3, undefined, unclassified): mean 5/6, median of two values 5/6.
        let russia = try #require(try store.impactSummary(of: .country("RU"), model: model))
        #expect(russia.works == 4 && russia.defined == 2 && russia.undefined == 1 && russia.unclassified == 1)
        close(russia.mean, 5.0 / 6)
        close(russia.median, 5.0 / 6)
        for set in [ImpactSet.all, .country("RU"), .country("CN"), .collaboration(.single)] {
            for counting in [CountingMethod.full, .fractional] {
                let inSQL = try #require(try store.impactSummary(of: set, model: model, counting: counting))
                let inMemory = model.summary(try store.works(of: set, counting: counting))
                #expect(inSQL.works == inMemory.works && inSQL.defined == inMemory.defined && inSQL.undefined == inMemory.undefined
                        && inSQL.unclassified == inMemory.unclassified && inSQL.sourceCount == inMemory.sourceCount, "\(set)")
                for (x, y) in [(inSQL.mean, inMemory.mean), (inSQL.median, inMemory.median), (inSQL.top10, inMemory.top10),
                               (inSQL.sourceMean, inMemory.sourceMean)] {
                    if let y { close(x, y) } else { #expect(x == nil, "\(set)") }
                }
            }
        }
        // A model that is not kept has no SQL summary: the caller summarises its works.
        var inMemory = model
        inMemory.storedID = nil
        #expect(try store.impactSummary(of: .all, model: inMemory) == nil)
    }

    @Test("the collaboration types of one country averaged in one pass equal each type averaged alone, to the last bit (bundled exports)")
    func collaborationTypesInOnePass() throws {
        let store = try TestSupport.bundledStore()
        let model = try store.impactModel(window: .total, readWorks: false)
        let brics = try AnalysisScope().with([.group(ToyCorpus.brics)])
        var compared = 0
        for (country, scope) in [(nil, AnalysisScope()), ("US", AnalysisScope()), ("CN", AnalysisScope()), ("BRICS", brics)] as [(String?, AnalysisScope)] {
            for counting in [CountingMethod.full, .fractional] {
                let sets = CollaborationType.allCases.map { ImpactSet.collaboration($0, country: country) }
                let together = try store.meanImpact(of: sets + [.all], model: model, counting: counting, scope: scope)
                let alone = try sets.map { try store.meanImpact(of: [$0], model: model, counting: counting, scope: scope)[0] }
                #expect(together.dropLast().map { $0?.bitPattern } == alone.map { $0?.bitPattern }, "\(country ?? "all") \(counting)")
                compared += alone.compactMap { $0 }.count
            }
        }
        #expect(compared > 20)
    }

    @Test("set summary: mean, median, counts, PP(top 10%) with the tie rule, fractional weights, source fwci apart")
    func setSummary() throws {
        let store = try Self.toyStore()
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        let summary = model.summary(try store.works(of: .all))
        #expect(summary.works == 8 && summary.defined == 5 && summary.undefined == 2 && summary.unclassified == 1)
        close(summary.mean, (0 + 1 + 2 + 2.0 / 3 + 4.0 / 3) / 5)      // 1
        close(summary.median, 1)
        // F1: n = 3.5, 0.1n = 0.35 falls inside the top value (W3, weight 1): W3 counts 0.35.
        // F2: n = 1.5, 0.15 inside W5 (weight 1): W5 counts 0.15. Others 0.
        close(summary.top10, (0.35 + 0.15) / 5)
        #expect(summary.isSmall)
        close(summary.sourceMean, 2.5)
        #expect(summary.sourceCount == 1)
        // Fractional weights: W2 with 1, W3 with ½ → (1·1 + 2·½) / 1.5.
        let weighted = model.summary([(try id(store, 2), 1), (try id(store, 3), 0.5)])
        close(weighted.mean, 4.0 / 3)
        // Intervals are reproducible and bracket the mean.
        let first = model.summary(try store.works(of: .all), intervals: true)
        let second = model.summary(try store.works(of: .all), intervals: true)
        #expect(first.meanInterval?.low == second.meanInterval?.low && first.meanInterval?.high == second.meanInterval?.high)
        #expect(first.meanInterval!.low <= first.mean! && first.mean! <= first.meanInterval!.high)
    }

    @Test("a model is kept in the store: read back whole or for some works, and dropped when the data change")
    func keptModel() throws {
        let store = try Self.toyStore()
        let computed = try store.impactModel(scheme: "openalex-subfield", window: .total)
        #expect(try store.database.scalar("SELECT count(*) FROM impact_models").int == 1)
        // A row for each classified work (W1–W7); W8, unclassified, not provisional and without a source fwci, has none
        // and is read back from `works` with the same figures.
        #expect(try store.database.scalar("SELECT count(*) FROM work_impact").int == 7)
        #expect(try store.database.scalar("SELECT count(*) FROM work_impact WHERE work_id = ?", [.integer(try id(store, 8))]).int == 0)
        let kept = try store.impactModel(scheme: "openalex-subfield", window: .total)
        #expect(kept.works.count == 8 && kept.window == .total && kept.baseline.label == "corpus-relative")
        let unclassified = try #require(kept.works[try id(store, 8)])
        #expect(unclassified.citations == 5 && unclassified.fields.isEmpty && unclassified.value == nil)
        #expect(kept.baseline.expected == computed.baseline.expected)
        for (id, work) in computed.works {
            let other = try #require(kept.works[id])
            #expect(other == work && other.provisional == work.provisional && other.sourceFWCI == work.sourceFWCI)
            #expect(other.fields.map { "\($0.scheme) \($0.field)" } == work.fields.map { "\($0.scheme) \($0.field)" })
        }
        #expect(kept.summary(try store.works(of: .all)) == computed.summary(try store.works(of: .all)))
        // Means in SQL over the kept model equal the summaries of the works in memory.
        #expect(kept.storedID != nil)
        var inMemory = computed
        inMemory.storedID = nil
        let sets: [ImpactSet] = [.all, .country("RU"), .country("CN"), .collaboration(.single)]
        for counting in [CountingMethod.full, .fractional] {
            let inSQL = try store.meanImpact(of: sets, model: kept, counting: counting)
            let inSwift = try store.meanImpact(of: sets, model: inMemory, counting: counting)
            #expect(inSQL.count == 4 && inSQL.compactMap { $0 }.count == inSwift.compactMap { $0 }.count)
            for (x, y) in zip(inSQL, inSwift) { if let y { close(x, y) } }
        }
        close(try store.meanImpact(of: [.all], model: kept).first ?? nil, 1)
        let byCountry = try store.meanImpactByCountry(model: kept)
        #expect(Set(byCountry.keys) == ["RU", "CN"])
        for (country, mean) in try store.meanImpactByCountry(model: inMemory) { close(byCountry[country], mean) }
        // Only the works asked for are read.
        let some = try store.impactModel(scheme: "openalex-subfield", window: .total, works: [try id(store, 2), try id(store, 3)])
        #expect(some.works.count == 2)
        close(some.works[try id(store, 2)]?.value, 1)
        // Other options are another model.
        _ = try store.impactModel(scheme: "openalex-field", window: .total)
        #expect(try store.database.scalar("SELECT count(*) FROM impact_models").int == 2)
        // A new work in F1 changes e(F1) = 10 to (0 + 10 + 20 + 10·½ + 25) / 4.5 = 60 / 4.5: kept models are stale.
        _ = try store.importFile(try TestSupport.write(Self.work(9, fields: [1], cites: 25) + "\n", name: "more.jsonl"))
        let after = try store.impactModel(scheme: "openalex-subfield", window: .total, works: [try id(store, 2)])
        close(after.works[try id(store, 2)]?.value, 10 / (60 / 4.5))
        // Computed in SQL and kept, the new model is read back for the works asked for only.
        #expect(after.works.count == 1)
        #expect(try store.database.scalar("SELECT count(*) FROM work_impact").int == 8)
        #expect(try store.database.scalar("SELECT count(*) FROM impact_models").int == 1)
        // A model deleted without foreign keys (as the sqlite3 shell does) leaves its rows; the next one is still kept.
        try store.database.execute("PRAGMA foreign_keys = OFF")
        try store.database.execute("DELETE FROM impact_models")
        try store.database.execute("PRAGMA foreign_keys = ON")
        _ = try store.impactModel(scheme: "openalex-subfield", window: .total)
        #expect(try store.database.scalar("SELECT count(*) FROM impact_models").int == 1)
        #expect(try store.database.scalar("SELECT count(*) FROM work_impact").int == 8)
    }

    @Test("the kept rows: every classified work, and an unclassified one only with a source fwci; the others are read from works")
    func keptRows() throws {
        // W9: no field, 3 citations, OpenAlex fwci 0.5; W8: no field, 5 citations, no fwci.
        let store = try Self.toyStore(extra: [Self.work(9, fields: [], cites: 3, fwci: 0.5)])
        let computed = try store.impactModel(scheme: "openalex-subfield", window: .total)
        let rows = try store.database.rows("""
            SELECT w.source_id, wi.citations, wi.value, wi.source_fwci, wi.fields FROM work_impact wi JOIN works w ON w.id = wi.work_id
            ORDER BY w.source_id
            """)
        #expect(rows.map { $0[0].string ?? "" } == ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W9"])
        let w9 = try #require(rows.last)
        #expect(w9[1].double == 3 && w9[2] == .null && w9[3].double == 0.5 && w9[4].string == "")
        // W4, in F1 and F2 (codes 1 and 2): both fields, in code order, and the mean of 10 / e(F1) = 10 / 10 and 10 / e(F2) = 10 / 30.
        let w4 = try #require(rows.first { $0[0].string == "W4" })
        #expect(w4[4].string == "openalex-subfield\t1\nopenalex-subfield\t2")
        close(w4[2].double, (1 + 1.0 / 3) / 2)
        let kept = try store.impactModel(scheme: "openalex-subfield", window: .total)
        #expect(kept.works.count == 9)
        let unclassified = try #require(kept.works[try id(store, 9)])
        #expect(unclassified.citations == 3 && unclassified.sourceFWCI == 0.5 && unclassified.fields.isEmpty && unclassified.value == nil)
        let plain = try #require(kept.works[try id(store, 8)])
        #expect(plain.citations == 5 && plain.sourceFWCI == nil && plain.fields.isEmpty)
        #expect(computed.works[try id(store, 9)]?.sourceFWCI == 0.5)
    }

    @Test("a model that cannot be kept still gives its figures, and says why it was not kept")
    func modelNotKept() throws {
        let store = try Self.toyStore()
        try store.database.execute("DROP TABLE work_impact")
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        #expect(model.notKeptReason?.contains("work_impact") == true)
        close(model.summary(try store.works(of: .all)).mean, 1)
        #expect(try store.database.scalar("SELECT count(*) FROM impact_models").int == 0)
    }

    @Test("the definitions §7 tie rule in a cohort of 20: one work above, three at the threshold")
    func tieRule() throws {
        // 20 works of F9 in 2021: c = 100, 50, 50, 50 and sixteen zeros. 0.1n = 2: the work at 100 counts 1,
        // each at 50 counts (2 − 1)/3; the cohort's PP is exactly 10%.
        let cites = [100, 50, 50, 50] + Array(repeating: 0, count: 16)
        let extra = cites.enumerated().map { Self.work(100 + $0.offset, fields: [9], cites: $0.element, year: 2021) }
        let store = try Self.toyStore(extra: extra)
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        close(model.works[try id(store, 100)]?.top10, 1)
        close(model.works[try id(store, 101)]?.top10, 1.0 / 3)
        close(model.works[try id(store, 110)]?.top10, 0)
        let cohort = try (100..<120).map { (try id(store, $0), 1.0) }
        close(model.summary(cohort).top10, 0.1)
    }

    @Test("a baseline file overrides the corpus: c = 10, e = (5, 20) gives 1.25 (harmonic identity)")
    func baselineFile() throws {
        let store = try Self.toyStore()
        let path = try TestSupport.write("""
            scheme,field,year,doc_type,expected_citations,window
            openalex-subfield,1,2020,article,5,total
            openalex-subfield,2,2020,article,20,total
            openalex-subfield,2,2020,article,99,4y
            """, name: "expected.csv")
        let baseline = try Baseline.read(path: path, window: .total)
        #expect(baseline.label == "baseline: expected.csv" && baseline.expected.count == 2)
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total, baseline: baseline)
        close(model.works[try id(store, 4)]?.value, 1.25)       // 10 / harmonic mean of 5 and 20 (= 8)
        close(model.works[try id(store, 2)]?.value, 2)          // 10 / 5
        #expect(model.works[try id(store, 6)]?.value == nil)   // F3 has no entry: undefined
        // The corpus baseline exported and read back gives the corpus values.
        let exported = try TestSupport.write(try store.corpusBaseline(scheme: "openalex-subfield", window: .total).csv, name: "corpus.csv")
        let again = try store.impactModel(scheme: "openalex-subfield", window: .total, baseline: try Baseline.read(path: exported, window: nil))
        close(again.works[try id(store, 4)]?.value, 2.0 / 3)
        #expect(throws: ImportError.self) { try Baseline.read(path: path, window: nil) }   // both windows in the file
    }

    @Test("4-year window: citations of y…y+3 only; before the per-year coverage the window is unknown")
    func fourYearWindow() throws {
        let store = try Self.toyStore(extra: [
            Self.work(50, fields: [5], cites: 200, year: 2018, byYear: [2018: 1, 2019: 2, 2021: 3, 2022: 100]),
            Self.work(51, fields: [5], cites: 9, year: 2018, byYear: [2019: 9]),
            Self.work(52, fields: [5], cites: 9, year: 2010, byYear: [2019: 9]),
        ])
        let model = try store.impactModel(scheme: "openalex-subfield", window: .fourYears)
        #expect(model.works[try id(store, 50)]?.citations == 6)
        #expect(model.works[try id(store, 51)]?.citations == 9)
        #expect(model.works[try id(store, 52)]?.citations == nil)     // 2010 is before the first year with counts (2018)
        close(model.works[try id(store, 50)]?.value, 6.0 / 7.5)
        #expect(DocumentTypeGroup.of("Journal Article; Review") == .article)   // the first listed type (definitions §7)
        #expect(DocumentTypeGroup.of("Proceedings Paper") == .conferencePaper)
        // Crossref and Lens name conference papers their own way.
        #expect(DocumentTypeGroup.of("proceedings-article") == .conferencePaper)
        #expect(DocumentTypeGroup.of("conference proceedings article") == .conferencePaper)
        #expect(DocumentTypeGroup.of("journal-article") == .article)
        #expect(DocumentTypeGroup.of("book-chapter") == .book)
        #expect(DocumentTypeGroup.of("Editorial Material") == .other)
    }

    @Test("corpus-relative values average 1 and PP(top 10%) is 10% over a whole single-field corpus")
    func corpusProperties() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("openalex_api_works_page_50rec_2025.json"))
        let model = try store.impactModel(scheme: "openalex-field", window: .total)
        let summary = model.summary(try store.works(of: .all))
        #expect(summary.defined + summary.undefined + summary.unclassified == 50)
        #expect(summary.sourceCount == 46)
    }
}
