import Foundation
import Testing
@testable import SciCollab

/// The address classes that need an importer: joined PubMed affiliations, the correspondence fallback, OpenAlex
/// institutions without a country code, and the summary's resolution by source (definitions §2).
struct AddressImportTests {
    let resolver = CountryResolver.standard

    @Test("a free-text affiliation joining two institutions is two affiliations; an e-mail fragment is not one", arguments: [
        ("Dept A, Univ B, Austin, Texas 78712 and the Dept C, Univ D, Toronto, Ontario M5S 1A8, Canada.", ["US", "CA"]),
        ("Inst A, Humboldt Univ, Berlin, Germany and Institute C, Semmelweis Univ, Budapest, Hungary.", ["DE", "HU"]),
        ("Univ A, Paris, France; Univ B, Rome, Italy", ["FR", "IT"]),
        ("Univ X, Laramie, WY 82071; jo@example.edu.", ["US"]),
        ("Univ Zurich, Zurich, Switzerland; Electronic address: a@b.ch.", ["CH"]),
        ("Department of Epidemiology and Biostatistics, Harvard Univ, Boston, MA 02115", ["US"]),
        ("From the Gregory Fleming James Cystic Fibrosis Research Center and the Department of Pediatrics, Emory University, Atlanta, Georgia 30322.", ["US"]),
    ])
    func splitsJoinedAddresses(text: String, countries: [String]) {
        let parts = PubMedRecord.affiliationParts(text)
        #expect(parts.map { resolver.country(ofAddress: $0) ?? "NULL" } == countries, "\(parts)")
    }

    @Test func eMailOnlyPartStaysWithItsAddress() {
        #expect(PubMedRecord.affiliationParts("Univ X, Laramie, WY 82071; jo@example.edu.") == ["Univ X, Laramie, WY 82071; jo@example.edu."])
        #expect(PubMedRecord.affiliationParts("mueller@imcr.uzh.ch.") == ["mueller@imcr.uzh.ch."])
    }

    static let correspondenceRows: [[String: String]] = [
        // No affiliation: the corresponding author is placed in France by the correspondence address.
        ["Authors": "Doe J.; Roe A.", "Author(s) ID": "1; 2", "Title": "T1", "Year": "2020", "Affiliations": "",
         "Authors with affiliations": "", "Correspondence Address": "Doe J.; Dept X, Univ Y, Lyon, France; email: j@y.fr",
         "EID": "2-s2.0-1"],
        // An affiliation without a country and none with one: still the fallback.
        ["Authors": "Poe B.", "Author(s) ID": "3", "Title": "T2", "Year": "2020", "Affiliations": "Netherlands Cancer Institute",
         "Authors with affiliations": "Poe B., Netherlands Cancer Institute",
         "Correspondence Address": "Poe B.; Netherlands Cancer Institute, Amsterdam, Netherlands; email: b@nki.nl", "EID": "2-s2.0-2"],
        // An affiliation resolves: the correspondence address is not used.
        ["Authors": "Koe C.; Loe D.", "Author(s) ID": "4; 5", "Title": "T3", "Year": "2020",
         "Affiliations": "Univ Oslo, Oslo, Norway", "Authors with affiliations": "Koe C., Univ Oslo, Oslo, Norway; Loe D.",
         "Correspondence Address": "Loe D.; Univ Lyon, Lyon, France; email: d@lyon.fr", "EID": "2-s2.0-3"],
    ]

    @Test func scopusCorrespondenceAddressPlacesTheAuthorOnlyWhenNothingResolves() throws {
        let path = try TestSupport.write(TestSupport.scopusCSV(Self.correspondenceRows))
        let sink = CollectingSink()
        try ScopusCSVImporter().read(path: path, into: sink)
        let works = Dictionary(uniqueKeysWithValues: sink.works.map { ($0.sourceID, $0) })
        let first = try #require(works["2-s2.0-1"])
        #expect(first.authorships[0].affiliationIndices.map { first.affiliations[$0].country } == ["FR"])
        #expect(first.affiliations.map(\.countrySource) == [.correspondence])
        #expect(first.authorships[1].affiliationIndices.isEmpty)
        let second = try #require(works["2-s2.0-2"])
        #expect(second.affiliations.map(\.country) == [nil, "NL"])
        let third = try #require(works["2-s2.0-3"])
        #expect(third.affiliations.map(\.country) == ["NO"])
        #expect(third.authorships[1].affiliationIndices.isEmpty)

        let store = try TestSupport.makeStore()
        let report = try store.importFile(path)
        #expect(report.worksPlacedByCorrespondence == 2)
        #expect(try Store.checkFile(path).worksPlacedByCorrespondence == 2)
        #expect(try store.database.scalar("SELECT count(*) FROM affiliations WHERE country_source = 'correspondence'").int == 2)
        let summary = try store.summary()
        let scopus = try #require(summary.resolutionBySource.first { $0.source == "scopus" })
        // 4 affiliations: Netherlands Cancer Institute (none), Oslo (address), Lyon and Amsterdam (correspondence).
        #expect(scopus.affiliations == 4 && scopus.resolved == 3)
        #expect(scopus.address == 1 && scopus.correspondence == 2 && scopus.structured == 0)
    }

    @Test func openAlexInstitutionWithoutCountryCodeReadsItsRawString() throws {
        let json = #"""
        {"id":"https://openalex.org/W9","publication_year":2021,"authorships":[
          {"author":{"id":"https://openalex.org/A1","display_name":"Ann Alpha"},
           "institutions":[{"id":"https://openalex.org/I1","display_name":"Univ Lyon","country_code":null}],
           "affiliations":[{"raw_affiliation_string":"Univ Lyon, 69007 Lyon, France","institution_ids":["https://openalex.org/I1"]}],
           "raw_affiliation_strings":["Univ Lyon, 69007 Lyon, France"], "countries":[]},
          {"author":{"id":"https://openalex.org/A2","display_name":"Bo Beta"},
           "institutions":[], "raw_affiliation_strings":["Tegucigalpa, Honduras, Central America"], "countries":[]}]}
        """#
        let sink = CollectingSink()
        try OpenAlexJSONImporter().read(path: try TestSupport.write(json, name: "w.json"), into: sink)
        let work = try #require(sink.works.first)
        #expect(work.authorships.map { $0.affiliationIndices.map { work.affiliations[$0].country } } == [["FR"], ["HN"]])
        #expect(work.affiliations.map(\.countrySource) == [.address, .address])
    }
}
