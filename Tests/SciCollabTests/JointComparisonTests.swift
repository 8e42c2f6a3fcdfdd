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
        // Every set's citations, works without a count and international works, counted again in SQL from the
        // stored tables: per field, the works of A alone are those with a row of A and none of B.
        let sql = """
            WITH sides AS (SELECT work_id, max(country = ?1) AS in_a, max(country = ?2) AS in_b FROM work_countries
                           WHERE country IN (?1, ?2) GROUP BY work_id)
            SELECT fd.code, s.in_a, s.in_b, count(*), coalesce(sum(w.citations), 0), sum(w.citations IS NULL), sum(f.countries >= 2)
            FROM sides s JOIN work_fields wf ON wf.work_id = s.work_id JOIN fields fd ON fd.id = wf.field_id AND fd.scheme = 'wos-category'
            JOIN works w ON w.id = s.work_id JOIN work_facts f ON f.work_id = s.work_id
            GROUP BY fd.code, s.in_a, s.in_b
            """
        var checked = 0
        for cells in try store.database.rows(sql, [.text(top.a), .text(top.b)]) {
            let part: JointComparison.Part = cells[1].int == 1 && cells[2].int == 1 ? .joint : (cells[1].int == 1 ? .aOnly : .bOnly)
            let row = try #require(rows.first { $0.field == cells[0].string }?.rows.first { $0.part == part })
            #expect(row.works == cells[3].int)
            #expect(row.citations == cells[4].int && row.worksWithoutCitationCount == cells[5].int)
            #expect(row.internationalWorks == cells[6].int)
            checked += 1
        }
        #expect(checked >= rows.count)
    }

    @Test("fields --compare by hand on the toy corpus: one field, every figure of every set")
    func fieldsByHand() throws {
        let store = try ToyCorpus.store()
        // Every toy work in one field, so the field's sets are the sets of pair --compare: RU ∩ US = W1, W5.
        try store.database.execute("INSERT INTO fields (id, scheme, code, name) VALUES (900, 'wos-category', 'Toy', 'Toy field')")
        try store.database.execute("INSERT INTO work_fields (work_id, field_id) SELECT id, 900 FROM works")
        let rows = try store.fieldComparison(scheme: "wos-category", "RU", "US")
        let field = try #require(rows.first)
        #expect(rows.count == 1 && field.field == "Toy")
        #expect(field.rows.map(\.works) == [2, 1, 1, 3, 3])                 // ∩ W1 W5; RU∖US W2; US∖RU W4; RU; US
        #expect(field.rows.map(\.citations) == [10, 4, 6, 14, 16])
        #expect(field.rows.map(\.internationalWorks) == [2, 1, 1, 3, 3])    // W5 is RU–US: international
        #expect(field.rows[0].citationsPerPublication == 5)                  // (10 + 0) / 2
        let whole = try store.jointComparison("RU", "US")
        #expect(whole.rows.map(\.works) == field.rows.map(\.works))
    }
}
