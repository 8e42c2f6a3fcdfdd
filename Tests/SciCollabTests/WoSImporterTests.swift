import Foundation
import Testing
@testable import SciCollab

struct WoSImporterTests {
    func read(_ path: String, _ importer: some Importer) throws -> CollectingSink {
        let sink = CollectingSink()
        try importer.read(path: path, into: sink)
        return sink
    }

    func work(_ sink: CollectingSink, _ ut: String) throws -> Work {
        try #require(sink.works.first { $0.sourceID == ut })
    }

    /// Each author's own affiliations as raw addresses.
    func addresses(_ work: Work, _ position: Int) -> [String] {
        work.authorships[position - 1].affiliationIndices.map { work.affiliations[$0].raw }
    }

    func countries(_ work: Work, _ position: Int) -> [String?] {
        work.authorships[position - 1].affiliationIndices.map { work.affiliations[$0].country }
    }

    @Test("bundled fixtures: record counts, nothing skipped, format detected", arguments: [
        ("wos_txt_2014_wosfile_50rec.txt", 50, "wos-txt"),
        ("wos_txt_old_physics_metaknowledge_32rec.txt", 32, "wos-txt"),
        ("wos_txt_2024_genai_excerpt_25rec.txt", 25, "wos-txt"),
        ("wos_txt_2026_bibliometrix_8rec.txt", 8, "wos-txt"),
        ("wos_tab_2014_wosfile_utf8_50rec.txt", 50, "wos-tab"),
        ("wos_tab_2014_wosfile_utf16le_50rec.txt", 50, "wos-tab"),
        ("wos_tab_2023_scientopy_consortia_excerpt_2rec.txt", 2, "wos-tab"),
    ])
    func bundledCounts(file: String, records: Int, format: String) throws {
        let path = TestSupport.fixture(file)
        let importer = try Importers.detect(path: path)
        #expect(importer.format.id == format)
        let sink = try read(path, importer)
        #expect(sink.works.count == records)
        #expect(sink.skipped.isEmpty)
        #expect(sink.warnings.isEmpty)
    }

    @Test("every shared WoS fixture imports with the record count of SOURCES.md")
    func sharedCounts() throws {
        let expected = [
            "wos-txt/wos_txt_2014_wosfile_50rec.txt": 50, "wos-txt/wos_txt_old_physics_metaknowledge_32rec.txt": 32,
            "wos-txt/wos_txt_2024_genai_469rec.txt": 469, "wos-txt/wos_txt_2026_bibliometrix_8rec.txt": 8,
            "wos-tab/wos_tab_2014_wosfile_utf8_50rec.txt": 50, "wos-tab/wos_tab_2014_wosfile_utf16le_50rec.txt": 50,
            "wos-tab/wos_tab_2017_scientopy_125rec.txt": 125, "wos-tab/wos_tab_2023_scientopy_consortia_25rec.txt": 25,
        ]
        guard let root = TestSupport.sharedFixtures("") else { return }
        for (file, count) in expected {
            let path = (root as NSString).appendingPathComponent(file)
            let sink = try read(path, try Importers.detect(path: path))
            #expect(sink.works.count == count, "\(file)")
            #expect(sink.skipped.isEmpty, "\(file)")
            #expect(sink.works.allSatisfy { $0.affiliations.allSatisfy { $0.country != nil } }, "\(file): every address resolves")
        }
        // The consortium file: the longest C1 cell has over 73,000 characters.
        let consortia = try read((root as NSString).appendingPathComponent("wos-tab/wos_tab_2023_scientopy_consortia_25rec.txt"), WoSTabImporter())
        let widest = try #require(consortia.works.max { $0.affiliations.count < $1.affiliations.count })
        #expect(widest.affiliations.count > 500)
        #expect(widest.authorships.allSatisfy { !$0.affiliationIndices.isEmpty })
    }

