import Foundation
import Testing
@testable import SciCollab

/// The outputs per country and field kept per data generation (`Schemas/022_field_totals.sql`): the breakdown of a
/// pair read from them equals the one of the derived tables to the last bit, and they follow the data.
struct FieldTotalsTests {
    /// Every value of a breakdown as text (doubles as their bits, so that a last-bit difference shows).
    private func text(_ breakdown: FieldBreakdown) -> [String] {
        ["\(breakdown.scheme) \(breakdown.classified) \(breakdown.unclassified) \(String(describing: breakdown.classifiedA)) \(String(describing: breakdown.classifiedB))"]
            + breakdown.rows.map { row in
                "\(row.field) \(row.name ?? "-") \(row.works) \(row.citations) \(row.worksWithoutCitationCount) \(row.ids) "
                    + "\(String(describing: row.outputA)) \(String(describing: row.outputB)) \(row.outputFractionalA.bitPattern) "
                    + "\(row.outputFractionalB.bitPattern) \(row.jointWeightA.bitPattern) \(row.jointWeightB.bitPattern)"
            }
    }

    @Test("the breakdown of every pair from the kept totals equals the one of the derived tables, in every scheme (bundled exports)")
    func keptEqualsDerived() throws {
        let path = try TestSupport.bundledStore().database.path
        // A read-only store cannot keep them: it reads the derived tables.
        let derived = try Store(path: path, access: .readOnly)
        let kept = try Store(path: path)
        #expect(try !derived.keptFieldTotals(scheme: "asjc-area", areas: nil, for: AnalysisScope()))
        let pairs = try kept.pairs(counting: .full, scope: AnalysisScope()).prefix(25).map { ($0.a, $0.b) }
        #expect(pairs.count == 25)
        var compared = 0
        for scheme in FieldSchemes.known {
            for (a, b) in pairs {
                let before = text(try derived.fieldBreakdown(scheme: scheme, set: .pair(a, b)))
                let after = text(try kept.fieldBreakdown(scheme: scheme, set: .pair(a, b)))
                #expect(before == after, "\(scheme) \(a) \(b)")
                compared += before.count - 1
            }
            #expect(try kept.keptFieldTotals(scheme: scheme, areas: scheme == FieldSchemes.automatic ? try kept.automaticAreasTable() : nil,
                                             for: AnalysisScope()))
        }
        #expect(compared > 200)
        // Over a period the sums of every year do not apply.
        #expect(try !kept.keptFieldTotals(scheme: "asjc-area", areas: nil, for: AnalysisScope(from: 2018, to: 2020)))
    }

    @Test("the breakdown of a pair with a group from the totals kept per group definition equals the one of the rows (bundled exports)")
    func keptGroupTotalsEqualRows() throws {
        let path = try TestSupport.bundledStore().database.path
        let kept = try Store(path: path)
        let readOnly = try Store(path: path, access: .readOnly)
        let catalog = CountryGroupCatalog.standard
        var scopes: [AnalysisScope] = []
        for membership in [GroupMembership.listed, .dated] {
            var scope = try AnalysisScope().with([.group(catalog.group(named: "BRICS")!), .group(catalog.group(named: "G7")!)])
            scope.membership = membership
            scopes.append(scope)
            // The group rows are kept first; a read-only store reads them but cannot keep the field totals.
            _ = try kept.countryRow("BRICS", scope: scope)
        }
        let cases = scopes.flatMap { scope in
            ["asjc-area", FieldSchemes.automatic].flatMap { scheme in
                [("BRICS", "G7"), ("G7", "BRICS"), ("BRICS", "ES"), ("AU", "G7")].map { (scope: scope, scheme: scheme, set: ImpactSet.pair($0.0, $0.1)) }
            }
        }
        // Every breakdown from the rows before any from the kept totals (once kept, a read-only store reads them too).
        let fromRows = try cases.map { text(try readOnly.fieldBreakdown(scheme: $0.scheme, set: $0.set, scope: $0.scope)) }
        #expect(try kept.database.scalar("SELECT count(*) FROM group_field_classified").int == 0)
        var compared = 0
        for (entry, rows) in zip(cases, fromRows) {
            #expect(rows == text(try kept.fieldBreakdown(scheme: entry.scheme, set: entry.set, scope: entry.scope)), "\(entry.scope.membership) \(entry.scheme) \(entry.set)")
            compared += rows.count - 1
        }
        #expect(compared > 20)
        #expect(try kept.database.scalar("SELECT count(DISTINCT group_id) FROM group_field_classified").int == 2)
        #expect(try readOnly.database.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name = 'field_total_rows'").int == 0)
        // A marker: a later breakdown reads the kept totals.
        let scope = try AnalysisScope().with([.group(catalog.group(named: "BRICS")!), .group(catalog.group(named: "G7")!)])
        try kept.database.execute("UPDATE group_field_totals SET works = works + 1000 WHERE country = 'G7' AND scheme = 'asjc-area'")
        let marked = try kept.fieldBreakdown(scheme: "asjc-area", set: .pair("BRICS", "G7"), scope: scope)
        #expect(marked.rows.allSatisfy { ($0.outputB ?? 0) > 1000 })
    }

    @Test("each kept row is the count and Σ f_X(p) of the country's works in the field (bundled exports)")
    func keptRowsRecomputed() throws {
        let store = try TestSupport.bundledStore()
        #expect(try store.keptFieldTotals(scheme: "asjc-area", areas: nil, for: AnalysisScope()))
        let kept = try store.database.rows("""
            SELECT country, code, works, weight FROM country_field_totals WHERE scheme = 'asjc-area' ORDER BY country, code
            """)
        let recomputed = try store.database.rows("""
            SELECT wc.country, fl.code, count(*), sum(wc.weight) FROM work_countries wc JOIN work_fields wf ON wf.work_id = wc.work_id
            JOIN fields fl ON fl.id = wf.field_id AND fl.scheme = 'asjc-area' GROUP BY wc.country, fl.code ORDER BY wc.country, fl.code
            """)
        #expect(kept.count == recomputed.count && kept.count > 50)
        for (k, r) in zip(kept, recomputed) {
            #expect(k[0] == r[0] && k[1] == r[1] && k[2] == r[2])
            #expect(abs((k[3].double ?? 0) - (r[3].double ?? 0)) < 1e-9)
        }
        let classified = try store.database.rows("SELECT country, works FROM country_field_classified WHERE scheme = 'asjc-area' ORDER BY country")
        let counted = try store.database.rows("""
            SELECT wc.country, count(DISTINCT wc.work_id) FROM work_countries wc JOIN work_fields wf ON wf.work_id = wc.work_id
            JOIN fields fl ON fl.id = wf.field_id AND fl.scheme = 'asjc-area' GROUP BY wc.country ORDER BY wc.country
            """)
        #expect(classified == counted)
    }

    @Test("the kept totals follow the data: a new work of a pair makes them stale, and the breakdown counts it")
    func recomputedAfterImport() throws {
        let store = try FieldsTests.toyStoreWithFields()
        let list = try TestSupport.write("Source Title,ASJC\nJournal A,2700;\nJournal B,3100; 2700;\n", name: "sources.csv")
        let before = try store.fieldBreakdown(scheme: "asjc-area", set: .pair("RU", "CN"))
        #expect(before.rows.map { "\($0.field) \($0.works) \($0.outputA!) \($0.outputB!)" } == ["27 3 3 4"])
        #expect((before.classifiedA, before.classifiedB) == (3, 4))
        #expect(try store.database.scalar("SELECT works FROM country_field_totals WHERE scheme = 'asjc-area' AND country = 'CN' AND code = '31'").int == 1)
        // A new joint work in Journal B (physics and medicine).
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([[
            "Authors": "New A.; New B.", "Author(s) ID": "901; 902", "Year": "2021", "Source title": "Journal B", "EID": "2-s2.0-901",
            "Affiliations": "Univ, Moscow, Russian Federation; Univ, Beijing, China",
            "Authors with affiliations": "New A., Univ, Moscow, Russian Federation; New B., Univ, Beijing, China",
        ]]), name: "more.csv"))
        _ = try store.importSourceList(list)
        let generation = try Store.dataGeneration(store.database)
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'field_totals_generation asjc-area'").int != generation)
        let after = try store.fieldBreakdown(scheme: "asjc-area", set: .pair("RU", "CN"))
        #expect(after.rows.map { "\($0.field) \($0.works) \($0.outputA!) \($0.outputB!)" } == ["27 4 4 5", "31 1 1 2"])
        #expect((after.classifiedA, after.classifiedB) == (4, 5))
        #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'field_totals_generation asjc-area'").int == generation)
    }

    @Test("the mean impact per field read with the breakdown from a kept model, by hand on the toy corpus of ImpactTests")
    func impactMeansByHand() throws {
        let store = try ImpactTests.toyStore()
        let model = try store.impactModel(scheme: "openalex-subfield", window: .total, readWorks: false)
        let means = try #require(try store.fieldBreakdown(scheme: "openalex-subfield", impactModel: model).impactMeans)
        // F1: W1–W4 (0, 1, 2, 2/3); F2: W4, W5 (2/3, 4/3); F3: W6 and W7 without a defined value.
        #expect(means.count == 2)
        #expect(abs((means["1"] ?? 0) - (3 + 2.0 / 3) / 4) < 1e-12)
        #expect(abs((means["2"] ?? 0) - 1) < 1e-12)
        // A model that is not kept gives none: its works are summarised instead.
        var inMemory = model
        inMemory.storedID = nil
        #expect(try store.fieldBreakdown(scheme: "openalex-subfield", impactModel: inMemory).impactMeans == nil)
    }

    @Test("the mean impact per field read with the breakdown equals the model's summary of the field's works, to the last bit (bundled exports)")
    func impactMeansEqualSummaries() throws {
        let store = try TestSupport.bundledStore()
        let pairs = try store.pairs(counting: .full, scope: AnalysisScope()).prefix(8).map { ImpactSet.pair($0.a, $0.b) }
        var compared = 0
        for scheme in ["asjc-area", FieldSchemes.automatic] {
            for set in [ImpactSet.all, .country("US")] + pairs {
                let kept = try store.impactModel(scheme: scheme, window: .total, readWorks: false)
                let read = try store.impactModel(scheme: scheme, window: .total, works: try store.works(of: set).map(\.id))
                let breakdown = try store.fieldBreakdown(scheme: scheme, set: set, impactModel: kept)
                let means = try #require(breakdown.impactMeans)
                // The works per field come from a breakdown without the model: with it, they are not read.
                #expect(breakdown.rows.allSatisfy { $0.ids.isEmpty })
                let ids = Dictionary(uniqueKeysWithValues: try store.fieldBreakdown(scheme: scheme, set: set).rows.map { ($0.field, $0.ids) })
                for row in breakdown.rows {
                    let expected = read.summary((ids[row.field] ?? []).map { ($0, 1) }).mean
                    #expect(means[row.field]?.bitPattern == expected?.bitPattern, "\(scheme) \(set) \(row.field)")
                    if expected != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 30)
    }

    @Test("a kept model holding some works has their values, and those alone (bundled exports)")
    func modelHoldingSomeWorks() throws {
        let store = try TestSupport.bundledStore()
        let all = try store.impactModel(window: .total)
        let kept = try store.impactModel(window: .total, readWorks: false)
        #expect(kept.works.isEmpty && all.works.count > 500)
        let ids = all.works.keys.sorted().enumerated().filter { $0.offset % 3 == 0 }.map(\.element) + [-5]
        let holding = try store.impactModel(kept, holding: ids + ids.prefix(4))
        #expect(Set(holding.works.keys) == Set(ids.dropLast()))
        for id in ids.dropLast() {
            let (got, expected) = (try #require(holding.works[id]), try #require(all.works[id]))
            #expect(got.value?.bitPattern == expected.value?.bitPattern && got.citations == expected.citations && got.top10 == expected.top10
                    && got.provisional == expected.provisional && got.fields.map(\.field) == expected.fields.map(\.field))
        }
        #expect(holding.summary(ids.map { ($0, 1) }).mean?.bitPattern == all.summary(ids.map { ($0, 1) }).mean?.bitPattern)
    }
}
