import Foundation
import Testing
@testable import SciCollab

@Suite("Crossref and Lens importers")
struct CrossrefLensImporterTests {
    private func read(_ path: String, _ importer: any Importer) throws -> CollectingSink {
        let sink = CollectingSink()
        try importer.read(path: path, into: sink)
        return sink
    }

    private func countries(_ work: Work) -> [String?] { work.affiliations.map(\.country) }

    @Test("Crossref REST list page: authors with their own affiliation names, subjects as ASJC")
    func restPage() throws {
        let path = TestSupport.fixture("crossref_rest_works_rows2_2023-02-13.json")
        #expect(try Importers.detect(path: path).format.id == "crossref-json")
        let sink = try read(path, CrossrefJSONImporter())
        #expect(sink.works.count == 2)
        #expect(sink.skipped.isEmpty)
        #expect(sink.warnings.isEmpty)
        let abstract = sink.works[0]
        #expect(abstract.source == .crossref)
        #expect(abstract.sourceID == "10.1200/jco.2007.25.18_suppl.3507")
        #expect(abstract.doi == abstract.sourceID)
        #expect(abstract.year == 2007)
        #expect(abstract.citations == 0)
        #expect(abstract.documentType == "journal-article")
        #expect(abstract.sourceTitle == "Journal of Clinical Oncology")
        #expect(abstract.issn == "0732-183X")
        #expect(abstract.eissn == "1527-7755")
        #expect(abstract.authorships.prefix(3).map(\.name) == ["de Bono, J. S.", "Adjei, A.", "Attard, G."])
        #expect(abstract.authorships[0].identity == AuthorIdentity(kind: .nameKey, value: "de bono j"))
        // One affiliation name joins five addresses with "; ": five affiliations, every author at all five.
        #expect(abstract.affiliations.map(\.raw) == [
            "Royal Marsden Hospital, Surrey, United Kingdom", "Mayo Clinic, Rochester, MN",
            "McGill University & Lady Davis Research Institute, Montreal, PQ, Canada",
            "Pfizer Global Research & Development, New London, CT", "Immunicon Corporation, Huntingdon Valley, PA",
        ])
        #expect(countries(abstract) == ["GB", "US", "CA", "US", "US"])
        #expect(abstract.authorships.allSatisfy { $0.affiliationIndices == [0, 1, 2, 3, 4] })
        #expect(!abstract.affiliationsShared)
        #expect(abstract.fields.filter { $0.scheme == "asjc" }.map(\.code) == ["1306", "2730"])
        #expect(abstract.fields.filter { $0.scheme == "asjc-area" }.map(\.code) == ["13", "27"])
        let issue = sink.works[1]
        #expect(issue.sourceID == "10.1111/read.1991.25.issue-1")
        #expect(issue.documentType == "journal-issue")
        #expect(issue.year == 1991)
        #expect(issue.authorships.isEmpty)
        #expect(issue.fields.filter { $0.scheme == "asjc" }.map(\.code) == ["1203", "3304"])
    }

    @Test("Crossref REST single work: is-referenced-by-count, subjects matched through aliases")
    func restSingleWork() throws {
        let sink = try read(TestSupport.fixture("crossref_rest_work_neurobiolaging_2023-02-13.json"), CrossrefJSONImporter())
        #expect(sink.works.count == 1)
        let work = try #require(sink.works.first)
        #expect(work.sourceID == "10.1016/j.neurobiolaging.2010.03.024")
        #expect(work.citations == 188)
        #expect(work.year == 2012)
        #expect(work.sourceTitle == "Neurobiology of Aging")
        #expect(work.issn == "0197-4580")
        #expect(work.language == "en")
        #expect(work.affiliations.isEmpty)
        #expect(Set(work.fields.filter { $0.scheme == "asjc" }.map(\.code)) == ["2717", "1309", "2728", "1302", "2800"])
        // The 2026 response has no `subject` any more: no fields, nothing to warn about.
        let later = try read(TestSupport.fixture("crossref_rest_works_rows2_2026-06-16.json"), CrossrefJSONImporter())
        #expect(later.works.map(\.sourceID) == ["10.1007/978-3-658-17671-6_18-1", "10.1007/978-3-031-23161-2_300726"])
        #expect(later.works.map(\.citations) == [2, 0])
        #expect(later.works.allSatisfy { $0.fields.isEmpty })
        #expect(later.works[0].authorships.map(\.name) == ["Howaldt, Jürgen", "Schwarz, Michael"])
    }

    @Test("Crossref UNIXSD query result: contributors with their own affiliations, citedby-count")
    func unixsdQueryResult() throws {
        let path = TestSupport.fixture("crossref_unixsd_query_result_16aff.xml")
        #expect(try Importers.detect(path: path).format.id == "crossref-xml")
        let sink = try read(path, CrossrefXMLImporter())
        #expect(sink.works.count == 1)
        #expect(sink.skipped.isEmpty)
        let work = try #require(sink.works.first)
        #expect(work.sourceID == "10.1089/neu.2016.4741")
        #expect(work.title?.hasPrefix("Cognitive Deficits and Inflammatory Response") == true)
        #expect(work.year == 2017)
        #expect(work.citations == 0)
        #expect(work.documentType == "journal-article")
        #expect(work.sourceTitle == "Journal of Neurotrauma")
        #expect(work.issn == "0897-7151")
        #expect(work.eissn == "1557-9042")
        #expect(work.authorships.map(\.name) == ["Ogier, Michaël", "Belmeguenai, Amor", "Lieutaud, Thomas", "Georges, Béatrice",
                                                 "Bouvard, Sandrine", "Carré, Emilie", "Canini, Frédéric", "Bezin, Laurent"])
        #expect(work.affiliations.count == 4)
        #expect(countries(work) == ["FR", "FR", "FR", "FR"])
        #expect(work.authorships.map(\.affiliationIndices) == [[0, 1, 2], [1, 2], [1, 2], [1, 2], [1, 2], [0], [0, 3], [1, 2]])

        let peerj = try #require(try read(TestSupport.fixture("crossref_unixsd_query_result_19aff.xml"), CrossrefXMLImporter()).works.first)
        #expect(peerj.sourceID == "10.7717/peerj.1698")
        #expect(peerj.title == "NeisseriaBase: a specialised Neisseria genomic resource and analysis platform")
        #expect(peerj.year == 2016)
        #expect(peerj.eissn == "2167-8359")
        #expect(peerj.authorships.count == 11)
        #expect(peerj.authorships[2].name == "Heydari, Hamed")
        #expect(peerj.authorships[2].affiliationIndices.map { peerj.affiliations[$0].country } == ["MY", "US"])
        #expect(peerj.authorships[5].affiliationIndices.map { peerj.affiliations[$0].country } == ["GB"])
    }

    @Test("Crossref OAI-PMH ListRecords on one line: every record, references passed over")
    func oaiListRecords() throws {
        let path = TestSupport.fixture("crossref_oaipmh_unixsd_2013_excerpt_6rec.xml")
        #expect(try Importers.detect(path: path).format.id == "crossref-xml")
        let sink = try read(path, CrossrefXMLImporter())
        #expect(sink.works.count == 6)
        #expect(sink.skipped.isEmpty)
        #expect(sink.works.allSatisfy { $0.line == 1 })
        let first = sink.works[0]
        #expect(first.sourceID == "10.1002/1521-3765(20020402)8:7<1637::aid-chem1637>3.0.co;2-7")
        #expect(first.citations == 24)
        #expect(first.year == 2002)
        #expect(first.title == "Synthesis and Reactivity of anα-Stannylβ-Silyl Enamide")
        #expect(first.sourceTitle == "Chemistry - A European Journal")
        #expect(first.issn == "0947-6539")
        #expect(first.eissn == "1521-3765")
        #expect(first.authorships.map(\.name) == ["Timbart, Laurianne", "Cintrat, Jean-Christophe"])
        #expect(first.affiliations.isEmpty)
    }

    @Test("Crossref: malformed XML keeps the records before the error and says where")
    func malformedXML() throws {
        let text = """
            <?xml version="1.0"?>
            <crossref_result><query_result><body>
            <query><doi type="journal_article">10.1/A</doi><crm-item name="citedby-count" type="number">3</crm-item></query>
            <query><doi type="journal_article">10.1/B</doi>
            </body></query_result></crossref_result>
            """
        let path = try TestSupport.write(text, name: "broken.xml")
        let sink = try read(path, CrossrefXMLImporter())
        #expect(sink.works.map(\.sourceID) == ["10.1/a"])
        #expect(sink.works.first?.citations == 3)
        #expect(sink.skipped.count == 1)
        #expect(sink.skipped.first?.line == 5)
        #expect(sink.skipped.first?.message.contains("not well-formed") == true)
    }

    @Test("Lens scholarly CSV: works without countries, and the report says so")
    func lens() throws {
        let path = TestSupport.fixture("lens_scholarly_2024_excerpt_20rec.csv")
        #expect(try Importers.detect(path: path).format.id == "lens-csv")
        let sink = try read(path, LensCSVImporter())
        #expect(sink.works.count == 20)
        #expect(sink.skipped.isEmpty)
        #expect(sink.warnings.map(\.line) == [nil])
        #expect(sink.warnings.first?.message.contains("no author affiliations") == true)
        #expect(sink.works.allSatisfy { $0.affiliations.isEmpty && $0.source == .lens })
        let first = sink.works[0]
        #expect(first.line == 2)
        #expect(first.sourceID == "000-102-656-132-186")
        #expect(first.year == 2015)
        #expect(first.doi == "10.1007/s11548-015-1213-2")
        #expect(first.pmid == "25985879")
        #expect(first.citations == 13)
        #expect(first.issn == "1861-6429")
        #expect(first.eissn == "1861-6410")
        #expect(first.documentType == "journal article")
        #expect(first.authorships.map(\.name) == ["Y. Hayakawa", "M. Shinoda", "M. Hirose", "Y. Chiba", "吉彦 早川"])
        #expect(first.fields.first == FieldAssignment(scheme: "lens-field", code: "RDF", name: "RDF"))
        let second = sink.works[1]
        #expect(second.sourceID == "000-122-946-719-709")
        #expect(second.citations == 676)  // `Citing Works Count`; the 62 beside it is `Citing Patents Count`
        #expect(second.pmid == nil)
        #expect(second.authorships.map(\.identity.value) == ["hillel a", "lerner r", "levi d", "raz g"])
    }

    @Test("every shared Crossref and Lens fixture imports with the record count of SOURCES.md")
    func sharedCounts() throws {
        guard let root = TestSupport.sharedFixtures("") else { return }
        let expected = [
            "lens-csv/lens_scholarly_2024_1000rec.csv": 1000,
            "crossref/crossref_oaipmh_unixsd_2013_200rec.xml": 200, "crossref/crossref_unixsd_query_result_16aff.xml": 1,
            "crossref/crossref_unixsd_query_result_19aff.xml": 1, "crossref/crossref_rest_works_rows2_2023-02-13.json": 2,
            "crossref/crossref_rest_work_neurobiolaging_2023-02-13.json": 1, "crossref/crossref_rest_work_srep16696_2021-10-28.json": 1,
            "crossref/crossref_rest_works_rows2_2026-06-16.json": 2,
        ]
        for (file, count) in expected {
            let path = (root as NSString).appendingPathComponent(file)
            let sink = try read(path, try Importers.detect(path: path))
            #expect(sink.works.count == count, "\(file)")
            #expect(sink.skipped.isEmpty, "\(file)")
        }
        let oai = try read((root as NSString).appendingPathComponent("crossref/crossref_oaipmh_unixsd_2013_200rec.xml"), CrossrefXMLImporter())
        #expect(Set(oai.works.map(\.sourceID)).count == 200)
        #expect(oai.works.allSatisfy { $0.citations != nil && $0.year != nil })
    }
}

