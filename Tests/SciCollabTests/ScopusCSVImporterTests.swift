import Foundation
import Testing
@testable import SciCollab

struct ScopusCSVImporterTests {
    func read(_ path: String) throws -> CollectingSink {
        let sink = CollectingSink()
        try ScopusCSVImporter().read(path: path, into: sink)
        return sink
    }

    func work(_ sink: CollectingSink, _ eid: String) throws -> Work {
        try #require(sink.works.first { $0.sourceID == eid })
    }

    /// Each author's affiliations as (raw prefix, country).
    func affiliations(of work: Work, author position: Int) -> [String?] {
        work.authorships[position - 1].affiliationIndices.map { work.affiliations[$0].country }
    }

    @Test("record counts of the bundled fixtures, nothing skipped", arguments: [
        ("scopus_2016_metaknowledge_excerpt_60rec.csv", 60),
        ("scopus_2022_litstudy_2rec.csv", 2),
        ("scopus_2023_litstudy_88rec.csv", 88),
        ("scopus_2024_pybibx_13rec.csv", 13),
        ("scopus_2025_bibx_excerpt_120rec.csv", 120),
    ])
    func bundledCounts(file: String, records: Int) throws {
        let sink = try read(TestSupport.fixture(file))
        #expect(sink.works.count == records)
        #expect(sink.skipped.isEmpty)
        #expect(Importers.all.first { $0.recognizes(prefix: (try? ChunkedFileReader.prefix(ofFileAt: TestSupport.fixture(file), count: 65536)) ?? []) }?.format.id == "scopus-csv")
    }

    @Test("record counts of every shared Scopus fixture (SOURCES.md)")
    func sharedCounts() throws {
        guard let folder = TestSupport.sharedFixtures("scopus-csv") else { return }
        let expected = ["scopus_2016_metaknowledge_220rec.csv": 220, "scopus_2022_litstudy_2rec.csv": 2,
                        "scopus_2023_litstudy_88rec.csv": 88, "scopus_2024_pybibx_13rec.csv": 13,
                        "scopus_2025_bibx_581rec.csv": 581]
        for (file, count) in expected {
            let sink = try read(folder + "/" + file)
            #expect(sink.works.count == count, "\(file)")
            #expect(sink.skipped.isEmpty, "\(file)")
        }
    }

