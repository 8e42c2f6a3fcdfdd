import Foundation
import Testing
@testable import SciCollab

/// The mean impact of each collaboration type kept beside a kept impact model (`Schemas/035_collaboration_impact.sql`).
struct KeptCollaborationImpactTests {
    @Test("kept means of the collaboration types, of every work and of a country, equal those computed on each call, to the last bit (bundled exports)")
    func keptEqualComputed() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let model = try kept.impactModel(window: .total)
        let modelID = try #require(model.storedID)
        try kept.database.execute("DELETE FROM collaboration_impact")
        let computed = try Store(path: path, access: .readOnly)
        let every = CollaborationType.allCases
        for counting in CountingMethod.allCases {
            for country in [nil, "US", "CN"] as [String?] {
                let sets = every.map { ImpactSet.collaboration($0, country: country) }
                let expected = try computed.meanImpact(of: sets, model: model, counting: counting)
                #expect(expected.compactMap { $0 }.count >= 2, "\(String(describing: country))")
                #expect(try kept.meanImpact(of: sets, model: model, counting: counting).map { $0?.bitPattern } == expected.map { $0?.bitPattern })
                #expect(try kept.meanImpact(of: sets, model: model, counting: counting).map { $0?.bitPattern } == expected.map { $0?.bitPattern })
                // One type alone, read from the kept rows, is the value computed alone.
                let alone = try computed.meanImpact(of: [sets[0]], model: model, counting: counting)
                #expect(try kept.meanImpact(of: [sets[0]], model: model, counting: counting).map { $0?.bitPattern } == alone.map { $0?.bitPattern })
            }
        }
        #expect(try kept.database.scalar("SELECT count(*) FROM collaboration_impact WHERE model_id = ?", [.integer(modelID)]).int == 24)
        // A marker: the next figure reads them; over a period, in a transaction, or with merged regions they are computed.
        let sets = every.map { ImpactSet.collaboration($0, country: "US") }
        let expected = try computed.meanImpact(of: sets, model: model)
        try kept.database.execute("UPDATE collaboration_impact SET mean = 42 WHERE country = 'US' AND collaboration = 'international' AND counting = 'full'")
        #expect(try kept.meanImpact(of: sets, model: model)[0] == 42)
        #expect(try kept.database.transaction { try kept.meanImpact(of: sets, model: model) } == expected)
        var period = AnalysisScope()
        (period.from, period.to) = (1900, 2100)
        #expect(try kept.meanImpact(of: sets, model: model, scope: period)[0] != 42)
        var merged = AnalysisScope()
        merged.mergeChinaRegions = true
        #expect(try kept.meanImpact(of: sets, model: model, scope: merged)[0] != 42)
        // A mix of sets is computed.
        #expect(try kept.meanImpact(of: [sets[0], .country("US")], model: model)[0] == expected[0])
        // The derived tables rebuilt in place: none is read any more.
        try kept.invalidateKeptTotals()
        #expect(try kept.database.scalar("SELECT count(*) FROM collaboration_impact").int == 0)
        #expect(try kept.meanImpact(of: sets, model: model) == expected)
    }

    @Test("a country's kept breakdown by collaboration type equals the one counted on each call; periods and groups count it (bundled exports)")
    func keptBreakdownEqualsCounted() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        try kept.database.execute("DELETE FROM store_state WHERE name LIKE 'kept_count collaboration %'")
        let computed = try Store(path: path, access: .readOnly)
        func rows(_ breakdown: CollaborationBreakdown) -> [String] {
            breakdown.rows.map { "\($0.type) \($0.works) \($0.citations) \($0.worksWithoutCitationCount)" } + ["\(breakdown.unclassified)"]
        }
        var period = AnalysisScope()
        (period.from, period.to) = (2016, 2020)
        let brics = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        for (country, scope) in [("US", AnalysisScope()), ("CN", AnalysisScope()), ("US", period), ("BRICS", brics)] {
            let expected = rows(try computed.collaboration(country: country, scope: scope))
            #expect(try expected.count == 5 && expected != rows(computed.collaboration(scope: scope)))
            #expect(rows(try kept.collaboration(country: country, scope: scope)) == expected, "\(country)")
            #expect(rows(try kept.collaboration(country: country, scope: scope)) == expected, "\(country)")
        }
        // Only the countries over every year are kept; a marker shows they are read, the rebuilt tables count them again.
        let names = try kept.database.rows("SELECT name FROM store_state WHERE name LIKE 'kept_count collaboration % generation' ORDER BY name")
        #expect(names.compactMap { $0[0].string } == ["kept_count collaboration CN generation", "kept_count collaboration US generation"])
        let us = rows(try computed.collaboration(country: "US"))
        try kept.database.execute("UPDATE store_state SET value = 321 WHERE name = 'kept_count collaboration US national works'")
        #expect(try kept.collaboration(country: "US").rows.first { $0.type == .national }?.works == 321)
        try kept.invalidateKeptTotals()
        #expect(rows(try kept.collaboration(country: "US")) == us)
    }
}
