import Foundation
import Testing
@testable import SciCollab

struct JointComparisonTests {
    @Test("A∩B, A∖B, B∖A, A, B of the toy corpus, worked out by hand; A = A∩B + A∖B")
    func countries() throws {
        let comparison = try ToyCorpus.store().jointComparison("RU", "US")
        // RU: W1, W2, W5; US: W1, W4, W5.
        #expect(comparison.rows.map(\.works) == [2, 1, 1, 3, 3])
        #expect(comparison.row(.joint).citationsPerPublication == 5)      // (10 + 0) / 2
        #expect(comparison.row(.aOnly).citationsPerPublication == 4)      // W2
        #expect(comparison.row(.bOnly).citationsPerPublication == 6)      // W4
        #expect(comparison.row(.a).citationsPerPublication == 14.0 / 3)
        #expect(comparison.rows.map(\.internationalWorks) == [2, 1, 1, 3, 3])
        #expect(comparison.row(.joint).label == "RU ∩ US")
        for (side, alone) in [(JointComparison.Part.a, JointComparison.Part.aOnly), (.b, .bOnly)] {
            #expect(comparison.row(side).works == comparison.row(.joint).works + comparison.row(alone).works)
            #expect(comparison.row(side).citations == comparison.row(.joint).citations + comparison.row(alone).citations)
            #expect(Set(comparison.row(side).ids) == Set(comparison.row(.joint).ids + comparison.row(alone).ids))
        }
    }

    @Test("a group against a country: BRICS ∖ US holds W2 and W3")
    func group() throws {
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let comparison = try ToyCorpus.store().jointComparison("BRICS", "US", scope: scope)
        #expect(comparison.rows.map(\.works) == [2, 2, 1, 4, 3])
        #expect(comparison.row(.aOnly).citationsPerPublication == 3)      // (4 + 2) / 2
        #expect(comparison.row(.aOnly).internationalWorks == 1)           // W2 (RU–BR); W3 is CN alone
    }

    @Test("per field, the parts add up on a real fixture")
    func fields() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        let pairs = try store.pairs(top: 1)
        let top = try #require(pairs.first)
        let rows = try store.fieldComparison(scheme: "wos-category", top.a, top.b)
        #expect(rows.map { $0.works(.joint) }.reduce(0, +) >= 1)
        for row in rows {
            #expect(row.works(.a) == row.works(.joint) + row.works(.aOnly))
            #expect(row.works(.b) == row.works(.joint) + row.works(.bOnly))
        }
        let breakdown = try store.fieldBreakdown(scheme: "wos-category", set: .pair(top.a, top.b))
        for field in breakdown.rows {
            #expect(rows.first { $0.field == field.field }?.works(.joint) == field.works)
        }
    }
}