    @Test("2016 vintage: 41 columns, no author ids, authors joined by ', ', empty Cited by is 0")
    func vintage2016() throws {
        let sink = try read(TestSupport.fixture("scopus_2016_metaknowledge_excerpt_60rec.csv"))
        let yagai = try work(sink, "2-s2.0-84963944162")
        #expect(yagai.authorships.map(\.name) == ["Yagai T.", "Kimura Y.", "Kamada H.", "Nomura S.", "Nakamura T.", "Tsutsui H.",
                                                 "Yoshida H.", "Kudo M.", "Chikaraishi H.", "Yanagi N.", "Imagawa S."])
        #expect(yagai.authorships[0].identity == AuthorIdentity(kind: .nameKey, value: "yagai t"))
        #expect(yagai.citations == 0)
        #expect(yagai.year == 2016)
        #expect(yagai.documentType == "Article")
        #expect(yagai.issn == "1051-8223")
        #expect(yagai.doi == "10.1109/tasc.2016.2541670")
        #expect(yagai.authorships.allSatisfy { !$0.isCorresponding })
        #expect(yagai.affiliations.count == 6)
        #expect(yagai.affiliations[yagai.authorships[1].affiliationIndices[0]].raw == "Meiji University, Kanagawa, Japan")
        #expect(yagai.affiliations[yagai.authorships[8].affiliationIndices[0]].raw == "National Institute of Fusion Science, Gifu, Japan")

        let wang = try work(sink, "2-s2.0-84943362392")
        #expect(wang.authorships.count == 7)
        #expect(wang.authorships[0].isCorresponding)
        #expect(wang.authorships.filter(\.isCorresponding).count == 1)
        // The last author has two affiliations: China and Australia; the others one in China.
        #expect(affiliations(of: wang, author: 7) == ["CN", "AU"])
        #expect(affiliations(of: wang, author: 1) == ["CN"])
        #expect(wang.affiliations[wang.authorships[6].affiliationIndices[1]].institution == "University of New South Wales")
        #expect(wang.affiliations[wang.authorships[0].affiliationIndices[0]].institution == "Southwest Jiaotong University")
    }

    @Test("2022 vintage: 45 columns, Author(s) ID with a trailing ';'")
    func vintage2022() throws {
        let sink = try read(TestSupport.fixture("scopus_2022_litstudy_2rec.csv"))
        let namd = try work(sink, "2-s2.0-27344436659")
        #expect(namd.authorships.count == 10)
        #expect(namd.authorships.map(\.name).prefix(3) == ["Phillips J.C.", "Braun R.", "Wang W."])
        #expect(namd.authorships[0].identity == AuthorIdentity(kind: .sourceID, value: "scopus:57202138757"))
        #expect(namd.authorships[9].identity == AuthorIdentity(kind: .sourceID, value: "scopus:7102415947"))
        #expect(namd.authorships[8].name == "Kalé L.")
        #expect(namd.citations == 13169)
        #expect(namd.documentType == "Review")
        #expect(affiliations(of: namd, author: 7) == ["FR"])
        #expect(affiliations(of: namd, author: 1) == ["US"])
        #expect(namd.authorships.firstIndex(where: \.isCorresponding) == 9)
        let murata = try work(sink, "2-s2.0-0024645936")
        #expect(murata.authorships.count == 1)
        #expect(murata.authorships[0].isCorresponding)
        #expect(murata.citations == 8097)
    }

    @Test("2023 vintage: authors joined by '; ', full names with ids, an author with two affiliations")
    func vintage2023() throws {
        let sink = try read(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        let kinsey = try work(sink, "2-s2.0-85127882021")
        #expect(kinsey.authorships.map(\.name) == ["Gesselman A.N.", "Kaufman E.M.", "Marcotte A.S.", "Reynolds T.A.", "Garcia J.R."])
        #expect(kinsey.authorships[0].identity.value == "scopus:55326561000")
        #expect(kinsey.authorships[0].isCorresponding)
        #expect(kinsey.citations == 5)
        #expect(kinsey.pmid == "35104185")
        let kaufman = kinsey.authorships[1].affiliationIndices.map { kinsey.affiliations[$0].raw }
        #expect(kaufman == ["The Kinsey Institute, Indiana University, United States",
                            "Luddy School of Informatics, Computing, and Engineering, Indiana University, United States"])
        #expect(kinsey.authorships[2].affiliationIndices.count == 1)

        // China, Macao and Hong Kong stay apart.
        let sport = try work(sink, "2-s2.0-85149840637")
        #expect(affiliations(of: sport, author: 1) == ["CN", "CN"])
        #expect(affiliations(of: sport, author: 3) == ["MO"])
        #expect(affiliations(of: sport, author: 4) == ["HK"])
        #expect(sport.authorships[4].identity.value == "scopus:6602768457")
        #expect(sport.authorships.firstIndex(where: \.isCorresponding) == 5)

        // No affiliations at all: authors kept, no links.
        let empty = try work(sink, "2-s2.0-85159552705")
        #expect(empty.authorships.count == 3)
        #expect(empty.affiliations.isEmpty)
    }

    @Test("2024 vintage: multi-word family names")
    func vintage2024() throws {
        let sink = try read(TestSupport.fixture("scopus_2024_pybibx_13rec.csv"))
        let w = try work(sink, "2-s2.0-85094136345")
        #expect(w.authorships.map(\.name) == ["Unnikrishnan M.A.", "Edwin Raja Dhas J."])
        #expect(w.authorships[1].identity.value == "scopus:36135245200")
        #expect(affiliations(of: w, author: 2) == ["IN"])
        #expect(w.affiliations[w.authorships[1].affiliationIndices[0]].raw
            == "Department of Automobile Engineering, Noorul Islam University, Thuckalay, Tamil Nadu, India")
        #expect(w.citations == 1)
        #expect(w.doi == nil)
    }

    @Test("2025 vintage: every field quoted, correspondence starting with '; ', Russia and the UK")
    func vintage2025() throws {
        let sink = try read(TestSupport.fixture("scopus_2025_bibx_excerpt_120rec.csv"))
        let gong = try work(sink, "2-s2.0-85183479140")
        #expect(gong.authorships.count == 8)
        #expect(gong.authorships.firstIndex(where: \.isCorresponding) == 6) // Liu Q.
        #expect(gong.authorships[0].affiliationIndices.count == 2)
        #expect(gong.citations == 0)
        #expect(gong.affiliations[gong.authorships[5].affiliationIndices[0]].institution == "Wuhan University")

        let magnonics = try work(sink, "2-s2.0-85179499958")
        #expect(magnonics.authorships.map(\.name) == ["Amel'chenko M.D.", "Grishin S.V.", "Ogrin F.Y.", "Nikitov S.A."])
        #expect(affiliations(of: magnonics, author: 1) == ["RU", "GB"])
        #expect(affiliations(of: magnonics, author: 3) == ["GB"])
        #expect(affiliations(of: magnonics, author: 4) == ["RU"])
        #expect(magnonics.citations == 2)
        #expect(magnonics.authorships.allSatisfy { !$0.isCorresponding })

        let macau = try work(sink, "2-s2.0-85191455844")
        #expect(macau.authorships.firstIndex(where: \.isCorresponding) == 1) // "L. Yang"
        #expect(affiliations(of: macau, author: 2) == ["MO"])
        let moscow = try work(sink, "2-s2.0-85201937693")
        #expect(moscow.documentType == "Conference paper")
        #expect(affiliations(of: moscow, author: 1) == ["RU"])
    }

    @Test("HTML entities in affiliations are decoded; names with commas inside entries")
    func entitiesAndToyRecord() throws {
        let text = TestSupport.scopusCSV([[
            "Authors": "Müller K.; Smith J.",
            "Author(s) ID": "111; 222",
            "Title": "A &amp; B",
            "Year": "2021",
            "Cited by": "",
            "Affiliations": "Institut f&#x00FC;r Physik, Universit&#x00E4;t M&#x00FC;nchen, M&#x00FC;nchen, Germany; Dept. of Physics, Stanford University, Stanford, CA 94305, United States",
            "Authors with affiliations": "Müller K., Institut f&#x00FC;r Physik, Universit&#x00E4;t M&#x00FC;nchen, M&#x00FC;nchen, Germany, Dept. of Physics, Stanford University, Stanford, CA 94305, United States; Smith J., Dept. of Physics, Stanford University, Stanford, CA 94305, United States",
            "Correspondence Address": "J. Smith; Stanford University; email: js@stanford.edu",
            "Document Type": "Article",
            "EID": "2-s2.0-1",
        ]])
        let sink = try read(try TestSupport.write(text))
        let w = try #require(sink.works.first)
        #expect(w.title == "A & B")
        #expect(w.affiliations[0].raw == "Institut für Physik, Universität München, München, Germany")
        #expect(w.affiliations[0].institution == "Institut für Physik")
        #expect(affiliations(of: w, author: 1) == ["DE", "US"])
        #expect(affiliations(of: w, author: 2) == ["US"])
        #expect(w.authorships[1].isCorresponding)
        #expect(w.citations == 0)
    }

    @Test("an export without a Cited by column leaves citations unknown")
    func missingCitedByColumn() throws {
        let text = "Authors,Title,Year,Affiliations,Authors with affiliations,EID\nSmith J.,T,2020,\"MIT, Cambridge, United States\",\"Smith, J., MIT, Cambridge, United States\",2-s2.0-9\n"
        let sink = try read(try TestSupport.write(text))
        #expect(sink.works.first?.citations == nil)
        #expect(sink.works.first?.authorships.first?.affiliationIndices == [0])
    }

    @Test("a damaged copy: a truncated row and a broken quote are reported with their lines, the good rows imported")
    func damagedCopy() throws {
        let original = try String(contentsOfFile: TestSupport.fixture("scopus_2024_pybibx_13rec.csv"), encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        // Line 3 (the second record) loses its second half; line 6 loses the closing quote of its first field.
        let line3 = lines[2]
        lines[2] = String(line3.prefix(line3.count / 2))
        let firstQuoteEnd = try #require(lines[5].dropFirst().firstIndex(of: "\""))
        lines[5].remove(at: firstQuoteEnd)
        let path = try TestSupport.write(lines.joined(separator: "\n"))
        let sink = try read(path)
        #expect(sink.skipped.count == 2)
        #expect(sink.skipped.map(\.line) == [3, 6])
        #expect(sink.skipped.allSatisfy { $0.file == path && $0.description.contains("damaged record skipped") })
        #expect(sink.works.count == 11)
    }

    @Test func unknownFilesListTheFormatsTried() throws {
        let path = try TestSupport.write("hello,world\n1,2\n", name: "other.csv")
        #expect(throws: ImportError.unknownFormat(path: path, tried: Importers.all.map(\.format.description))) {
            _ = try Importers.detect(path: path)
        }
    }

    @Test func missingRequiredColumnsAreAnError() throws {
        let path = try TestSupport.write("Authors,Title\nA,B\n")
        #expect(throws: ImportError.missingColumns(path: path, format: "Scopus CSV", columns: ["EID"])) {
            try ScopusCSVImporter().read(path: path, into: CollectingSink())
        }
    }
}
