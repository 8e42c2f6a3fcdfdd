import Foundation
import Testing
@testable import SciCollab

struct OpenAlexImporterTests {
    static let page = "openalex_api_works_page_50rec_2025.json"

    func read(_ path: String, _ importer: some Importer = OpenAlexJSONImporter()) throws -> CollectingSink {
        let sink = CollectingSink()
        try importer.read(path: path, into: sink)
        return sink
    }

    func work(_ sink: CollectingSink, _ id: String) throws -> Work {
        try #require(sink.works.first { $0.sourceID == id })
    }

    func countries(_ work: Work, _ position: Int) -> [String?] {
        work.authorships[position - 1].affiliationIndices.map { work.affiliations[$0].country }
    }

    /// The page's works written as JSON Lines, one compact object a line.
    func jsonLines(gzip: Bool) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture(Self.page)))
        let page = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let results = try #require(page["results"] as? [[String: Any]])
        var text = ""
        for work in results {
            text += String(decoding: try JSONSerialization.data(withJSONObject: work), as: UTF8.self) + "\n"
        }
        let path = try TestSupport.write(text, name: "part_000.jsonl")
        guard gzip else { return path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-k", path]
        try process.run()
        process.waitUntilExit()
        return path + ".gz"
    }

    @Test("bundled fixtures: record counts, nothing skipped, format detected", arguments: [
        ("openalex_api_works_page_50rec_2025.json", 50, "openalex-json"),
        ("openalex_api_single_work_W2741809807_2025.json", 1, "openalex-json"),
        ("openalex_webui_csv_sample_8rec.csv", 8, "openalex-csv"),
    ])
    func bundledCounts(file: String, records: Int, format: String) throws {
        let importer = try Importers.detect(path: TestSupport.fixture(file))
        #expect(importer.format.id == format)
        let sink = try read(TestSupport.fixture(file), importer)
        #expect(sink.works.count == records)
        #expect(sink.skipped.isEmpty)
    }

    @Test("API page: authorships, institutions, countries, counts by year, fwci, topics (hand-read)")
    func pageValues() throws {
        let sink = try read(TestSupport.fixture(Self.page))
        let governance = try work(sink, "W1934649023")
        #expect(governance.year == 2005 && governance.documentType == "book" && governance.citations == 1589)
        #expect(governance.sourceFWCI == 140.431 && governance.sourcePercentile == 0.999761)
        #expect(governance.doi == "10.1596/1813-9450-3630" && governance.issnL == "1813-9450" && governance.issn == "1813-9450")
        #expect(governance.sourceTitle == "World Bank policy research working paper")
        #expect(governance.citationsByYear[2025] == 18 && governance.citationsByYear[2024] == 19)
        let first = governance.authorships[0]
        #expect(first.name == "Daniel Kaufmann")
        #expect(first.identity == AuthorIdentity(kind: .sourceID, value: "openalex:A5084264679"))
        #expect(first.orcid == "0000-0003-3260-0660")
        let brookings = governance.affiliations[first.affiliationIndices[0]]
        #expect(brookings.institution == "Brookings Institution" && brookings.institutionID == "I115283149")
        #expect(brookings.ror == "04aj4sh46" && brookings.country == "US" && brookings.countryIsStructured)
        #expect(brookings.raw == "The Brookings Institution")
        #expect(governance.fields.first == FieldAssignment(scheme: "openalex-subfield", code: "3312", name: "Sociology and Political Science"))
        #expect(governance.fields.contains(FieldAssignment(scheme: "openalex-field", code: "33", name: "Social Sciences")))
        #expect(governance.fields.contains(FieldAssignment(scheme: "openalex-domain", code: "2", name: "Social Sciences")))

        let conservation = try work(sink, "W2125576237")
        #expect(conservation.authorships.count == 12)
        #expect(Set(conservation.affiliations.compactMap(\.country)) == ["CR", "MX", "NL", "SV", "US"])
        #expect(countries(conservation, 1) == ["CR"])
        // Komar has no institution; OpenAlex read SV from his raw string, which is kept.
        #expect(countries(conservation, 2) == ["SV"])
        #expect(conservation.affiliations[conservation.authorships[1].affiliationIndices[0]].raw.hasSuffix("San Salvador, El Salvador"))
        #expect(countries(conservation, 3) == ["US"])
        #expect(conservation.citationsByYear[2024] == 64 && conservation.sourceFWCI == 16.535)
        #expect(conservation.fields.filter { $0.scheme == "openalex-subfield" }.map(\.code) == ["2306", "1108", "2309"])
        #expect(conservation.fields.filter { $0.scheme == "openalex-field" }.map(\.code) == ["23", "11"])

        #expect(try work(sink, "W2149799184").sourceFWCI == nil)
    }

    @Test("single work object: a null country_code is read from the raw string; ORCIDs; PMID from ids")
    func singleWork() throws {
        let sink = try read(TestSupport.fixture("openalex_api_single_work_W2741809807_2025.json"))
        let work = try #require(sink.works.first)
        #expect(work.sourceID == "W2741809807" && work.pmid == "29456894" && work.year == 2018)
        #expect(work.authorships.count == 9)
        #expect(work.authorships.map(\.isCorresponding).allSatisfy { !$0 })
        let alperin = work.authorships[3]
        #expect(alperin.name == "Juan Pablo Alperín" && alperin.orcid == "0000-0002-9344-7439")
        // Public Knowledge Project has no country_code; its raw string "Public Knowledge Project, Canada" gives CA.
        #expect(countries(work, 4) == ["CA", "CA"])
        #expect(work.affiliations[alperin.affiliationIndices[1]].institution == "Public Knowledge Project")
        // Shared institutions are one affiliation of the work.
        #expect(work.authorships[0].affiliationIndices == work.authorships[1].affiliationIndices)
        #expect(work.sourceFWCI == 76.282 && work.citations == 962 && work.citationsByYear[2024] == 118)
    }

    @Test("JSON Lines, plain and gzip-compressed, give the same works as the API page", arguments: [false, true])
    func jsonLinesMatchPage(gzip: Bool) throws {
        let page = try read(TestSupport.fixture(Self.page)).works
        let path = try jsonLines(gzip: gzip)
        #expect(try Importers.detect(path: path).format.id == "openalex-json")
        let lines = try read(path)
        #expect(lines.skipped.isEmpty)
        #expect(lines.works.count == page.count)
        #expect(lines.works.map(\.line) == Array(1...50))
        for (a, b) in zip(page, lines.works) {
            var b = b
            b.line = a.line
            #expect(a == b, "\(a.sourceID)")
        }
    }

    @Test("a JSON Lines line cut short is skipped with its line; the next lines are read")
    func damagedLine() throws {
        let good = #"{"id":"https://openalex.org/W1","publication_year":2020,"authorships":[]}"#
        let cutInString = #"{"id":"https://openalex.org/W2","display_name":"cut"#
        let cutOutside = #"{"id":"https://openalex.org/W3","authorships":[{"#
        let notAWork = #"{"id":"https://openalex.org/A5","display_name":"an author"}"#
        let text = [good, cutInString, good.replacingOccurrences(of: "W1", with: "W4"), cutOutside,
                    good.replacingOccurrences(of: "W1", with: "W6"), notAWork].joined(separator: "\n") + "\n"
        let sink = try read(try TestSupport.write(text, name: "works.jsonl"))
        #expect(sink.works.map(\.sourceID) == ["W1", "W4", "W6"])
        #expect(sink.skipped.map(\.line) == [2, 4, 6])
    }

    @Test("a top-level array of works and a pretty-printed page")
    func otherShapes() throws {
        let array = #"[{"id":"https://openalex.org/W1"}, {"id":"https://openalex.org/W2", "results": 3}]"#
        #expect(try read(try TestSupport.write(array, name: "a.json")).works.map(\.sourceID) == ["W1", "W2"])
        let page = """
            {
              "meta": {"count": 2},
              "results": [
                {
                  "id": "https://openalex.org/W7",
                  "title": "Line\\nbreak \\u00e9\\ud83d\\ude00"
                },
                {"id": "https://openalex.org/W8"}
              ],
              "group_by": []
            }
            """
        let sink = try read(try TestSupport.write(page, name: "p.json"))
        #expect(sink.works.map(\.sourceID) == ["W7", "W8"])
        #expect(sink.works.map(\.line) == [4, 8])
        #expect(sink.works[0].title == "Line\nbreak é😀")
    }

    @Test("web-interface CSV: `|`-joined authors, per-author countries, institutions only when one per author")
    func csv() throws {
        let sink = try read(TestSupport.fixture("openalex_webui_csv_sample_8rec.csv"), OpenAlexCSVImporter())
        let bibliometrix = try work(sink, "W2755950973")
        #expect(bibliometrix.authorships.map(\.name) == ["Massimo Aria", "Corrado Cuccurullo"])
        #expect(bibliometrix.authorships.map(\.isCorresponding) == [true, false])
        #expect(bibliometrix.authorships[1].identity == AuthorIdentity(kind: .sourceID, value: "openalex:A5049136342"))
        #expect(bibliometrix.authorships[1].orcid == "0000-0002-7401-8575")
        #expect(bibliometrix.affiliations.map(\.institution) == ["University of Naples Federico II", "University of Campania \"Luigi Vanvitelli\""])
        #expect(bibliometrix.affiliations.map(\.country) == ["IT", "IT"])
        #expect(bibliometrix.citations == 13235 && bibliometrix.sourceFWCI == 116.9374 && bibliometrix.year == 2017)
        #expect(bibliometrix.sourcePercentile == 0.99961755 && bibliometrix.issnL == "1751-1577")
        // Two authors, four institutions: countries per author, no institutions, and a warning.
        let entrepreneurship = try work(sink, "W3158457682")
        #expect(countries(entrepreneurship, 1) == ["IN"] && countries(entrepreneurship, 2) == ["IN"])
        #expect(entrepreneurship.affiliations.allSatisfy { $0.institution == nil })
        #expect(sink.warnings.map(\.recordID) == ["W3158457682"])
        // An author with an empty country entry has no affiliation.
        let tourism = try work(sink, "W3157897857")
        #expect(countries(tourism, 3) == [])
        #expect(try work(sink, "W4223592677").pmid == "35434524")
    }

    @Test("OpenAlex works in the store: per-year citations and source-provided values")
    func store() throws {
        let store = try TestSupport.makeStore()
        let report = try store.importFile(TestSupport.fixture(Self.page))
        #expect(report.recordsImported == 50)
        let rows = try store.database.rows("""
            SELECT c.citations FROM citations_by_year c JOIN works w ON w.id = c.work_id
            WHERE w.source_id = 'W1934649023' AND c.year IN (2024, 2025) ORDER BY c.year
            """)
        #expect(rows.map { $0[0].int } == [19, 18])
        let ror = try store.database.scalar("SELECT ror FROM affiliations WHERE institution_id = 'I115283149' LIMIT 1")
        #expect(ror.string == "04aj4sh46")
    }
}
