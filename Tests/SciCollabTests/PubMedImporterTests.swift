import Foundation
import Testing
@testable import SciCollab

struct PubMedImporterTests {
    func read(_ path: String, _ importer: some Importer = PubMedXMLImporter()) throws -> CollectingSink {
        let sink = CollectingSink()
        try importer.read(path: path, into: sink)
        return sink
    }

    func work(_ sink: CollectingSink, _ pmid: String) throws -> Work {
        try #require(sink.works.first { $0.sourceID == pmid })
    }

    func affiliations(_ work: Work, _ position: Int) -> [String] {
        work.authorships[position - 1].affiliationIndices.map { work.affiliations[$0].raw }
    }

    func countries(_ work: Work, _ position: Int) -> [String?] {
        work.authorships[position - 1].affiliationIndices.map { work.affiliations[$0].country }
    }

    @Test("bundled fixtures: record counts, nothing skipped, format detected", arguments: [
        ("pubmed_efetch_2018_biopython_1rec_38aff.xml", 1, "pubmed-xml"),
        ("pubmed_efetch_2022_ncbiutils_5rec.xml", 5, "pubmed-xml"),
        ("pubmed_efetch_pubmedparser_1rec.xml", 1, "pubmed-xml"),
        ("pubmed_updatefile_pubmed22n1313_excerpt_4rec.xml", 4, "pubmed-xml"),
        ("medline_2015_metaknowledge_175rec.nbib", 175, "medline-txt"),
        ("pubmed_35196497_medline_from_efetch.nbib", 1, "medline-txt"),
    ])
    func bundledCounts(file: String, records: Int, format: String) throws {
        let importer = try Importers.detect(path: TestSupport.fixture(file))
        #expect(importer.format.id == format)
        let sink = try read(TestSupport.fixture(file), importer)
        #expect(sink.works.count == records)
        #expect(sink.skipped.isEmpty)
        #expect(sink.works.allSatisfy { $0.citations == nil })
    }

