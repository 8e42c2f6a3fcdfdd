import Foundation
import Testing
@testable import SciCollab

/// The breakdowns per field kept beside a kept impact model (`Schemas/034_kept_field_breakdowns.sql`).
struct KeptFieldBreakdownTests {
    /// Every value of a breakdown, reals by their bits, rows in the breakdown's order.
    private func bits(_ breakdown: FieldBreakdown) -> [String] {
        ["\(breakdown.scheme) \(breakdown.classified) \(breakdown.unclassified) \(String(describing: breakdown.classifiedA))"]
            + breakdown.rows.map { row in
                "\(row.field) \(row.name ?? "-") \(row.works) \(row.citations) \(row.worksWithoutCitationCount) \(row.ids.count) "
                    + "\(breakdown.impactMeans?[row.field]?.bitPattern.description ?? "none")"
            }
    }

    @Test("kept breakdowns of every work, a country and a group equal those computed on each call, to the last bit (bundled exports)")
    func keptEqualComputed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let model = try kept.impactModel(window: .total)
        let modelID = try #require(model.storedID)
        let g7 = try #require(CountryGroupCatalog.standard.group(named: "G7"))
        let groups = try AnalysisScope().with([.group(ToyCorpus.brics), .group(g7)])
        let cases: [(ImpactSet, AnalysisScope)] = [(.all, AnalysisScope()), (.country("US"), AnalysisScope()), (.country("CN"), AnalysisScope()),
                                                   (.country("BRICS"), groups), (.country("G7"), groups)]
        try kept.database.execute("DELETE FROM field_breakdowns")
        // A read-only store cannot keep them: it computes them.
        let computed = try Store(path: path, access: .readOnly)
        for scheme in [FieldSchemes.automatic, "wos-category"] {
            for (set, scope) in cases {
                let expected = try computed.fieldBreakdown(scheme: scheme, set: set, scope: scope, impactModel: model)
                #expect(expected.rows.count > 1, "\(scheme) \(set)")
                #expect(expected.impactMeans?.isEmpty == false, "\(scheme) \(set)")
                #expect(bits(try kept.fieldBreakdown(scheme: scheme, set: set, scope: scope, impactModel: model)) == bits(expected), "\(scheme) \(set)")
                #expect(bits(try kept.fieldBreakdown(scheme: scheme, set: set, scope: scope, impactModel: model)) == bits(expected), "\(scheme) \(set)")
            }
        }
        #expect(try kept.database.rows("SELECT group_id, work_set FROM field_breakdowns WHERE model_id = ? AND scheme = 'auto' ORDER BY 2",
                                       [.integer(modelID)]).map { "\($0[0].int == 0 ? "rows" : "group") \($0[1].string ?? "")" }
                == ["rows all", "group country BRICS", "rows country CN", "group country G7", "rows country US"])
        #expect(try kept.database.scalar("SELECT count(*) FROM field_breakdown_rows WHERE work_set = 'country US' AND scheme = 'auto'").int
                == (try computed.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"), impactModel: model).rows.count))

        // Markers: the next breakdown reads them; over a period, in a transaction, without a kept model, or for a pair,
        // it is computed.
        let us = try computed.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"), impactModel: model)
        let top = try #require(us.rows.first)
        try kept.database.prepare("UPDATE field_breakdown_rows SET works = 5000, impact = 9.5 WHERE work_set = 'country US' AND scheme = 'auto' AND code = ?")
            .run([.text(top.field)])
        try kept.database.execute("UPDATE field_breakdowns SET classified = 7 WHERE work_set = 'country US' AND scheme = 'auto'")
        let marked = try kept.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"), impactModel: model)
        #expect(marked.rows.first?.works == 5000 && marked.impactMeans?[top.field] == 9.5 && marked.classified == 7)
        #expect(marked.unclassified == us.classified + us.unclassified - 7)
        #expect(bits(try kept.database.transaction { try kept.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"), impactModel: model) })
                == bits(us))
        var period = AnalysisScope()
        (period.from, period.to) = (1900, 2100)
        #expect(bits(try kept.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"), scope: period, impactModel: model)) == bits(us))
        let withoutModel = try kept.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"))
        #expect(withoutModel.rows.first?.works == top.works && withoutModel.rows.first?.ids.count == top.works && withoutModel.impactMeans == nil)
        #expect(try kept.database.scalar("SELECT count(*) FROM field_breakdowns WHERE work_set LIKE 'pair%'").int == 0)
        _ = try kept.fieldBreakdown(scheme: FieldSchemes.automatic, set: .pair("US", "CN"), impactModel: model)
        #expect(try kept.database.scalar("SELECT count(*) FROM field_breakdowns WHERE work_set LIKE 'pair%'").int == 0)

        // The derived tables rebuilt in place: none is read any more.
        #expect(try kept.database.scalar("SELECT count(*) FROM field_breakdowns").int == 10)
        try kept.invalidateKeptTotals()
        #expect(try kept.database.scalar("SELECT count(*) FROM field_breakdowns").int == 0)
        #expect(try kept.database.scalar("SELECT count(*) FROM field_breakdown_rows").int == 0)
        #expect(bits(try kept.fieldBreakdown(scheme: FieldSchemes.automatic, set: .country("US"), impactModel: model)) == bits(us))
    }
}
