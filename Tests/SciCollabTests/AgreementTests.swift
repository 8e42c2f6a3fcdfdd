import Foundation
import Testing
@testable import SciCollab

/// One hand-computed value per figure, and every command that prints it agreeing on it: `pair`, `pairs`,
/// `fields --pair`, `impact`, `audit` and `explain` (definitions §5–§8), on the toy corpus of `FiguresTests`
/// (its weights are worked out there).
struct AgreementTests {
    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let value else { Issue.record("nil, expected \(expected) \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation); return }
        #expect(abs(value - expected) < 1e-9, comment, sourceLocation: sourceLocation)
    }

    func sourceIDs(_ store: Store, _ entries: [ExplainedShare.Entry]) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for entry in entries {
            result[try store.database.scalar("SELECT source_id FROM works WHERE id = ?", [.integer(entry.id)]).string ?? ""] = entry.weight
        }
        return result
    }

    /// `explain pair RU CN --share-of-output RU --counting fractional` lists W1 (f_RU 5/6, f_CN 1/6), W6 (1/3, 1/3),
    /// W8 (1/2, 1/2) over RU's works W1 5/6, W3 1, W4 1, W6 1/3, W8 1/2: (5/3) / (11/3) = 5/11, what `pair` prints.
    @Test("explain --share-of-output lists f_A(p), f_B(p) per work and sums to the share pair prints")
    func explainedShare() throws {
        let store = try FiguresTests.toyStoreWithFields()
        let ru = try store.explainShareOfOutput(side: "RU", other: "CN", counting: .fractional)
        let numerator = try sourceIDs(store, ru.numerator)
        #expect(numerator.keys.sorted() == ["2-s2.0-1", "2-s2.0-6", "2-s2.0-8"])
        close(numerator["2-s2.0-1"], 5.0 / 6)
        close(numerator["2-s2.0-6"], 1.0 / 3)
        close(ru.numerator.first { $0.weight == numerator["2-s2.0-1"] }?.otherWeight, 1.0 / 6)
        #expect(try sourceIDs(store, ru.denominator).keys.sorted() == ["2-s2.0-1", "2-s2.0-3", "2-s2.0-4", "2-s2.0-6", "2-s2.0-8"])
        close(ru.numeratorTotal, 5.0 / 3)
        close(ru.denominatorTotal, 11.0 / 3)
        close(ru.otherTotal, 1)
        close(ru.share, 5.0 / 11)
        let pair = try store.pair("RU", "CN", counting: .fractional)
        close(ru.share, try #require(pair.shareOfOutputA))
        close(ru.numeratorTotal, pair.jointWeightA)
        let cn = try store.explainShareOfOutput(side: "CN", other: "RU", counting: .fractional)
        close(cn.share, 2.0 / 5)
        close(cn.share, try #require(pair.shareOfOutputB))

        let full = try store.explainShareOfOutput(side: "RU", other: "CN", counting: .full)
        close(full.share, 3.0 / 5)
        close(full.share, try #require(try store.pair("RU", "CN").shareOfOutputA))
        let report = StandardReports.explainedShare(ru, a: "RU", b: "CN", scope: AnalysisScope())
        #expect(report.notes[0].hasPrefix("s(RU→CN) = Σ_{p∈S_RUCN} f_RU(p) / Σ_p f_RU(p) = 1.6667 / 3.6667 = 45.45%"))
    }

    /// Joint works: W1 (2018, link 1), W6 (2020, |K_p| = 3, link 1/2), W8 (2020, link 1). 2018–2020: C_AB 1 → 2,
    /// growth 100%, CAGR √2 − 1 = 41.42%; link strength 1 → 3/2, growth 50%, CAGR √1.5 − 1 = 22.47%.
    @Test("growth of a pair over a period: pair, pairs --by-year, audit and explain agree on 100% (full) and 50% (fractional)")
    func pairGrowth() throws {
        let store = try FiguresTests.toyStoreWithFields()
        let scope = try store.resolvedScope(AnalysisScope(from: 2018, to: 2020, currentYear: 2026))
        for (counting, expected, cagr) in [(CountingMethod.full, 100.0, (2.0.squareRoot() - 1) * 100), (.fractional, 50, (1.5.squareRoot() - 1) * 100)] {
            let pair = try store.pair("RU", "CN", counting: counting, scope: scope)
            let growth = try #require(pair.growth(\.coauthored))
            close(growth.percent, expected, "pair \(counting)")
            close(growth.cagr, cagr, "pair CAGR \(counting)")

            let years = try store.pairYearSeries(entity: "RU", scope: scope).filter { $0.b == "CN" }
            func value(_ year: Int) -> Double {
                years.filter { $0.year == year }.map { counting == .full ? Double($0.coauthored) : $0.linkStrength }.reduce(0, +)
            }
            close(Growth(from: 2018, to: 2020, first: value(2018), last: value(2020)).percent, expected, "pairs --by-year \(counting)")

            let explained = try store.explainGrowth("RU", "CN", counting: counting, scope: scope)
            #expect(try sourceIDs(store, explained.firstYear).keys.sorted() == ["2-s2.0-1"])
            #expect(try sourceIDs(store, explained.lastYear).keys.sorted() == ["2-s2.0-6", "2-s2.0-8"])
            close(explained.growth.percent, expected, "explain \(counting)")
            close(explained.growth.cagr, cagr, "explain CAGR \(counting)")
            #expect(StandardReports.explainedGrowth(explained, scope: scope).notes[0].contains(String(format: "= %.1f%%", expected)))

            let claims = try ClaimsFile.read(path: try TestSupport.write("""
                population: complete
                claims:
                  - id: growth
                    text: "joint works grew by \(Int(expected))% from 2018 to 2020"
                    stated: "\(Int(expected))%"
                    metric: { name: coauthored_growth, pair: [RU, CN], from: 2018, to: 2020, counting: \(counting.rawValue) }
                """, name: "growth.yaml"))
            var auditor = Auditor(store: store)
            let result = try #require(auditor.audit(claims).first)
            #expect(result.verdict == .consistent, "\(result.reason)")
            close(result.computed, expected, "audit \(counting)")
        }
        #expect(throws: ExplainError.self) { try store.explainGrowth("RU", "CN", counting: .full, scope: AnalysisScope()) }
    }

    /// Every toy work is in ASJC areas 17 and 26 (`auto`), window total, document-type group other; W7 (no country)
    /// still joins its cohort. e(2018) = (10 + 4 + 2) / 3 = 16/3; e(2020) = (0 + 9 + 1 + 5) / 4 = 15/4. Joint RU–CN
    /// works: W1 10 / (16/3) = 1.875, W6 9 / (15/4) = 2.4, W8 5 / (15/4) = 4/3; mean (1.875 + 2.4 + 4/3) / 3.
    @Test("the impact of a pair's joint works: pair, impact --pair, fields --pair (each area) and audit agree")
    func pairImpact() throws {
        let store = try FiguresTests.toyStoreWithFields()
        let expected = (1.875 + 2.4 + 4.0 / 3) / 3
        let model = try store.impactModel()
        #expect(model.window == .total)
        let joint = try store.works(of: .pair("RU", "CN"))
        close(model.summary(joint).mean, expected, "impact --pair, and the impact row of pair")
        close(try store.meanImpact(of: [.pair("RU", "CN")], model: model).first ?? nil, expected, "the mean computed in SQL")
        let breakdown = try store.fieldBreakdown(scheme: FieldSchemes.automatic, set: .pair("RU", "CN"))
        #expect(breakdown.rows.map(\.field).sorted() == ["17", "26"])
        for row in breakdown.rows {
            close(model.summary(row.ids.map { ($0, 1) }).mean, expected, "fields --pair, area \(row.field)")
        }
        let claims = try ClaimsFile.read(path: try TestSupport.write("""
            population: complete
            claims:
              - id: fwci
                text: "joint papers are cited 1.87 times the field average"
                stated: "1.87"
                metric: { name: pair_fwci, pair: [RU, CN] }
            """, name: "fwci.yaml"))
        var auditor = Auditor(store: store)
        let result = try #require(auditor.audit(claims).first)
        #expect(result.verdict == .consistent, "\(result.reason)")
        close(result.computed, expected, "audit")
    }

    /// The corpus of `FiguresTests.nameKeyedAuthors`: RU has a1 (id) and ivanov i (name key), 1 of 2 = 50%; CN has
    /// b1 (id), wang y and li x (name keys), 2 of 3 = 66.7%. Both above 20%: warned in `countries` as in `pair`.
    @Test("name-keyed authors: countries shows them per country and warns above 20%, as pair does; --author-identity ids in both")
    func nameKeyedCountries() throws {
        let store = try FiguresTests.nameKeyedStore()
        let rows = try store.countryTable()
        let ru = try #require(rows.first { $0.country == "RU" }), cn = try #require(rows.first { $0.country == "CN" })
        #expect(ru.authors == 2 && ru.nameKeyedAuthors == 1 && cn.authors == 3 && cn.nameKeyedAuthors == 2)
        close(ru.nameKeyedShare, 0.5)
        close(cn.nameKeyedShare, 2.0 / 3)
        let pair = try store.pair("RU", "CN")
        #expect(pair.authorsA == ru.authors && pair.nameKeyedAuthorsB == cn.nameKeyedAuthors)
        close(pair.nameKeyedShareB, try #require(cn.nameKeyedShare))
        let report = StandardReports.countries(rows, scope: AnalysisScope(), works: try store.workCounts())
        let warnings = report.notes.filter { $0.hasPrefix("Warning:") }
        #expect(warnings.count == 1 && warnings[0].contains("of 2 countries listed") && warnings[0].contains("(CN 66.7%, RU 50.0%)"))
        let table = try #require(report.tables.first)
        let share = try #require(table.columns.firstIndex { $0.key == "name_keyed_share" })
        #expect(table.rows.first { $0[0] == .text("CN") }?[share] == .real(2.0 / 3, decimals: 4))

        let ids = try store.countryTable(authorIdentity: .ids)
        let cnIDs = try #require(ids.first { $0.country == "CN" }), ruIDs = try #require(ids.first { $0.country == "RU" })
        let pairIDs = try store.pair("RU", "CN", authorIdentity: .ids)
        #expect(cnIDs.authors == 1 && cnIDs.authors == pairIDs.authorsB && ruIDs.authors == pairIDs.authorsA)
        close(cnIDs.nameKeyedShare, 2.0 / 3, "the share left out, of all CN's authors")
        #expect(StandardReports.countries(ids, scope: AnalysisScope(), works: try store.workCounts()).notes.contains { $0.contains("(left out here)") })
        // Below 20%: no warning (the toy corpus has ids for every author).
        let toy = try CollaborationTests.toyStore()
        #expect(StandardReports.countries(try toy.countryTable(), scope: AnalysisScope(), works: try toy.workCounts()).notes.allSatisfy { !$0.hasPrefix("Warning:") })
    }

    @Test("a dissolved state named as a side of a pair is counted as its successor, and the notes say so")
    func dissolvedStates() throws {
        #expect(try Store.countryCode("SU") == "RU" && Store.countryCode("USSR") == "RU" && Store.countryCode("DD") == "DE")
        #expect(try Store.countryCode("YU") == "RS" && Store.countryCode("CS") == "CZ" && Store.countryCode("East Germany") == "DE")
        let resolver = CountryResolver.standard
        #expect(resolver.dissolvedState(named: "GDR")?.state == "East Germany (GDR)")
        let notes = resolver.dissolvedStateNotes(arguments: ["SU", "US"], codes: ["RU", "US"])
        #expect(notes == ["SU (USSR) is a dissolved state: its addresses are counted under its successor RU, so the figures are RU's, works from before and after the dissolution alike (definitions §2).",
                          "Dissolved states are counted under their successor (definitions §2): USSR → RU."])
        #expect(resolver.dissolvedStateNotes(arguments: ["Russia", "US"], codes: ["RU", "US"]) == ["Dissolved states are counted under their successor (definitions §2): USSR → RU."])
        #expect(resolver.dissolvedStateNotes(arguments: ["FR", "US"], codes: ["FR", "US"]).isEmpty)
        // The pair of SU is RU's pair.
        let store = try CollaborationTests.toyStore()
        #expect(try store.pair(try Store.countryCode("SU"), "CN") == store.pair("RU", "CN"))
    }
}