    @Test("the record with 38 affiliations: each author linked to their own")
    func thirtyEightAffiliations() throws {
        let sink = try read(TestSupport.fixture("pubmed_efetch_2018_biopython_1rec_38aff.xml"))
        let work = try #require(sink.works.first)
        #expect(work.sourceID == "27797938" && work.year == 2017 && work.doi == "10.1136/gutjnl-2016-312510")
        #expect(work.authorships.count == 22)
        #expect(work.authorships[0].name == "Bao, Ying")
        #expect(work.authorships[2].identity == AuthorIdentity(kind: .nameKey, value: "yuan c"))
        #expect(affiliations(work, 3) == ["Department of Epidemiology, Harvard T.H. Chan School of Public Health, Boston, Massachusetts, USA.",
                                          "Department of Medical Oncology, Dana-Farber Cancer Institute, Boston, Massachusetts, USA."])
        #expect(affiliations(work, 6) == ["Department of Medical Oncology, Dana-Farber Cancer Institute, Boston, Massachusetts, USA."])
        #expect(affiliations(work, 10) == ["University of Washington School of Nursing, Seattle, Washington, USA."])
        #expect(work.authorships[11].affiliationIndices.count == 3)
        #expect(work.authorships[14].affiliationIndices.count == 3)
        // 38 AffiliationInfo elements, 13 distinct strings; every author's are in the US except one unresolved string.
        #expect(work.affiliations.count == 13)
        #expect(Set(work.affiliations.compactMap(\.country)) == ["US"])
        #expect(work.affiliations.filter { $0.country == nil }.map(\.raw)
                == ["Massachusetts Veterans Epidemiology Research and Information Center (MAVERIC), VA Boston Healthcare System."])
        #expect(work.issn == nil && work.eissn == "1468-3288" && work.sourceTitle == "Gut" && work.language == "eng")
        #expect(work.fields.allSatisfy { $0.scheme == "mesh" })
    }

    @Test("efetch: several institutions in one Affiliation are split; e-mail removed before the country")
    func multiInstitutionAffiliations() throws {
        let sink = try read(TestSupport.fixture("pubmed_efetch_2022_ncbiutils_5rec.xml"))
        let work = try work(sink, "35196497")
        #expect(work.title == "SENP2 suppresses browning of white adipose tissues by de-conjugating SUMO from C/EBPβ.")
        #expect(work.year == 2022 && work.eissn == "2211-1247" && work.doi == "10.1016/j.celrep.2022.110408")
        #expect(work.documentType == "Journal Article; Research Support, Non-U.S. Gov't")
        #expect(work.authorships.count == 12)
        #expect(countries(work, 1) == ["KR"])
        #expect(affiliations(work, 8) == ["Institute of Molecular and Cell Biology, Agency for Science, Technology and Research (A(∗)STAR), Singapore 138667, Singapore",
                                          "School of Laboratory Medicine and Life Sciences, Wenzhou Medical University, Wenzhou, Zhejiang 325035, China."])
        #expect(countries(work, 8) == ["SG", "CN"])
        #expect(countries(work, 10) == ["KR", "US"])
        #expect(countries(work, 11) == ["KR"])
        #expect(work.authorships[11].affiliationIndices.count == 3)
        #expect(countries(work, 12) == ["KR", "KR", "KR"])
        #expect(work.fields.first == FieldAssignment(scheme: "mesh", code: "Adipocytes, Beige", name: "Adipocytes, Beige"))
        #expect(work.fields.count == 13)
        let institutions = Set(work.affiliations.compactMap(\.institution))
        #expect(institutions.contains("Seoul National University College of Medicine"))
    }

    @Test("free-text affiliations: authors' initials after the country, and what stays unresolved")
    func freeTextCountries() throws {
        let sink = try read(TestSupport.fixture("pubmed_efetch_pubmedparser_1rec.xml"))
        let work = try #require(sink.works.first)
        let byRaw = Dictionary(work.affiliations.map { ($0.raw, $0.country) }, uniquingKeysWith: { a, _ in a })
        #expect(byRaw["the Division of Pulmonology, Department of Medicine, University of Cape Town, Cape Town, South Africa (E.D.B.)"] == "ZA")
        #expect(byRaw["AstraZeneca Research and Development, Gothenburg, Sweden (C.K., C.J., S.I.)"] == "SE")
        #expect(byRaw["State Key Laboratory of Respiratory Diseases, First Affiliated Hospital, Guangzhou Medical University, Guangzhou, China (N.Z.)"] == "CN")
        // Cities without a country are not guessed.
        #expect(byRaw["AstraZeneca Research and Development, Barcelona (R.L.)"] == .some(nil))
        #expect(byRaw["Airway Disease Section, National Heart and Lung Institute, Imperial College, London (P.J.B.)"] == .some(nil))
    }

    @Test("update file: articles imported, DeleteCitation PMIDs recorded as deletions")
    func updateFile() throws {
        let sink = try read(TestSupport.fixture("pubmed_updatefile_pubmed22n1313_excerpt_4rec.xml"))
        #expect(sink.works.map(\.sourceID) == ["17212035", "7308376", "17955499", "18046398"])
        #expect(sink.deleted.count == 559)
        #expect(sink.deleted.first?.id == "21334990" && sink.deleted.first?.source == .pubmed)
        #expect(sink.deleted.first?.line == 1180)

        let store = try TestSupport.makeStore()
        // A work stored earlier under a PMID that the update deletes is removed.
        let earlier = try TestSupport.write("""
            <?xml version="1.0"?>
            <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">21334990</PMID><Article>
            <ArticleTitle>Withdrawn later</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
            """, name: "earlier.xml")
        _ = try store.importFile(earlier)
        let report = try store.importFile(TestSupport.fixture("pubmed_updatefile_pubmed22n1313_excerpt_4rec.xml"))
        #expect(report.recordsImported == 4 && report.recordsDeleted == 559)
        #expect(try store.database.scalar("SELECT count(*) FROM works WHERE source_id = '21334990'").int == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM deleted_records").int == 559)
    }

    @Test("the same citation from XML and from MEDLINE text gives the same work")
    func medlineMatchesXML() throws {
        let xml = try work(try read(TestSupport.fixture("pubmed_efetch_2022_ncbiutils_5rec.xml")), "35196497")
        var medline = try #require(try read(TestSupport.fixture("pubmed_35196497_medline_from_efetch.nbib"), MedlineTextImporter()).works.first)
        medline.line = xml.line
        #expect(medline == xml)
    }

    @Test("MEDLINE text: FAU/AU/AD per author, continuation lines, collective names, ORCIDs")
    func medlineText() throws {
        let sink = try read(TestSupport.fixture("medline_2015_metaknowledge_175rec.nbib"), MedlineTextImporter())
        let first = try work(sink, "26524502")
        #expect(first.line == 2)
        #expect(first.title == "Bioinformatic survey of ABC transporters in dermatophytes.")
        #expect(first.year == 2016 && first.eissn == "1879-0038" && first.doi == "10.1016/j.gene.2015.10.064")
        #expect(first.authorships.map(\.name) == ["Gadzalski, Marek", "Ciesielska, Anita", "Staczek, Pawel"])
        #expect(affiliations(first, 1) == ["Department of Microbial Genetics, Faculty of Biology and Environmental Protection, University of Lodz, Poland. Electronic address: mgadzal@biol.uni.lodz.pl."])
        #expect(countries(first, 1) == ["PL"])
        #expect(first.affiliations[0].institution == "University of Lodz")
        let withORCID = try #require(sink.works.first { $0.authorships.contains { $0.orcid == "0000-0001-9778-1920" } })
        let author = try #require(withORCID.authorships.first { $0.orcid == "0000-0001-9778-1920" })
        #expect(author.identity == AuthorIdentity(kind: .orcid, value: "0000-0001-9778-1920"))
        // A group author is the work's organisation, not an authorship (definitions §1).
        let collective = try #require(sink.works.first { $0.organizations.contains("Pelvic Floor Disorders Network") })
        #expect(!collective.authorships.contains { $0.name == "Pelvic Floor Disorders Network" })
        #expect(collective.authorships.map(\.position) == Array(1...collective.authorships.count))
    }

    @Test("gzip-compressed XML imports directly; malformed XML keeps the citations before the error")
    func gzipAndMalformed() throws {
        let directory = TestSupport.scratchDirectory()
        let copy = directory.appendingPathComponent("pubmed22n1313.xml")
        try FileManager.default.copyItem(atPath: TestSupport.fixture("pubmed_updatefile_pubmed22n1313_excerpt_4rec.xml"), toPath: copy.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = [copy.path]
        try process.run()
        process.waitUntilExit()
        let gz = copy.path + ".gz"
        #expect(try Importers.detect(path: gz).format.id == "pubmed-xml")
        let sink = try read(gz)
        #expect(sink.works.count == 4 && sink.deleted.count == 559)

        let broken = try TestSupport.write("""
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>One</ArticleTitle></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Two</Article></MedlineCitation></PubmedArticle>
            </PubmedArticleSet>
            """, name: "broken.xml")
        let partial = try read(broken)
        #expect(partial.works.map(\.sourceID) == ["1"])
        #expect(partial.skipped.count == 1 && partial.skipped[0].line == 4)
    }

    @Test("legacy MedlineCitationSet root; MedlineDate year; a citation without PMID is skipped")
    func legacyRoot() throws {
        let path = try TestSupport.write("""
            <?xml version="1.0"?>
            <MedlineCitationSet>
            <MedlineCitation Owner="NLM"><PMID>10</PMID><Article><Journal><ISSN IssnType="Print">0028-4793</ISSN>
            <JournalIssue><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue><Title>The New England journal of medicine</Title></Journal>
            <ArticleTitle>A <i>title</i> with markup</ArticleTitle>
            <AuthorList><Author><LastName>Smith</LastName><Initials>J</Initials><Identifier Source="ORCID">0000000218250097</Identifier>
            <AffiliationInfo><Affiliation>Dept of Surgery, Univ of Oslo, Oslo, Norway. jsmith@uio.no</Affiliation></AffiliationInfo></Author>
            <Author><CollectiveName>The Study Group</CollectiveName></Author></AuthorList></Article>
            <CommentsCorrectionsList><CommentsCorrections RefType="Cites"><PMID>99</PMID></CommentsCorrections></CommentsCorrectionsList>
            </MedlineCitation>
            <MedlineCitation Owner="NLM"><Article><ArticleTitle>No id</ArticleTitle></Article></MedlineCitation>
            </MedlineCitationSet>
            """, name: "medline.xml")
        let sink = try read(path)
        let work = try #require(sink.works.first)
        #expect(sink.works.count == 1 && sink.skipped.count == 1)
        #expect(work.sourceID == "10" && work.year == 1998 && work.issn == "0028-4793")
        #expect(work.title == "A title with markup")
        #expect(work.authorships.map(\.name) == ["Smith, J"])
        #expect(work.organizations == ["The Study Group"])
        #expect(work.authorships[0].identity == AuthorIdentity(kind: .orcid, value: "0000-0002-1825-0097"))
        #expect(countries(work, 1) == ["NO"])
    }
}
