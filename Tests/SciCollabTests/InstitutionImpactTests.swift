import Foundation
import Testing
@testable import SciCollab

/// The mean impact per institution kept beside a kept impact model (`Schemas/023_pair_coauthors_institution_impact.sql`),
/// on the toy corpus of `ImpactTests` (scheme `openalex-subfield`, window `total`) with two works of 2021 added.
struct InstitutionImpactTests {
    /// An OpenAlex work of field F1 and `year` at institution `institution`, as `ImpactTests.work` writes one.
    private func work(_ n: Int, year: Int, cites: Int, institution: String) -> String {
        #"{"id":"https://openalex.org/W\#(n)","publication_year":\#(year),"type":"article","cited_by_count":\#(cites),"counts_by_year":[],"#
            + #""topics":[{"id":"https://openalex.org/T1","subfield":{"id":"https://openalex.org/subfields/1","display_name":"F1"}}],"fwci":null,"#
            + #""authorships":[{"author":{"id":"https://openalex.org/A\#(n)"},"institutions":[{"id":"https://openalex.org/\#(institution)","country_code":"RU"}],"countries":[]}]}"#
    }

    private var institutions: AnalysisScope {
        var scope = AnalysisScope()
        scope.level = .institution
        return scope
    }

    /// The means by institution id (I1, I2).
    private func means(_ store: Store, _ model: ImpactModel, scope: AnalysisScope? = nil) throws -> [String: Double] {
        var named: [String: Double] = [:]
        for (key, mean) in try store.meanImpactByCountry(model: model, scope: scope ?? institutions) {
            named[String(key.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? "")] = mean
        }
        return named
    }

    private func close(_ value: Double?, _ expected: Double) {
        guard let value else { Issue.record("nil, expected \(expected)"); return }
        #expect(abs(value - expected) < 1e-12, "\(value) vs \(expected)")
    }

