import Foundation
import Testing
@testable import SciCollab

@Suite("Scopus RIS and BibTeX importers")
struct ScopusRISBibTeXTests {
    private func read(_ path: String, _ importer: any Importer) throws -> CollectingSink {
        let sink = CollectingSink()
        try importer.read(path: path, into: sink)
        return sink
    }

    private func countries(_ work: Work) -> [String?] { work.affiliations.map(\.country) }

    @Test("RIS 2023: BOM glued to the first TY, AD per affiliation, Cited By in N1, EID from UR")
    func ris2023() throws {
        let path = TestSupport.fixture("scopus_ris_2023_biodiversity_excerpt_23rec.ris")
        #expect(try Importers.detect(path: path).format.id == "scopus-ris")
        let sink = try read(path, ScopusRISImporter())
        #expect(sink.works.count == 23)
        #expect(sink.skipped.isEmpty)
        #expect(sink.warnings.isEmpty)

        let book = sink.works[0]
        #expect(book.line == 1)
        #expect(book.sourceID == "2-s2.0-85165627975")
        #expect(book.doi == "10.17226/26641")
        #expect(book.year == 2023)
        #expect(book.citations == 4)
        #expect(book.documentType == "Book")
        #expect(book.authorships.isEmpty)

        let chapter = sink.works[1]
        #expect(chapter.sourceID == "2-s2.0-85170172054")
        #expect(chapter.doi == "10.1016/b978-0-323-95227-9.00026-9")
        #expect(chapter.citations == 0)
        #expect(chapter.authorships.map(\.name) == ["Porter D.E.", "Kelsey R.H.", "Ramage D.W.", "Sandifer P.A.", "Brooks B.W.",
                                                    "Canonico G.", "Chassignet E.P.", "Kirkpatrick B.", "Schwacke L.H.", "Scott G.I."])
        #expect(chapter.authorships[0].identity == AuthorIdentity(kind: .nameKey, value: "porter d"))
        #expect(chapter.affiliations.count == 8)
        #expect(chapter.affiliations[0].raw == "Arnold School of Public Health, University of South Carolina, Columbia, SC, United States")
        #expect(chapter.affiliations[0].institution == "University of South Carolina")
        #expect(countries(chapter) == Array(repeating: "US", count: 8))
        #expect(chapter.authorships.allSatisfy { $0.affiliationIndices == Array(0..<8) })
        #expect(chapter.affiliationsShared)

        let article = sink.works[2]
        #expect(article.sourceID == "2-s2.0-85129702805")
        #expect(article.year == 2022)
        #expect(article.issn == "2673-1924")
        #expect(article.citations == 6)
        #expect(article.authorships.count == 13)
        #expect(article.authorships.first?.name == "McCluskey E.")
        #expect(article.authorships.last?.name == "Andersson A.J.")
        #expect(article.authorships.filter(\.isCorresponding).map(\.name) == ["Brewin R.J.W."])
        #expect(countries(article) == ["GB", "GB", "BE", "US", "US", "US"])

        let seric = try #require(sink.works.first { $0.sourceID == "2-s2.0-85122883697" })
        #expect(seric.authorships.map(\.name) == ["Šerić L.", "Ivanda A.", "Bugarić M.", "Braović M."])
        #expect(seric.authorships[0].isCorresponding)
        #expect(countries(seric) == ["HR"])
        #expect(!seric.affiliationsShared)  // one affiliation: every author has it
    }

    @Test("RIS 2020: no AD (the report says so), Cited By :n only where cited, a UR glued to the last reference line")
    func ris2020() throws {
        let path = TestSupport.fixture("scopus_ris_2020_bibx_excerpt_11rec.ris")
        let sink = try read(path, ScopusRISImporter())
        #expect(sink.works.count == 11)
        #expect(sink.skipped.isEmpty)
        #expect(sink.works.allSatisfy { $0.affiliations.isEmpty })
        #expect(sink.warnings.count == 1)
        #expect(sink.warnings.first?.line == nil)
        #expect(sink.warnings.first?.message.contains("no record has affiliations (AD)") == true)
        let first = sink.works[0]
        #expect(first.sourceID == "2-s2.0-85091557653")
        #expect(first.doi == "10.1063/5.0020407")
        #expect(first.authorships.map(\.name) == ["Pierrot A.", "Béron F.", "Blon T."])
        #expect(first.citations == 0)  // no Cited By note, while others in the file have one
        #expect(sink.works.map(\.citations) == [0, 0, 0, 1, 6, 21, 0, 0, 0, 12, 7])
        // The four conference papers whose UR is glued to the end of their last reference line.
        #expect(sink.works[6...9].map(\.sourceID) == ["2-s2.0-35148889133", "2-s2.0-35148875097", "2-s2.0-35148893124", "2-s2.0-35148863120"])
        #expect(sink.works[6].line == 285)
        #expect(sink.works[6].sourceTitle == "Proceedings of SPIE - The International Society for Optical Engineering")
    }

    @Test("BibTeX 2017: compact style, affiliation letters link each author to their own affiliations")
    func bib2017() throws {
        let path = TestSupport.fixture("scopus_bib_2017_bibliometrix_excerpt_12rec.bib")
        #expect(try Importers.detect(path: path).format.id == "scopus-bib")
        let sink = try read(path, ScopusBibTeXImporter())
        #expect(sink.works.count == 12)
        #expect(sink.skipped.isEmpty)
        #expect(sink.warnings.isEmpty)
        let first = sink.works[0]
        #expect(first.line == 4)
        #expect(first.sourceID == "2-s2.0-84993929598")
        #expect(first.doi == "10.1016/j.eswa.2016.10.021")
        #expect(first.year == 2017)
        #expect(first.citations == 0)
        #expect(first.authorships.map(\.name) == ["D'Ambrosio A.", "Aria M.", "Iorio C.", "Siciliano R."])
        #expect(first.authorships.map(\.affiliationIndices) == [[0], [0], [1], [1]])
        #expect(first.affiliations.map(\.raw) == ["Department of Economics and Statistics, University of Naples Federico II, Italy",
                                                  "Department of Industrial Engineering, University of Naples Federico II, Italy"])
        #expect(!first.affiliationsShared)

        let celentano = try #require(sink.works.first { $0.sourceID == "2-s2.0-84973514470" })
        #expect(celentano.year == 2016)
        #expect(celentano.authorships.map(\.name) == ["Celentano A.", "Tovaru S.", "Yap T.", "Adamo D.", "Aria M.", "Mignogna M.D."])
        #expect(celentano.authorships.map(\.affiliationIndices) == [[0, 1, 2], [3], [1], [0], [4], [0]])
        #expect(countries(celentano) == ["IT", "AU", "AU", "RO", "IT"])
        // Without letters (a single affiliation), every author has it.
        let siciliano = sink.works[4]
        #expect(siciliano.authorships.map(\.name) == ["Siciliano R.", "D’Ambrosio A.", "Aria M.", "Amodio S."])
        #expect(siciliano.authorships.allSatisfy { $0.affiliationIndices == [0] })
    }

    @Test("BibTeX 2023: BOM, tab-indented, entries glued to the previous '}', keys with spaces")
    func bib2023() throws {
        let path = TestSupport.fixture("scopus_bib_2023_biodiversity_excerpt_23rec.bib")
        let sink = try read(path, ScopusBibTeXImporter())
        #expect(sink.works.count == 23)
        #expect(sink.skipped.isEmpty)
        #expect(sink.warnings.isEmpty)
        let article = sink.works[2]
        #expect(article.sourceID == "2-s2.0-85129702805")
        #expect(article.authorships.first?.name == "McCluskey Elliot")
        #expect(article.authorships[1].name == "Brewin Robert J. W.")
        #expect(article.authorships[1].isCorresponding)
        #expect(article.citations == 6)
        #expect(countries(article) == ["GB", "GB", "BE", "US", "US", "US"])
        #expect(article.affiliationsShared)
        let seric = try #require(sink.works.first { $0.sourceID == "2-s2.0-85122883697" })
        #expect(seric.authorships.first?.name == "Šerić Ljiljana")
    }

    @Test("the RIS and BibTeX exports of the same records give the same works, countries and links")
    func risAndBibTeXAgree() throws {
        var pairs = [(TestSupport.fixture("scopus_ris_2023_biodiversity_excerpt_23rec.ris"),
                      TestSupport.fixture("scopus_bib_2023_biodiversity_excerpt_23rec.bib"))]
        if let ris = TestSupport.sharedFixtures("scopus-ris"), let bib = TestSupport.sharedFixtures("scopus-bib") {
            pairs.append((ris + "/scopus_2023_biodiversity_244rec.ris", bib + "/scopus_2023_biodiversity_244rec.bib"))
        }
        for (risPath, bibPath) in pairs {
            let ris = try read(risPath, ScopusRISImporter()).works
            let bib = try read(bibPath, ScopusBibTeXImporter()).works
            #expect(ris.count == bib.count)
            var singleNameAuthorsDropped: [String] = []
            for (a, b) in zip(ris, bib) {
                #expect(a.sourceID == b.sourceID)
                #expect(a.doi == b.doi, "\(a.sourceID)")
                #expect(a.year == b.year, "\(a.sourceID)")
                #expect(a.citations == b.citations, "\(a.sourceID)")
                // Scopus's RIS leaves out an author known by one name only (`Widiatmaka`); BibTeX keeps them last.
                let extra = b.authorships.dropFirst(a.authorships.count)
                if !extra.isEmpty, extra.allSatisfy({ !$0.name.contains(" ") }) { singleNameAuthorsDropped.append(a.sourceID) }
                #expect(a.authorships.map(\.identity) == b.authorships.prefix(a.authorships.count).map(\.identity), "\(a.sourceID)")
                #expect(a.authorships.count == b.authorships.count - extra.count, "\(a.sourceID)")
                #expect(a.authorships.map(\.isCorresponding) == b.authorships.prefix(a.authorships.count).map(\.isCorresponding), "\(a.sourceID)")
                #expect(a.affiliations.map(\.raw) == b.affiliations.map(\.raw), "\(a.sourceID)")
                #expect(countries(a) == countries(b), "\(a.sourceID)")
                #expect(a.affiliationsShared == b.affiliationsShared, "\(a.sourceID)")
            }
            #expect(singleNameAuthorsDropped == (ris.count == 244 ? ["2-s2.0-85129683210", "2-s2.0-85145640493"] : []))
        }
    }

    @Test("every shared Scopus RIS and BibTeX fixture imports with the record count of SOURCES.md")
    func sharedCounts() throws {
        guard let root = TestSupport.sharedFixtures("") else { return }
        let expected = [
            "scopus-ris/scopus_2020_bibx_836rec.ris": 836, "scopus-ris/scopus_2023_biodiversity_244rec.ris": 244,
            "scopus-bib/scopus_2017_bibliometrix_46rec.bib": 46, "scopus-bib/scopus_2023_biodiversity_244rec.bib": 244,
        ]
        for (file, count) in expected {
            let path = (root as NSString).appendingPathComponent(file)
            let sink = try read(path, try Importers.detect(path: path))
            #expect(sink.works.count == count, "\(file)")
            #expect(sink.skipped.isEmpty, "\(file)")
            #expect(Set(sink.works.map(\.sourceID)).count == count, "\(file): one EID per record")
        }
        // Maffei et al. list one affiliation twice: letter d is the fourth of the list as written.
        let bib = try read((root as NSString).appendingPathComponent("scopus-bib/scopus_2017_bibliometrix_46rec.bib"), ScopusBibTeXImporter())
        #expect(bib.warnings.isEmpty)
        let maffei = try #require(bib.works.first { $0.sourceID == "2-s2.0-84927592489" })
        #expect(maffei.affiliations.count == 3)
        #expect(maffei.authorships.map(\.affiliationIndices) == [[0], [1], [2], [0], [0]])
        // The 2020 RIS export: 30 URs glued to a reference line, all read; citations from `Cited By :n`.
        let ris = try read((root as NSString).appendingPathComponent("scopus-ris/scopus_2020_bibx_836rec.ris"), ScopusRISImporter())
        #expect(ris.works.allSatisfy { $0.sourceID.hasPrefix("2-s2.0-") })
        #expect(ris.works.filter { ($0.citations ?? 0) > 0 }.count == 639)
    }

    @Test("a record without an identifier is skipped with its line; a record cut short is kept with a warning")
    func damagedRIS() throws {
        let text = "TY  - JOUR\nTI  - No ids\nAU  - Doe, J.\nER  - \n\nTY  - JOUR\nDO  - 10.1/X\nAU  - Roe, R.\nAD  - Univ A, Paris, France\nN1  - Cited By: 2\n"
        let path = try TestSupport.write(text, name: "broken.ris")
        let sink = try read(path, ScopusRISImporter())
        #expect(sink.skipped.map(\.line) == [1])
        #expect(sink.skipped.first?.description.contains("no EID in 'UR' and no DOI in 'DO'") == true)
        #expect(sink.works.map(\.sourceID) == ["doi:10.1/x"])
        #expect(sink.works.first?.citations == 2)
        #expect(sink.works.first.map(countries) == ["FR"])
        #expect(sink.warnings.map(\.line) == [6, 6])
    }
}
