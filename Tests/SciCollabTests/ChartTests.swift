import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SciCollab

/// Parses an SVG and counts its data marks (`class="mark"`) by element.
final class SVGMarkCounter: NSObject, XMLParserDelegate {
    var marks: [String: Int] = [:]
    var texts: [String] = []
    private var inText = false

    /// Fails the test when the document is not well-formed XML.
    static func count(_ svg: String) -> SVGMarkCounter {
        let counter = SVGMarkCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "not well-formed SVG: \(String(describing: parser.parserError))")
        return counter
    }

    var total: Int { marks.values.reduce(0, +) }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if attributes["class"] == "mark" { marks[name, default: 0] += 1 }
        if name == "text" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
}

@Suite("SVG charts")
struct ChartTests {
    @Test("pair series and asymmetry: well-formed, a point per defined value, a bar per share, period and counting named")
    func pairCharts() throws {
        let store = try NetworkExportTests.toyStore()
        let metrics = try store.pair("DE", "FR")
        // 2020 and 2021: N_DE, N_FR, C_AB and both shares each year.
        let series = SVGMarkCounter.count(Charts.pairSeries(metrics).svg)
        #expect(series.marks == ["circle": 10])
        #expect(series.texts.contains { $0.contains("Period 2020–2021") && $0.contains("full counting") })
        #expect(series.texts.contains("Share of output (%)") && series.texts.contains("Publication year"))
        let asymmetry = SVGMarkCounter.count(Charts.asymmetry(metrics).svg)
        #expect(asymmetry.marks == ["rect": 6])
        // s(DE→FR) = 3/3 = 100 %, written at the bar's end.
        #expect(asymmetry.texts.contains("100.0%"))
        let fractional = SVGMarkCounter.count(Charts.pairSeries(try store.pair("DE", "FR", counting: .fractional)).svg)
        #expect(fractional.texts.contains { $0.contains("fractional counting") })
    }

    @Test("per-year shares follow the pair's definition: 9 US authors and 1 Italian give 100% each side, not 1000%")
    func yearShares() throws {
        let store = try TestSupport.makeStore()
        let us = "Harvard Univ, Cambridge, MA 02138, USA", it = "Univ Milan, Milan, Italy"
        let authors = (1...9).map { (name: "Smith \($0).", id: "\($0)", affiliations: [us]) } + [(name: "Rossi A.", id: "10", affiliations: [it])]
        let records = [CollaborationTests.record(1, year: 2020, cites: 3, authors: authors),
                       CollaborationTests.record(2, year: 2021, cites: 0, authors: [(name: "Verdi B.", id: "11", affiliations: [it])])]
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV(records), name: "two.csv"))
        let pair = try store.pair("IT", "US", counting: .fractional)
        let year2020 = try #require(pair.byYear.first { $0.year == 2020 })
        #expect(year2020.coauthored == 1)                        // the link strength, never divided by an output
        #expect(year2020.shareOfOutputA == 1 && year2020.shareOfOutputB == 1)
        let year2021 = try #require(pair.byYear.first { $0.year == 2021 })
        #expect(year2021.shareOfOutputA == 0 && year2021.shareOfOutputB == nil)   // IT alone; no US works
        // The chart plots these shares: 100.0 in 2020, nothing above it.
        let chart = Charts.pairSeries(pair).svg
        #expect(!chart.contains("1000"))
        let full = try store.pair("IT", "US")
        #expect(full.byYear.first { $0.year == 2020 }?.shareOfOutputA == 1)
        #expect(full.byYear.first { $0.year == 2021 }?.shareOfOutputA == 0)
    }

    @Test("collaboration types by year: one stacked segment per year and type with works")
    func collaborationTypes() throws {
        let store = try NetworkExportTests.toyStore()
        let years = try store.collaborationByYear(country: "DE")
        #expect(years.map(\.year) == [2020, 2021])
        let chart = SVGMarkCounter.count(Charts.collaborationTypes(years, country: "DE", scope: AnalysisScope()).svg)
        #expect(chart.marks == ["rect": 2])   // 2020 and 2021: international only
        #expect(chart.texts.contains("Works (full counting)"))
    }

    @Test("world map: one outline per partner, the shapes file is small and has the large countries")
    func worldMap() throws {
        let shapes = WorldShapes.standard
        #expect(shapes.shapes.count > 160)
        for code in ["US", "CN", "RU", "DE", "FR", "BR", "IN", "ZA", "AU", "NO"] {
            #expect(shapes.shapes.contains { $0.code == code }, "\(code) outline")
        }
        let store = try NetworkExportTests.toyStore()
        let partners = try store.pairs(country: "DE")
        let chart = SVGMarkCounter.count(Charts.worldMap(partners: partners, country: "DE", counting: .full, scope: AnalysisScope()).svg)
        #expect(chart.marks == ["path": 2])   // FR and IT
        let size = try FileManager.default.attributesOfItem(atPath: TestSupport.packageRoot.appendingPathComponent("Schemas/world_110m.tsv").path)[.size] as? Int
        #expect((size ?? .max) < 300_000)
    }

    @Test("fields of a pair and the network chart: three bars per field, a circle per node")
    func fieldsAndNetwork() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        let breakdown = try store.fieldBreakdown(scheme: "wos-category", set: .pair("US", "CA"))
        let rows = breakdown.rows.filter { $0.works > 0 }
        #expect(!rows.isEmpty)
        let shown = Array(rows.sorted { $0.works > $1.works }.prefix(10))
        let expected = shown.count + shown.filter { ($0.outputA ?? 0) > 0 }.count + shown.filter { ($0.outputB ?? 0) > 0 }.count
        let chart = SVGMarkCounter.count(Charts.fields(breakdown, a: "US", b: "CA", scope: AnalysisScope()).svg)
        #expect(chart.total == expected && chart.marks["rect"] == expected)
        let network = try store.network(NetworkOptions(focus: ["US", "CA"]))
        let drawn = SVGMarkCounter.count(Charts.network(network).svg)
        #expect(drawn.marks == ["circle": network.nodes.count])
        #expect(network.nodes.count == Set(network.edges.flatMap { [$0.source, $0.target] }).count)
    }

    @Test("text is escaped: a label with markup characters stays well-formed")
    func escaping() throws {
        var chart = SVGChart(title: "R&D <partners> \"quoted\"", subtitle: "a & b")
        chart.mark("rect", attributes: "x=\"0\" y=\"0\" width=\"1\" height=\"1\"", label: "<b>&")
        let parsed = SVGMarkCounter.count(chart.svg)
        #expect(parsed.total == 1 && parsed.texts.contains("R&D <partners> \"quoted\""))
    }
}
