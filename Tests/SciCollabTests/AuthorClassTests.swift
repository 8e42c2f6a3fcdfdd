import Foundation
import Testing
@testable import SciCollab

/// The author classes of SPEC §1: name suffixes, Web of Science `C1` brackets, same-named authors, group authors,
/// book authors.
struct AuthorClassTests {
    @Test func scopusNameSuffixStaysWithTheNameBeforeIt() throws {
        let text = TestSupport.scopusCSV([[
            "Authors": "Doe J., Roe A., Jr., Poe B.", "Author(s) ID": "111;222;333;", "Title": "T", "Year": "1999",
            "Affiliations": "Univ Paris, Paris, France; Univ Oslo, Oslo, Norway; Univ Rome, Rome, Italy",
            "Authors with affiliations": "Doe, J., Univ Paris, Paris, France; Roe, A., Jr., Univ Oslo, Oslo, Norway; Poe, B., Univ Rome, Rome, Italy",
            "EID": "2-s2.0-9",
        ]])
        let sink = CollectingSink()
        try ScopusCSVImporter().read(path: try TestSupport.write(text), into: sink)
        let work = try #require(sink.works.first)
        #expect(work.authorships.map(\.name) == ["Doe J.", "Roe A., Jr.", "Poe B."])
        #expect(work.authorships.map(\.identity.value) == ["scopus:111", "scopus:222", "scopus:333"])
        #expect(work.authorships.map { $0.affiliationIndices.map { work.affiliations[$0].country } } == [["FR"], ["NO"], ["IT"]])
        #expect(sink.warnings.isEmpty)
    }
}
