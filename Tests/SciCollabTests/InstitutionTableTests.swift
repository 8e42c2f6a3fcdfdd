import Foundation
import Testing
@testable import SciCollab

struct InstitutionTableTests {
    static let institutions = AnalysisScope(level: .institution)

    @Test("per institution: works, fractional works, authors, partners of the toy corpus, worked out by hand")
    func table() throws {
        let store = try ToyCorpus.store()
        let rows = try store.institutionTable()
        let instA = try #require(rows.first { $0.figures.country == "inst a" })
        #expect(instA.info.name == "Inst A" && instA.info.country == "RU" && instA.info.identity == "name")
        #expect(instA.figures.works == 3)                               // W1, W2, W5
        let fractional: Double = 1.0 / 3 + 1.0 / 2 + 1.0 / 2            // W1 1 of 3 authors; W2 1 of 2; W5 one author at two places
        #expect(abs(instA.figures.worksFractional - fractional) < 1e-12)
        #expect(instA.figures.authors == 2)                             // authors 1 and 6
        #expect(instA.partners == 3)                                    // univ b, univ c, univ d
        #expect(instA.figures.internationalWorks == 3)
        #expect(instA.figures.citationsPerPublication == 14.0 / 3)      // (10 + 4 + 0) / 3
        let univC = try #require(rows.first { $0.figures.country == "univ c" })
        #expect(univC.figures.works == 3 && univC.partners == 3)        // W1, W4, W5; inst a, univ b, univ e
        // Every work's institution weights sum to 1 (every resolved affiliation has an institution here).
        let total = rows.map(\.figures.worksFractional).reduce(0, +)
        #expect(abs(total - 5) < 1e-12)
        #expect(try store.institutionTable(country: "CN").map(\.figures.country) == ["univ b"])
    }

    @Test("a pair of institutions has the figures of definitions §6; names resolve to keys, never by guess")
    func pair() throws {
        let store = try ToyCorpus.store()
        #expect(try store.institutionKey("Inst A") == "inst a")
        #expect(try store.institutionKey("univ c") == "univ c")
        #expect(throws: InstitutionError.notFound("Univ Z")) { try store.institutionKey("Univ Z") }
        let m = try store.pair("inst a", "univ c", scope: Self.institutions)
        #expect(m.jointWorks == 2)                                      // W1, W5
        #expect(m.outputA == 3 && m.outputB == 3)
        #expect(m.coauthorsA == 2 && m.coauthorsB == 2)                 // {1, 6} and {3, 6}
        #expect(m.ledByA == 1 && m.ledByB == 2)                         // W1 led by author 3 (corresponding, Univ C); W5 by author 6 at both
        #expect(m.affinityAB == nil)
        let fractional = try store.pair("inst a", "univ c", counting: .fractional, scope: Self.institutions)
        #expect(abs(fractional.linkStrength - 1.5) < 1e-12)             // W1 1/(3 − 1) + W5 1/(2 − 1)
        let pairs = try store.pairs(scope: Self.institutions)
        #expect(pairs.first.map { [$0.a, $0.b] } == ["inst a", "univ c"])
        #expect(pairs.first?.coauthored == 2)
        #expect(pairs.count == 5)                                       // W1: 3 pairs; W2, W4: 1 each; W5 repeats inst a–univ c
    }

    @Test("the kept tables follow the data: a new import refills them")
    func staleness() throws {
        let store = try ToyCorpus.store()
        #expect(try store.institutionTable().count == 5)
        let more = TestSupport.scopusCSV([["Authors": "Seven G.", "Author(s) ID": "7", "Year": "2023", "Cited by": "1",
                                           "Affiliations": "Univ F, Paris, France", "Authors with affiliations": "Seven G., Univ F, Paris, France",
                                           "EID": "2-s2.0-6"]])
        _ = try store.importFile(try TestSupport.write(more, name: "more.csv"))
        #expect(try store.institutionTable().count == 6)
    }
    @Test("the kept institution rows equal those summed from every work's institutions, to the last bit; a period and another citation source sum them (bundled exports)")
    func keptInstitutionTotalsEqualSummed() throws {
        let store = try TestSupport.bundledStore()
        func rows(_ scope: AnalysisScope) throws -> [String] {
            try store.countryTable(scope: scope).map {
                "\($0.country) \($0.works) \($0.worksFractional.bitPattern) \($0.citations) \($0.worksWithoutCitationCount) \($0.internationalWorks)"
            }
        }
        func summed(_ scope: AnalysisScope) throws -> [String] {
            try store.summedCountryTotals(scope: scope, sources: try store.institutionSources(scope), bounds: nil, filter: "").map { row in
                "\(row[0].string ?? "") \(row[1].int ?? -1) \(row[2].double?.bitPattern ?? 0) \(row[3].int ?? -1) \(row[4].int ?? -1) \(row[5].int ?? -1)"
            }.sorted()
        }
        let scope = Self.institutions
        let kept = try rows(scope)
        #expect(kept.count > 100)
        #expect(try store.database.scalar("SELECT count(*) FROM institution_totals").int == kept.count)
        #expect(kept.sorted() == (try summed(scope)))
        // A marker: the table reads the kept rows; over a period, or under one source's citation counts, it sums them.
        let first = try #require(try store.institutionTable(scope: scope).first)
        try store.database.prepare("UPDATE institution_totals SET works = 777 WHERE institution = ?").run([.text(first.figures.country)])
        #expect(try store.institutionTable(scope: scope).first?.figures.works == 777)
        var period = scope
        (period.from, period.to) = (1900, 2100)
        #expect(try store.institutionTable(scope: period).first { $0.figures.country == first.figures.country }?.figures.works == first.figures.works)
        var openAlex = scope
        openAlex.citationSource = .source(.openalex)
        #expect(try store.institutionTable(scope: openAlex).first { $0.figures.country == first.figures.country }?.figures.works == first.figures.works)
        // Rebuilding the derived rows marks the institution tables stale: they are filled again.
        try store.invalidateKeptTotals()
        #expect(try store.institutionTable(scope: scope).first?.figures.works == first.figures.works)
        #expect(try rows(scope) == kept)
    }
}
