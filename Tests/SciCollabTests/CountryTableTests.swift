import Foundation
import Testing
@testable import SciCollab

struct CountryTableTests {
    /// A toy corpus: the definitions §4 example and a few edge cases, with figures worked out by hand.
    ///
    /// W1: 3 authors, two at A (Germany), one at A and B (France) → DE 5/6, FR 1/6.
    /// W2: 2 authors, one in France, one with no resolved affiliation → FR 1 (renormalised).
    /// W3: 1 author in Germany, no citation count is impossible in Scopus CSV, so 7 citations.
    func toyStore() throws -> Store {
        let text = TestSupport.scopusCSV([
            ["Authors": "Alpha A.; Beta B.; Gamma C.", "Author(s) ID": "1; 2; 3", "Year": "2020", "Cited by": "10",
             "Affiliations": "Univ A, Berlin, Germany; Univ B, Paris, France",
             "Authors with affiliations": "Alpha A., Univ A, Berlin, Germany; Beta B., Univ A, Berlin, Germany; Gamma C., Univ A, Berlin, Germany, Univ B, Paris, France",
             "EID": "2-s2.0-1"],
            ["Authors": "Alpha A.; Delta D.", "Author(s) ID": "1; 4", "Year": "2021", "Cited by": "",
             "Affiliations": "Univ B, Paris, France; Nowhere Institute",
             "Authors with affiliations": "Alpha A., Univ B, Paris, France; Delta D., Nowhere Institute",
             "EID": "2-s2.0-2"],
            ["Authors": "Beta B.", "Author(s) ID": "2", "Year": "2022", "Cited by": "7",
             "Affiliations": "Univ A, Berlin, Germany",
             "Authors with affiliations": "Beta B., Univ A, Berlin, Germany", "EID": "2-s2.0-3"],
            ["Authors": "Epsilon E.", "Author(s) ID": "5", "Year": "2022", "Cited by": "3",
             "Affiliations": "Univ H, Hong Kong, Hong Kong",
             "Authors with affiliations": "Epsilon E., Univ H, Hong Kong, Hong Kong", "EID": "2-s2.0-4"],
        ])
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(text))
        return store
    }

    @Test("full and fractional counts, authors and citations per publication of a toy corpus")
    func toyCorpus() throws {
        let rows = try toyStore().countryTable()
        let de = try #require(rows.first { $0.country == "DE" })
        let fr = try #require(rows.first { $0.country == "FR" })
        #expect(de.works == 2)                                  // W1, W3
        #expect(abs(de.worksFractional - (5.0 / 6 + 1)) < 1e-12)
        #expect(fr.works == 2)                                  // W1, W2
        #expect(abs(fr.worksFractional - (1.0 / 6 + 1)) < 1e-12)
        #expect(de.authors == 3)                                // authors 1, 2, 3
        #expect(fr.authors == 2)                                // author 3 (W1), author 1 (W2)
        #expect(de.citationsPerPublication == (10.0 + 7) / 2)
        #expect(fr.citationsPerPublication == (10.0 + 0) / 2)   // empty Cited by is 0 in Scopus CSV
        // Weights of every work sum to 1.
        let total = rows.map(\.worksFractional).reduce(0, +)
        #expect(abs(total - 4) < 1e-12)
    }

    @Test func periodAndChinaRegions() throws {
        let store = try toyStore()
        let only2022 = try store.countryTable(scope: AnalysisScope(from: 2022, to: 2022))
        #expect(only2022.map(\.country).sorted() == ["DE", "HK"])
        let merged = try store.countryTable(scope: AnalysisScope(mergeChinaRegions: true))
        #expect(merged.contains { $0.country == "CN" && $0.works == 1 })
        #expect(!merged.contains { $0.country == "HK" })
        #expect(try store.workCounts() == (works: 4, withCountry: 4))
    }

    @Test("per-country works and authors match a count made independently with Python's csv module")
    func independentCount() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        let expectedURL = TestSupport.packageRoot.appendingPathComponent("Tests/SciCollabTests/Expected/scopus_2023_litstudy_88rec.countries.json")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: [String: Int]] ?? [:]
        let rows = try store.countryTable()
        #expect(expected.count == 27)
        #expect(Set(rows.map(\.country)) == Set(expected.keys))
        for row in rows {
            #expect(row.works == expected[row.country]?["works"], "\(row.country) works")
            #expect(row.authors == expected[row.country]?["authors"], "\(row.country) authors")
        }
    }
}