    @Test("the tagged, tab-delimited UTF-8 and UTF-16LE exports of the same 50 records give identical works")
    func layoutsAgree() throws {
        let tagged = try read(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"), WoSTaggedImporter()).works
        for file in ["wos_tab_2014_wosfile_utf8_50rec.txt", "wos_tab_2014_wosfile_utf16le_50rec.txt"] {
            let tab = try read(TestSupport.fixture(file), WoSTabImporter()).works
            #expect(tab.count == tagged.count)
            for (a, b) in zip(tagged, tab) {
                var b = b
                b.line = a.line  // the only difference: where the record starts
                #expect(a == b, "\(file): \(a.sourceID)")
            }
        }
    }

    @Test("2014 tagged record without brackets: every address belongs to every author")
    func unbracketedAddresses() throws {
        let sink = try read(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"), WoSTaggedImporter())
        let work = try work(sink, "WOS:000220015600001")
        #expect(work.title == "Knowledge networks as channels and conduits: The effects of spillovers in the Boston biotechnology community")
        #expect(work.authorships.map(\.name) == ["Owen-Smith, J", "Powell, WW"])
        #expect(addresses(work, 1) == ["Univ Michigan, Dept Sociol, Ann Arbor, MI 48104 USA", "Stanford Univ, Stanford, CA 94305 USA"])
        #expect(addresses(work, 2) == addresses(work, 1))
        #expect(work.affiliations.map(\.country) == ["US", "US"])
        #expect(work.affiliations.map(\.institution) == ["Univ Michigan", "Stanford Univ"])
        #expect(work.authorships.map(\.isCorresponding) == [true, false])
        // RI lists Powell first: identities follow the names, not the order.
        #expect(work.authorships.map(\.identity) == [AuthorIdentity(kind: .sourceID, value: "wos:B-3665-2012"),
                                                    AuthorIdentity(kind: .sourceID, value: "wos:B-5991-2008")])
        #expect(work.citations == 420)
        #expect(work.citationsAllDatabases == 430)
        #expect(work.year == 2004)
        #expect(work.issn == "1047-7039")
        #expect(work.doi == "10.1287/orsc.1030.0054")
        #expect(work.documentType == "Article")
        #expect(work.sourceTitle == "ORGANIZATION SCIENCE")
        #expect(work.fields == [FieldAssignment(scheme: "wos-category", code: "Management", name: "Management"),
                                FieldAssignment(scheme: "wos-area", code: "Business & Economics", name: "Business & Economics")])
    }

    @Test("2024 tagged record: bracketed groups, two addresses for one author, C3, RP, OI and RI continued")
    func bracketedGroups() throws {
        let sink = try read(TestSupport.fixture("wos_txt_2024_genai_excerpt_25rec.txt"), WoSTaggedImporter())
        let editorial = try work(sink, "WOS:000985648900009")
        #expect(editorial.authorships.map(\.name) == ["Euchner, Jim"])
        #expect(editorial.affiliations.isEmpty)
        #expect(editorial.authorships[0].identity == AuthorIdentity(kind: .nameKey, value: "euchner j"))
        #expect(editorial.fields.filter { $0.scheme == "wos-category" }.map(\.code) == ["Business", "Engineering, Industrial", "Management"])
        #expect(editorial.fields.filter { $0.scheme == "wos-area" }.map(\.code) == ["Business & Economics", "Engineering"])
        #expect(editorial.issn == "0895-6308" && editorial.eissn == "1930-0166")
        #expect(editorial.citations == 4 && editorial.citationsAllDatabases == 4)

        let work = try work(sink, "WOS:001067510500001")
        #expect(work.authorships.map(\.name) == ["Feuerriegel, Stefan", "Hartmann, Jochen", "Janiesch, Christian", "Zschech, Patrick"])
        #expect(addresses(work, 1) == ["Ludwig Maximilians Univ Munchen, Geschwister Scholl Pl 1, D-80539 Munich, Germany",
                                       "Munich Ctr Machine Learning, Geschwister Scholl Pl 1, D-80539 Munich, Germany"])
        #expect(addresses(work, 2) == ["Tech Univ Munich TUM, Sch Management, Arcisstr 21, D-80333 Munich, Germany"])
        #expect(addresses(work, 4) == ["FAU Erlangen Nurnberg, Lange Gasse 20, Nurnberg, Germany"])
        #expect(work.affiliations.allSatisfy { $0.country == "DE" })
        #expect(work.authorships.map(\.isCorresponding) == [true, false, false, false])
        #expect(work.organizations == ["University of Munich", "Technical University of Munich",
                                       "Dortmund University of Technology", "University of Erlangen Nuremberg"])
        // OI's entry for Janiesch runs over a continuation line.
        #expect(work.authorships[2].orcid == "0000-0002-8050-123X")
        #expect(work.authorships[3].orcid == "0000-0002-1105-8086")
        #expect(work.authorships[3].researcherID == "AAG-6517-2019")
        #expect(work.authorships[3].identity == AuthorIdentity(kind: .sourceID, value: "wos:AAG-6517-2019"))
        #expect(work.authorships[1].identity == AuthorIdentity(kind: .nameKey, value: "hartmann j"))
        #expect(work.citations == 8 && work.citationsAllDatabases == 8 && work.year == 2024)
    }

    @Test("2026 tagged records: AU and RP with accents, AF without; OI in upper case; C3")
    func recentVintage() throws {
        let sink = try read(TestSupport.fixture("wos_txt_2026_bibliometrix_8rec.txt"), WoSTaggedImporter())
        let turkish = try work(sink, "WOS:000870236000001")
        #expect(turkish.authorships.map(\.name) == ["Buyukkidik, Serap"])
        #expect(turkish.authorships[0].isCorresponding)
        #expect(turkish.authorships[0].identity == AuthorIdentity(kind: .sourceID, value: "wos:MFJ-0972-2025"))
        #expect(countries(turkish, 1) == ["TR"])
        #expect(turkish.organizations == ["Sinop University"])
        #expect(turkish.citations == 55 && turkish.citationsAllDatabases == 92)

        let bibliometrix = try #require(sink.works.first { $0.title?.hasPrefix("bibliometrix: An R-tool") == true })
        #expect(bibliometrix.authorships.map(\.name) == ["Aria, Massimo", "Cuccurullo, Corrado"])
        #expect(addresses(bibliometrix, 2) == ["Univ Campania Luigi Vanvitelli, Dept Econ & Management, Capua, CE, Italy"])
        #expect(countries(bibliometrix, 1) == ["IT"])
        #expect(bibliometrix.authorships[1].orcid == "0000-0002-7401-8575")
        #expect(bibliometrix.authorships[1].identity == AuthorIdentity(kind: .orcid, value: "0000-0002-7401-8575"))
        #expect(bibliometrix.authorships[0].identity == AuthorIdentity(kind: .sourceID, value: "wos:O-7983-2015"))
        #expect(bibliometrix.citations == 8858 && bibliometrix.citationsAllDatabases == 11190)
    }

    @Test("old physics records: upper case, no spaces after commas, US without USA, YUGOSLAVIA")
    func oldRecords() throws {
        let sink = try read(TestSupport.fixture("wos_txt_old_physics_metaknowledge_32rec.txt"), WoSTaggedImporter())
        let raws = Dictionary(sink.works.flatMap(\.affiliations).map { ($0.raw, $0.country) }, uniquingKeysWith: { a, _ in a })
        #expect(raws["UNIV TRONDHEIM,INST THEORET PHYS,N-7034 TRONDHEIM,NORWAY"] == "NO")
        #expect(raws["OAK RIDGE NATL LAB,OAK RIDGE,TN 37830"] == "US")
        #expect(raws["BORIS KIDRIC INST,ION PHYS LAB,YU-11000 BELGRADE,YUGOSLAVIA"] == "RS")
        #expect(raws["UNIV PARIS 11,INST OPTIQUE,F-91405 ORSAY,FRANCE"] == "FR")
        #expect(raws["Prirodno Matemat Fak, Sarajevo, Bosnia & Herceg"] == "BA")
        let institution = sink.works.flatMap(\.affiliations).first { $0.raw.hasPrefix("OAK RIDGE NATL LAB") }?.institution
        #expect(institution == "OAK RIDGE NATL LAB")
    }

    @Test("consortium row: 477 authors linked through 344 bracketed groups")
    func consortium() throws {
        let sink = try read(TestSupport.fixture("wos_tab_2023_scientopy_consortia_excerpt_2rec.txt"), WoSTabImporter())
        let work = try work(sink, "WOS:000493912600001")
        #expect(work.authorships.count == 477)
        #expect(work.affiliations.count == 344)
        // `AF` writes this name with a second comma: `Kiiski, Johanna, I`.
        let kiiski = try #require(work.authorships.firstIndex { $0.name == "Kiiski, Johanna, I" })
        #expect(addresses(work, kiiski + 1) == ["Univ Helsinki, Helsinki Univ Hosp, Dept Obstet & Gynecol, Helsinki, Finland"])
        #expect(addresses(work, 1) == ["IFOM FIRC Inst Mol Oncol, Genome Diagnost Program, Milan, Italy"])
        #expect(addresses(work, 477) == ["Genome One, Darlinghurst, NSW, Australia"])
        #expect(countries(work, 477) == ["AU"])
        #expect(work.pmid == "31700994" && work.eissn == "2374-4677" && work.year == 2019)
        #expect(work.citations == 16 && work.citationsAllDatabases == 16)
    }

    @Test("WoS country spellings resolve through the shared alias table", arguments: [
        ("Tsinghua Univ, Beijing 100084, Peoples R China", "CN"),
        ("Khalifa Univ, Abu Dhabi, U Arab Emirates", "AE"),
        ("Univ Sarajevo, Sarajevo, Bosnia & Herceg", "BA"),
        ("Univ Papua New Guinea, Port Moresby, Papua N Guinea", "PG"),
        ("Univ Kinshasa, Kinshasa, Dem Rep Congo", "CD"),
        ("Univ Marien Ngouabi, Brazzaville, Rep Congo", "CG"),
        ("Queens Univ Belfast, Belfast, Antrim, North Ireland", "GB"),
        ("Univ Oxford, Oxford OX1 2JD, England", "GB"),
        ("Univ Edinburgh, Edinburgh, Midlothian, Scotland", "GB"),
        ("Cardiff Univ, Cardiff, Wales", "GB"),
        ("Sinop Univ, Fac Educ, Sinop, Turkiye", "TR"),
        ("Univ Calif Berkeley, Berkeley, CA 94720 USA", "US"),
        ("UNIV ROCHESTER,ROCHESTER,NY 14627", "US"),
        ("Georgia Inst Technol, Atlanta, GA 30332 USA", "US"),
        ("CNRS, F-75005 PARIS, FRANCE", "FR"),
        ("Inst Phys, Belgrade, YUGOSLAVIA", "RS"),
        ("Natl Taiwan Univ, Taipei, Taiwan", "TW"),
    ])
    func countrySpellings(address: String, code: String) {
        #expect(CountryResolver.standard.country(ofAddress: address) == code)
    }

    @Test("tagged text: CRLF, BOM, no final newline, a record without UT, a record without ER")
    func taggedEdgeCases() throws {
        let text = "\u{FEFF}FN Clarivate Analytics Web of Science\r\nVR 1.0\r\n"
            + "PT J\r\nAU Smith, J\r\n   Doe, K\r\nAF Smith, John\r\n   Doe, Kim\r\nTI A title that\r\n   continues\r\n"
            + "C1 [Smith, John; Doe, Kim] Univ Ghent, Ghent, Belgium.\r\n   [Doe, Kim] Delft Univ Technol, Delft, Netherlands.\r\n"
            + "RP Doe, K (corresponding author), Delft Univ Technol, Delft, Netherlands.\r\nTC 3\r\nZ9 5\r\nPY 2020\r\nUT WOS:1\r\nER\r\n\r\n"
            + "PT J\r\nAU Lost, A\r\nPY 2021\r\nER\r\n\r\n"
            + "PT J\r\nAU Cut, B\r\nRP Cut, B (reprint author), Univ Lyon, Lyon, France.\r\nUT WOS:3\r\n"
            + "PT J\r\nAU Last, C\r\nTC x\r\nUT WOS:4\r\nER\r\n\r\nEF"
        let path = try TestSupport.write(text, name: "savedrecs.txt")
        #expect(try Importers.detect(path: path).format.id == "wos-txt")
        let sink = try read(path, WoSTaggedImporter())
        #expect(sink.works.map(\.sourceID) == ["WOS:1", "WOS:3", "WOS:4"])
        #expect(sink.skipped.map(\.line) == [19])
        let first = sink.works[0]
        #expect(first.title == "A title that continues")
        #expect(addresses(first, 1) == ["Univ Ghent, Ghent, Belgium"])
        #expect(countries(first, 2) == ["BE", "NL"])
        #expect(first.authorships.map(\.isCorresponding) == [false, true])
        #expect(first.citations == 3 && first.citationsAllDatabases == 5)
        // No C1: the corresponding author's RP address stands in.
        #expect(countries(sink.works[1], 1) == ["FR"])
        #expect(sink.works[2].citations == nil)
        #expect(sink.warnings.map(\.line) == [24, 28])
    }

    @Test("tab-delimited: a row with too few cells is skipped with its line; a bare quote is text")
    func tabEdgeCases() throws {
        let header = "PT\tAU\tAF\tTI\tC1\tRP\tTC\tZ9\tPY\tUT"
        let rows = [
            "J\tSmith, J; Doe, K\tSmith, John; Doe, Kim\tThe \"best\" title\t[Smith, John; Doe, Kim] Univ Ghent, Ghent, Belgium; [Doe, Kim] Delft Univ Technol, Delft, Netherlands\tDoe, K (corresponding author), Delft Univ Technol, Delft, Netherlands.\t1\t2\t2020\tWOS:1\t",
            "J\tShort, R\tShort, Row\t2021",
            "J\tOld, A\tOld, Anna\tT\tUniv Oslo, Oslo, Norway; Univ Bergen, Bergen, Norway\t\t0\t0\t1999\tWOS:3\t",
        ]
        let path = try TestSupport.write("\u{FEFF}" + ([header] + rows).joined(separator: "\n") + "\n", name: "savedrecs-tab.txt")
        #expect(try Importers.detect(path: path).format.id == "wos-tab")
        let sink = try read(path, WoSTabImporter())
        #expect(sink.works.map(\.sourceID) == ["WOS:1", "WOS:3"])
        #expect(sink.skipped.map(\.line) == [3])
        #expect(sink.works[0].title == "The \"best\" title")
        #expect(countries(sink.works[0], 2) == ["BE", "NL"])
        #expect(sink.works[0].authorships.map(\.isCorresponding) == [false, true])
        #expect(addresses(sink.works[1], 1) == ["Univ Oslo, Oslo, Norway", "Univ Bergen, Bergen, Norway"])
    }

    @Test("C1 group splitting keeps the `; ` inside brackets")
    func groupSplitting() {
        #expect(WoSAddresses.splitGroups("[A, B; C, D] Org 1, X; [E, F] Org 2, Y") == ["[A, B; C, D] Org 1, X", "[E, F] Org 2, Y"])
        #expect(WoSAddresses.group("[A, B; C, D] Org 1, X.") == .init(names: ["A, B", "C, D"], address: "Org 1, X"))
        #expect(WoSAddresses.reprints("A, B (corresponding author), Org 1, X.; C, D (corresponding author), Org 2, Y.")
                == [.init(names: ["A, B"], address: "Org 1, X"), .init(names: ["C, D"], address: "Org 2, Y")])
    }

    @Test("a WoS import into the store: countries and Z9 beside TC")
    func store() throws {
        let store = try TestSupport.makeStore()
        let report = try store.importFile(TestSupport.fixture("wos_txt_2024_genai_excerpt_25rec.txt"))
        #expect(report.recordsImported == 25 && report.unresolvedAffiliations == 0)
        let row = try #require(try store.database.rows("SELECT citations, citations_all_databases FROM works WHERE source_id = 'WOS:001067510500001'").first)
        #expect(row[0].int == 8 && row[1].int == 8)
        #expect(try store.database.scalar("SELECT count(*) FROM work_organizations wo JOIN works w ON w.id = wo.work_id WHERE w.source_id = 'WOS:001067510500001'").int == 4)
        let countries = try store.countryTable(scope: AnalysisScope())
        #expect(countries.first { $0.country == "DE" } != nil)
    }

    @Test("a name finds its authors the same way in a short byline and in a long one", arguments: [0, 40])
    func nameIndexShortAndLong(fillers: Int) {
        var names = (0..<fillers).map { WoSName(short: "Filler\($0), X", full: "Filler\($0), Xavier") }
        let first = names.count
        names += [WoSName(short: "Al Asfoor, D", full: "Al Asfoor, Deena"), WoSName(short: "Smith, J", full: "Smith, Jonathan"),
                  WoSName(short: "Lee, J", full: "Lee, Jae"), WoSName(short: "Lee, J", full: "Lee, Jin"),
                  WoSName(short: "Kim, S", full: nil), WoSName(short: "Kim, S", full: nil)]
        let index = WoSNameIndex(names)
        #expect(index.positions(of: "AL-ASFOOR, D.") == [first])          // the folded short name
        #expect(index.positions(of: "Alasfoor, Deena") == [first])        // the same without spaces
        #expect(index.positions(of: "Smith, J.-P.") == [first + 1])       // the name key, one author has it
        #expect(index.positions(of: "LEE, J.") == [first + 2, first + 3])     // the folded short name of two authors
        #expect(index.positions(of: "Lee, J.-H.").isEmpty)                // the name key of two authors: none
        #expect(index.positions(of: "Kim, S") == [first + 4, first + 5])  // namesakes both answer
        #expect(index.positions(of: "Park, S").isEmpty)
        #expect(index.nameKeys[first + 1].value == "smith j")
    }
}
