import Foundation
import Testing
@testable import SciCollab

/// The author classes of definitions §1: name suffixes, Web of Science `C1` brackets, same-named authors, group authors,
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

    /// A Web of Science tagged-text file of the given records (each a list of `TAG value` lines, continuation
    /// lines starting with three spaces).
    static func wos(_ records: [String]) -> String {
        "FN Clarivate Analytics Web of Science\nVR 1.0\n" + records.map { $0 + "\nER\n\n" }.joined() + "EF\n"
    }

    func readWoS(_ text: String) throws -> CollectingSink {
        let sink = CollectingSink()
        try WoSTaggedImporter().read(path: try TestSupport.write(text, name: "savedrecs.txt"), into: sink)
        return sink
    }

    func countries(_ work: Work) -> [[String?]] {
        work.authorships.map { $0.affiliationIndices.map { work.affiliations[$0].country } }
    }

    @Test func unbracketedC1AddressBelongsOnlyToAuthorsNoBracketNames() throws {
        let sink = try readWoS(Self.wos(["""
            PT J
            AU Alpha, A
               Beta, B
            AF Alpha, Ann
               Beta, Bo
            C1 [Alpha, Ann] Univ Paris, Paris, France.
               Univ Oslo, Oslo, Norway.
            UT WOS:1
            """]))
        let work = try #require(sink.works.first)
        // Alpha FR only (not FR + NO); Beta, whom no bracket names, NO.
        #expect(countries(work) == [["FR"], ["NO"]])
    }

    @Test func recordWithoutBracketsGivesEveryAddressToEveryAuthor() throws {
        let sink = try readWoS(Self.wos(["""
            PT J
            AU Alpha, A
               Beta, B
            C1 Univ Paris, Paris, France.
               Univ Oslo, Oslo, Norway.
            UT WOS:2
            """]))
        let work = try #require(sink.works.first)
        #expect(countries(work) == [["FR", "NO"], ["FR", "NO"]])
    }

    @Test func twoAuthorsOfTheSameNameEachGetTheirNamesAddressesWithAWarning() throws {
        let sink = try readWoS(Self.wos(["""
            PT J
            AU Li, W
               Li, W
               Chen, X
            AF Li, Wei
               Li, Wei
               Chen, Xi
            C1 [Li, Wei; Chen, Xi] Peking Univ, Beijing, Peoples R China.
               [Li, Wei] Natl Univ Singapore, Singapore, Singapore.
            UT WOS:3
            """]))
        let work = try #require(sink.works.first)
        #expect(countries(work) == [["CN", "SG"], ["CN", "SG"], ["CN"]])
        #expect(sink.warnings.count == 1)
        #expect(sink.warnings.first?.message.contains("2 authors named \"Li, Wei\"") == true)
    }

    @Test func bookRecordReadsItsAuthorsFromBAAndBF() throws {
        let sink = try readWoS(Self.wos(["""
            PT B
            BA Gamma, G
               Delta, D
            BF Gamma, Gil
               Delta, Dee
            C1 [Gamma, Gil] Univ Lund, Lund, Sweden.
               [Delta, Dee] Univ Turku, Turku, Finland.
            UT WOS:4
            """]))
        let work = try #require(sink.works.first)
        #expect(work.authorships.map(\.name) == ["Gamma, Gil", "Delta, Dee"])
        #expect(countries(work) == [["SE"], ["FI"]])
    }

    @Test func orcidListedUnderAnotherSpellingOfTheNameIsAttached() throws {
        let sink = try readWoS(Self.wos(["""
            PT J
            AU Alasfoor, D
            AF Alasfoor, Deena
            OI Al Asfoor, Deena/0000-0001-2345-6789
            RI Al-Asfoor, Deena/A-1111-2011
            UT WOS:5
            """]))
        let authorship = try #require(sink.works.first?.authorships.first)
        #expect(authorship.orcid == "0000-0001-2345-6789")
        #expect(authorship.researcherID == "A-1111-2011")
    }

    /// Two records: the first names an author by ResearcherID and ORCID, the second by the ORCID alone. One author.
    @Test func identifiersSeenTogetherDenoteOneAuthorAcrossRecords() throws {
        let path = try TestSupport.write(Self.wos(["""
            PT J
            AU Omega, O
            AF Omega, Olga
            RI Omega, Olga/B-2222-2012
            OI Omega, Olga/0000-0002-0000-0001
            UT WOS:6
            """, """
            PT J
            AU Omega, O
            AF Omega, Olga
            OI Omega, Olga/0000-0002-0000-0001
            UT WOS:7
            """, """
            PT J
            AU Omega, O
            AF Omega, Olga
            RI Omega, Olga/B-2222-2012
            UT WOS:8
            """]), name: "savedrecs.txt")
        let store = try TestSupport.makeStore()
        _ = try store.importFile(path)
        #expect(try store.database.scalar("SELECT count(DISTINCT author_id) FROM authorships").int == 1)
        #expect(try store.database.scalar("SELECT count(*) FROM authors").int == 1)
        // The author's identity (the ResearcherID, a source id) is its row of authors; the ORCID is the one other identifier.
        #expect(try store.database.scalar("SELECT count(*) FROM author_identifiers").int == 1)
    }

    /// A PubMed study group is the work's organisation: one person and a group make a single-authored work, and
    /// n_p counts the person alone.
    @Test func groupAuthorIsTheWorksOrganisationNotAnAuthor() throws {
        let path = try TestSupport.write("""
            <?xml version="1.0"?>
            <PubmedArticleSet><PubmedArticle><MedlineCitation Owner="NLM"><PMID>77</PMID><Article>
            <Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue><Title>J</Title></Journal>
            <ArticleTitle>T</ArticleTitle>
            <AuthorList><Author><CollectiveName>The Heart Study Group</CollectiveName></Author>
            <Author><LastName>Smith</LastName><ForeName>Jan</ForeName>
            <AffiliationInfo><Affiliation>Univ Oslo, Oslo, Norway.</Affiliation></AffiliationInfo></Author></AuthorList>
            </Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
            """, name: "pubmed.xml")
        let store = try TestSupport.makeStore()
        _ = try store.importFile(path)
        #expect(try store.database.scalar("SELECT count(*) FROM authorships").int == 1)
        #expect(try store.database.scalar("SELECT position FROM authorships").int == 1)
        #expect(try store.database.scalar("SELECT name FROM work_organizations").string == "The Heart Study Group")
        #expect(try store.database.scalar("SELECT authors FROM work_facts").int == 1)
        let types = try store.collaboration()
        #expect(types.rows.first { $0.type == .single }?.works == 1)
    }
}