    @Test("each institution's mean impact, worked out by hand, kept beside the model and recomputed after an import")
    func byHand() throws {
        // W1–W8 at I1 (defined values 0, 1, 2, 2/3, 4/3); cohort F1 2021: W9 (10 citations, I2) and W10 (2, I1), e = 6.
        let store = try ImpactTests.toyStore(extra: [work(9, year: 2021, cites: 10, institution: "I2"), work(10, year: 2021, cites: 2, institution: "I1")])
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total)
        let modelID = try #require(model.storedID)
        let first = try means(store, model)
        #expect(first.count == 2)
        close(first["I1"], (0 + 1 + 2 + 2.0 / 3 + 4.0 / 3 + 2.0 / 6) / 6)      // 8/9
        close(first["I2"], 10.0 / 6)
        let kept = try store.database.rows("SELECT institution, mean FROM institution_impact WHERE model_id = ? ORDER BY institution", [.integer(modelID)])
        #expect(kept.count == 2)
        #expect(try store.database.scalar("SELECT data_generation FROM institution_impact_models WHERE model_id = ?", [.integer(modelID)]).int
                == Store.dataGeneration(store.database))
        // Read again from the kept rows: the same values to the last bit; over a period they are computed, not kept.
        #expect(try means(store, model) == first)
        var period = institutions
        (period.from, period.to) = (2021, 2021)
        #expect(try store.keptEntityImpact(store.derivedSources(period), modelID: modelID, scope: period) == nil)
        let only2021 = try means(store, model, scope: period)
        close(only2021["I1"], 2.0 / 6)
        close(only2021["I2"], 10.0 / 6)
        // W11 (F1, 2021, no citation, I2): the data change, the model is computed again, the old model's means go.
        _ = try store.importFile(try TestSupport.write(work(11, year: 2021, cites: 0, institution: "I2") + "\n", name: "more.jsonl"))
        let newModel = try store.impactModel(scheme: "openalex-subfield", window: .total)
        let after = try means(store, newModel)
        close(after["I1"], (5 + 2.0 / 4) / 6)           // e = (10 + 2 + 0) / 3 = 4: W10 0.5
        close(after["I2"], (10.0 / 4 + 0) / 2)           // W9 2.5, W11 0
        let models = try store.database.rows("SELECT model_id, data_generation FROM institution_impact_models")
        #expect(models == [[.integer(try #require(newModel.storedID)), .integer(Int64(try Store.dataGeneration(store.database)))]])
        #expect(try store.database.scalar("SELECT count(*) FROM institution_impact WHERE model_id <> ?", [.integer(try #require(newModel.storedID))]).int == 0)
    }

    @Test("the kept means of every country equal those computed on each call, to the last bit; groups and periods compute them (bundled exports)")
    func keptCountryMeansEqualComputed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let model = try kept.impactModel(window: .total)
        let modelID = try #require(model.storedID)
        // A read-only store cannot keep them: it computes them.
        let before = try Store(path: path, access: .readOnly).meanImpactByCountry(model: model)
        let after = try kept.meanImpactByCountry(model: model)
        #expect(before.count > 30)
        #expect(before.mapValues(\.bitPattern) == after.mapValues(\.bitPattern))
        #expect(try kept.database.scalar("SELECT count(*) FROM country_impact WHERE model_id = ?", [.integer(modelID)]).int == before.count)
        // A marker: the next call reads them.
        try kept.database.execute("UPDATE country_impact SET mean = 99 WHERE country = 'US'")
        #expect(try kept.meanImpactByCountry(model: model)["US"] == 99)
        // Over a period, merged regions or groups they are computed.
        let brics = try AnalysisScope().with([.group(ToyCorpus.brics)])
        var merged = AnalysisScope()
        merged.mergeChinaRegions = true
        for scope in [AnalysisScope(from: 2015, to: 2020), merged, brics] {
            #expect(try kept.keptEntityImpact(kept.derivedSources(scope), modelID: modelID, scope: scope) == nil)
        }
        #expect(try kept.meanImpactByCountry(model: model, scope: brics)["US"] == before["US"])
    }

    @Test("the kept means of group sets equal those computed on each call, to the last bit; periods and transactions compute them (bundled exports)")
    func keptGroupMeansEqualComputed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let model = try kept.impactModel(window: .total)
        let modelID = try #require(model.storedID)
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let sets: [ImpactSet] = [.country("BRICS"), .pair("BRICS", "US"), .pair("US", "BRICS"), .country("US")]
        try kept.database.execute("DELETE FROM group_impact")
        // A read-only store cannot keep them: it computes them; so does a transaction.
        let computed = try Store(path: path, access: .readOnly)
        for counting in CountingMethod.allCases {
            let before = try computed.meanImpact(of: sets, model: model, counting: counting, scope: scope)
            let inTransaction = try kept.database.transaction { try kept.meanImpact(of: sets, model: model, counting: counting, scope: scope) }
            #expect(inTransaction.map { $0?.bitPattern } == before.map { $0?.bitPattern })
            let first = try kept.meanImpact(of: sets, model: model, counting: counting, scope: scope)
            let second = try kept.meanImpact(of: sets, model: model, counting: counting, scope: scope)
            #expect(before.compactMap { $0 }.count == 4)
            #expect(first.map { $0?.bitPattern } == before.map { $0?.bitPattern })
            #expect(second.map { $0?.bitPattern } == before.map { $0?.bitPattern })
        }
        // One row per set (the pair in either order is one) and counting, under the model.
        let rows = try kept.database.rows("SELECT work_set, counting FROM group_impact WHERE model_id = ? ORDER BY 1, 2", [.integer(modelID)])
        #expect(rows.map { "\($0[0].string ?? "") \($0[1].string ?? "")" }
                == ["country BRICS fractional", "country BRICS full", "country US fractional", "country US full",
                    "pair BRICS US fractional", "pair BRICS US full"])
        // A marker: the next figure reads them; over a period it computes them.
        try kept.database.execute("UPDATE group_impact SET mean = 99 WHERE work_set = 'pair BRICS US' AND counting = 'full'")
        #expect(try kept.meanImpact(of: [.pair("US", "BRICS")], model: model, scope: scope) == [99])
        var period = scope
        (period.from, period.to) = (2015, 2024)
        let periodMean = try kept.meanImpact(of: [.pair("BRICS", "US")], model: model, scope: period)
        #expect(periodMean == (try computed.meanImpact(of: [.pair("BRICS", "US")], model: model, scope: period)))
        #expect(periodMean != [99])
        #expect(try kept.database.scalar("SELECT count(*) FROM group_impact").int == 6)
        // Without groups nothing is kept here (the country means have their own table).
        #expect(try kept.keptGroupMeanImpact(of: .country("US"), modelID: modelID, counting: .full, scope: AnalysisScope()) { nil } == nil)
        // The data change: the definition's rows go, and with them its means.
        try kept.invalidateKeptTotals()
        #expect(try kept.database.scalar("SELECT count(*) FROM group_impact").int == 0)
        #expect(try kept.meanImpact(of: [.pair("US", "BRICS")], model: model, scope: scope) != [99])
    }

    @Test("the kept country rows of groups equal those summed on each call, to the last bit; a period sums them (bundled exports)")
    func keptGroupCountryRowsEqualSummed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let g7 = try #require(CountryGroupCatalog.standard.group(named: "G7"))
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .group(g7)])
        try kept.database.execute("DELETE FROM group_country_rows")
        func rows(_ store: Store, _ scope: AnalysisScope) throws -> [String] {
            try store.countryTable(scope: scope).map {
                "\($0.country) \($0.works) \($0.worksFractional.bitPattern) \($0.citations) \($0.worksWithoutCitationCount) \($0.internationalWorks) \($0.authors)"
            }
        }
        let computed = try Store(path: path, access: .readOnly)
        let expected = try rows(computed, scope)
        #expect(expected.count > 30)
        #expect(expected.contains { $0.hasPrefix("BRICS ") } && expected.contains { $0.hasPrefix("G7 ") })
        #expect(try rows(kept, scope) == expected)
        #expect(try kept.database.scalar("SELECT group_concat(country, ' ') FROM (SELECT country FROM group_country_rows ORDER BY country)").string == "BRICS G7")
        #expect(try rows(kept, scope) == expected)
        let bricsWorks = try computed.countryRow("BRICS", scope: scope).works
        #expect(try kept.countryRow("BRICS", scope: scope).works == bricsWorks)
        // A marker: the next table reads them; over a period they are summed.
        try kept.database.execute("UPDATE group_country_rows SET works = 777 WHERE country = 'BRICS'")
        #expect(try kept.countryRow("BRICS", scope: scope).works == 777)
        var period = scope
        (period.from, period.to) = (1900, 2100)
        #expect(try kept.countryRow("BRICS", scope: period).works == bricsWorks)
    }

    @Test("kept impact summaries of countries, pairs and groups equal those computed on each call, to the last bit (bundled exports)")
    func keptSummariesEqualComputed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let model = try kept.impactModel(window: .total)
        let modelID = try #require(model.storedID)
        let brics = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let cases: [(ImpactSet, AnalysisScope)] = [(.country("US"), AnalysisScope()), (.pair("US", "CN"), AnalysisScope()),
                                                   (.country("BRICS"), brics), (.pair("US", "BRICS"), brics)]
        try kept.database.execute("DELETE FROM impact_summaries")
        let computed = try Store(path: path, access: .readOnly)
        func bits(_ s: ImpactSummary?) -> [UInt64?] {
            guard let s else { return [] }
            return [s.works, s.defined, s.undefined, s.unclassified, s.provisional, s.sourceCount].map { UInt64($0) }
                + [s.sourceMean, s.top10, s.mean, s.median].map { $0?.bitPattern }
        }
        for counting in CountingMethod.allCases {
            for (set, scope) in cases {
                let expected = try computed.impactSummary(of: set, model: model, counting: counting, scope: scope)
                #expect((expected?.defined ?? 0) > 0)
                #expect(expected?.median != nil)
                // Without the median first: kept without it, then completed by the call that shows it.
                let brief = try kept.impactSummary(of: set, model: model, counting: counting, scope: scope, median: false)
                #expect(brief?.median == nil)
                var withoutMedian = expected
                withoutMedian?.median = nil
                #expect(bits(brief) == bits(withoutMedian))
                #expect(bits(try kept.impactSummary(of: set, model: model, counting: counting, scope: scope)) == bits(expected))
                #expect(bits(try kept.impactSummary(of: set, model: model, counting: counting, scope: scope)) == bits(expected))
                #expect(bits(try kept.impactSummary(of: set, model: model, counting: counting, scope: scope, median: false)) == bits(withoutMedian))
            }
        }
        let rows = try kept.database.rows("SELECT group_id, work_set, has_median FROM impact_summaries WHERE model_id = ? AND counting = 'full' ORDER BY 2",
                                          [.integer(modelID)])
        #expect(rows.map { "\($0[0].int == 0 ? "rows" : "group") \($0[1].string ?? "") \($0[2].int ?? -1)" }
                == ["group country BRICS 1", "rows country US 1", "group pair BRICS US 1", "rows pair CN US 1"])
        // A marker: the next figure reads them; over a period, or in a transaction, they are computed.
        let expected = try #require(try computed.impactSummary(of: .pair("CN", "US"), model: model)?.works)
        try kept.database.execute("UPDATE impact_summaries SET works = 12345 WHERE work_set = 'pair CN US'")
        #expect(try kept.impactSummary(of: .pair("CN", "US"), model: model)?.works == 12345)
        #expect(try kept.database.transaction { try kept.impactSummary(of: .pair("CN", "US"), model: model)?.works } == expected)
        var period = AnalysisScope()
        (period.from, period.to) = (1900, 2100)
        #expect(try kept.impactSummary(of: .pair("CN", "US"), model: model, scope: period)?.works == expected)
        #expect(try kept.database.scalar("SELECT count(*) FROM impact_summaries").int == 8)
        // The derived tables rebuilt in place: none is read any more.
        try kept.invalidateKeptTotals()
        #expect(try kept.database.scalar("SELECT count(*) FROM impact_summaries").int == 0)
        #expect(try kept.impactSummary(of: .pair("CN", "US"), model: model)?.works == expected)
    }

    @Test("the kept means of every institution equal those computed on each call, to the last bit (bundled exports)")
    func keptEqualsComputed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let model = try kept.impactModel(window: .total)
        try kept.prepareInstitutionTables()
        // A read-only store cannot keep them: it computes them.
        let computed = try Store(path: path, access: .readOnly)
        let before = try computed.meanImpactByCountry(model: model, scope: institutions)
        let after = try kept.meanImpactByCountry(model: model, scope: institutions)
        #expect(try kept.keptEntityImpact(kept.derivedSources(institutions), modelID: try #require(model.storedID), scope: institutions) != nil)
        #expect(before.count > 50)
        #expect(before.mapValues(\.bitPattern) == after.mapValues(\.bitPattern))
    }
}