@Suite("Web of Science BibTeX importer")
struct WoSBibTeXImporterTests {
    @Test("savedrecs.bib: the fields of the tagged export under their BibTeX names")
    func savedrecs() throws {
        let path = TestSupport.fixture("wos_bib_2003_bibliometrix_excerpt_2rec.bib")
        #expect(try Importers.detect(path: path).format.id == "wos-bib")
        let sink = CollectingSink()
        try WoSBibTeXImporter().read(path: path, into: sink)
        #expect(sink.works.count == 2)
        #expect(sink.skipped.isEmpty)
        let editorial = sink.works[0]
        #expect(editorial.source == .wos)
        #expect(editorial.sourceID == "WOS:000186671900001")
        #expect(editorial.line == 2)
        #expect(editorial.title == "Untitled")
        #expect(editorial.documentType == "Editorial Material")
        #expect(editorial.citations == 3)
        #expect(editorial.doi == "10.1016/j.ins.2003.10.003")
        #expect(editorial.issn == "0020-0255")
        #expect(editorial.authorships.map(\.name) == ["Wang, PP"])
        #expect(editorial.affiliations.map(\.country) == ["US"])
        let article = sink.works[1]
        #expect(article.sourceID == "WOS:000186671900002")
        #expect(article.year == 2003)
        #expect(article.citations == 0)
        #expect(article.eissn == "1872-6291")
        #expect(article.sourceTitle == "INFORMATION SCIENCES")
        #expect(article.authorships.map(\.name) == ["Lee, B", "Critchlow, T", "Abdulla, G", "Baldwin, C", "Kamimura, R",
                                                    "Musick, R", "Snapp, R", "Tang, N"])
        #expect(article.authorships.filter(\.isCorresponding).map(\.name) == ["Lee, B"])
        #expect(article.affiliations.map(\.raw) == ["Univ Vermont, Dept Comp Sci, Burlington, VT 05405 USA",
                                                    "Lawrence Livermore Natl Lab, Ctr Appl Sci Comp, Livermore, CA 94551 USA",
                                                    "Ikuni Inc, Palo Alto, CA 94304 USA"])
        #expect(article.affiliations.map(\.country) == ["US", "US", "US"])
        #expect(article.fields.contains(FieldAssignment(scheme: "wos-category", code: "Computer Science, Information Systems",
                                                        name: "Computer Science, Information Systems")))
    }
    @Test("savedrecs.bib with Windows line ends (\\r\\n) reads as the same file with line feeds: one address a line")
    func windowsLineEnds() throws {
        let original = try String(contentsOfFile: TestSupport.fixture("wos_bib_2003_bibliometrix_excerpt_2rec.bib"), encoding: .utf8)
        let windows = try TestSupport.write(original.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"),
                                            name: "savedrecs-crlf.bib")
        let (unix, crlf) = (CollectingSink(), CollectingSink())
        try WoSBibTeXImporter().read(path: TestSupport.fixture("wos_bib_2003_bibliometrix_excerpt_2rec.bib"), into: unix)
        try WoSBibTeXImporter().read(path: windows, into: crlf)
        #expect(crlf.works.count == 2)
        #expect(crlf.works[1].affiliations.map(\.raw) == ["Univ Vermont, Dept Comp Sci, Burlington, VT 05405 USA",
                                                        "Lawrence Livermore Natl Lab, Ctr Appl Sci Comp, Livermore, CA 94551 USA",
                                                        "Ikuni Inc, Palo Alto, CA 94304 USA"])
        for (a, b) in zip(unix.works, crlf.works) {
            #expect(a.affiliations.map(\.raw) == b.affiliations.map(\.raw))
            #expect(a.authorships.map(\.name) == b.authorships.map(\.name))
            #expect(a.authorships.map(\.affiliationIndices) == b.authorships.map(\.affiliationIndices))
        }
    }
}
