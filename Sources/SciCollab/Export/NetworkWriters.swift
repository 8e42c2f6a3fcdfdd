import Foundation

/// The file formats a network is written in.
public enum NetworkFormat: String, Sendable, CaseIterable {
    /// VOSviewer map and network files (two tab-separated files).
    case vosviewer
    /// VOSviewer JSON (`{"network": {"items": […], "links": […]}}`).
    case vosviewerJSON = "vosviewer-json"
    case graphml, gexf
    /// Pajek `.net`.
    case pajek

    /// The format a file name's extension implies: `.graphml`, `.gexf`, `.net`, `.json`, `.txt`.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "graphml": self = .graphml
        case "gexf": self = .gexf
        case "net": self = .pajek
        case "json": self = .vosviewerJSON
        case "txt": self = .vosviewer
        default: return nil
        }
    }
}

/// Writes a `CollaborationNetwork` in the network formats. Node ids are 1-based positions.
public enum NetworkWriter {
    /// The files of `format`: name suffix (empty: the path given) and contents, in memory.
    public static func files(_ network: CollaborationNetwork, format: NetworkFormat) -> [(suffix: String, text: String)] {
        var layout: NetworkLayout?
        return suffixes(format).map { suffix in
            var text = ""
            write(network, format: format, suffix: suffix, layout: &layout, to: &text)
            return (suffix, text)
        }
    }

    /// Writes the files of `format` for `output`, each streamed to its file as it is rendered (a network of millions
    /// of links is never held as text), and returns their paths. VOSviewer's two files are `<output>_map.txt` and
    /// `<output>_network.txt` (`output` without its `.txt`); every other format is the one file `output`.
    /// - Throws: `ReportFileError` when a file cannot be created or written; the regular files this call wrote are
    ///   then removed, so that no part of a network is left to be read as the whole of it.
    public static func write(_ network: CollaborationNetwork, format: NetworkFormat, output: String) throws -> [String] {
        let base = format == .vosviewer && output.hasSuffix(".txt") ? String(output.dropLast(4)) : output
        var layout: NetworkLayout?
        var paths: [String] = []
        for suffix in suffixes(format) {
            let path = suffix.isEmpty ? output : base + suffix
            do {
                var stream = try ReportFileStream(path: path)
                paths.append(path)
                write(network, format: format, suffix: suffix, layout: &layout, to: &stream)
                try stream.close()
            } catch {
                // A device, a pipe or a link named as the output is left in place.
                for written in paths where isRegularFile(written) { try? FileManager.default.removeItem(atPath: written) }
                throw (error as? ReportFileError) ?? ReportFileError(path: path, reason: error.localizedDescription)
            }
        }
        return paths
    }

    /// Whether `path` is a regular file itself (not a link, a device or a pipe).
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The name suffixes of a format's files (empty: the path given).
    private static func suffixes(_ format: NetworkFormat) -> [String] {
        format == .vosviewer ? ["_map.txt", "_network.txt"] : [""]
    }

    /// Writes one file of `format` (named by its suffix) to `out`. The layout is computed by the first file that has
    /// coordinates and kept in `layout` for the next; GraphML and VOSviewer's network file have none.
    private static func write(_ network: CollaborationNetwork, format: NetworkFormat, suffix: String, layout: inout NetworkLayout?,
                              to out: inout some TextOutputStream) {
        func positions() -> NetworkLayout {
            if let layout { return layout }
            let made = NetworkLayout(network)
            layout = made
            return made
        }
        switch format {
        case .vosviewer where suffix == "_map.txt": vosviewerMap(network, layout: positions(), to: &out)
        case .vosviewer: vosviewerNetwork(network, to: &out)
        case .vosviewerJSON: vosviewerJSON(network, layout: positions(), to: &out)
        case .graphml: graphML(network, to: &out)
        case .gexf: gexf(network, layout: positions(), to: &out)
        case .pajek: pajek(network, layout: positions(), to: &out)
        }
    }

    /// The text a writer gives for `network`, in memory.
    private static func text(_ write: (inout String) -> Void) -> String {
        var out = ""
        write(&out)
        return out
    }

    /// Every node's links and total link strength, counted once per file (each is a pass over the links).
    struct NodeTotals {
        let degrees: [Int]
        let strengths: [Double]

        init(_ network: CollaborationNetwork) {
            degrees = network.degrees
            strengths = network.totalLinkStrength
        }
    }

    /// A number as text: integers without a decimal point, others with up to 6 decimals.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    private static func tsvField(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// The weight columns of a node in VOSviewer's naming, then the scores.
    private static func nodeWeights(_ network: CollaborationNetwork, _ i: Int, _ totals: NodeTotals) -> [(String, Double)] {
        let node = network.nodes[i]
        var weights = [("Links", Double(totals.degrees[i])), ("Total link strength", totals.strengths[i]),
                       ("Documents", Double(node.works)), ("Fractional documents", node.worksFractional)]
        if let authors = node.authors { weights.append(("Authors", Double(authors))) }
        return weights
    }

    private static func nodeScores(_ node: NetworkNode) -> [(String, Double?)] {
        [("Avg. pub. year", node.meanYear), ("Avg. citations", node.citationsPerPublication), ("Avg. norm. citations", node.impact)]
    }

    // MARK: VOSviewer

    /// The map file: `id label x y cluster weight<…>… score<…>…`, tab-separated with a header.
    public static func vosviewerMap(_ network: CollaborationNetwork, layout: NetworkLayout) -> String {
        text { vosviewerMap(network, layout: layout, to: &$0) }
    }

    /// `vosviewerMap(_:layout:)` written to `out`.
    public static func vosviewerMap(_ network: CollaborationNetwork, layout: NetworkLayout, to out: inout some TextOutputStream) {
        guard !network.nodes.isEmpty else { return out.write("id\tlabel\tx\ty\tcluster\n") }
        let totals = NodeTotals(network)
        let weightNames = nodeWeights(network, 0, totals).map(\.0)
        // A score column only when some node has a value (impact is left out under --no-impact).
        let scoreColumns = nodeScores(network.nodes[0]).indices.filter { column in network.nodes.contains { nodeScores($0)[column].1 != nil } }
        let scoreNames = scoreColumns.map { nodeScores(network.nodes[0])[$0].0 }
        out.write((["id", "label", "x", "y", "cluster"] + weightNames.map { "weight<\($0)>" } + scoreNames.map { "score<\($0)>" })
            .joined(separator: "\t") + "\n")
        for (i, node) in network.nodes.enumerated() {
            var cells = [String(i + 1), tsvField(node.label), number(layout.x[i]), number(layout.y[i]), String(layout.clusters[i])]
            cells += nodeWeights(network, i, totals).map { number($0.1) }
            let scores = nodeScores(node)
            cells += scoreColumns.map { scores[$0].1.map(number) ?? "" }
            out.write(cells.joined(separator: "\t") + "\n")
        }
    }

    /// The network file: `id id weight` per link, tab-separated, no header.
    public static func vosviewerNetwork(_ network: CollaborationNetwork) -> String {
        text { vosviewerNetwork(network, to: &$0) }
    }

    /// `vosviewerNetwork(_:)` written to `out`.
    public static func vosviewerNetwork(_ network: CollaborationNetwork, to out: inout some TextOutputStream) {
        for edge in network.edges { out.write("\(edge.source + 1)\t\(edge.target + 1)\t\(number(edge.weight(network.options.counting)))\n") }
    }

    /// VOSviewer JSON: items with `weights` and `scores`, links with `strength`.
    public static func vosviewerJSON(_ network: CollaborationNetwork, layout: NetworkLayout) -> String {
        text { vosviewerJSON(network, layout: layout, to: &$0) }
    }

    /// `vosviewerJSON(_:layout:)` written to `out`, item by item and link by link: the text of
    /// `{"network": {"items": […], "links": […]}}` rendered whole, two spaces per level.
    public static func vosviewerJSON(_ network: CollaborationNetwork, layout: NetworkLayout, to out: inout some TextOutputStream) {
        let totals = NodeTotals(network)
        func item(_ i: Int, _ node: NetworkNode) -> JSONOutput {
            var members: [(key: String, value: JSONOutput)] = [
                ("id", .value(.int(i + 1))), ("label", .value(.text(node.label))), ("description", .value(.text(node.key))),
                ("x", .value(.real(layout.x[i], decimals: 4))), ("y", .value(.real(layout.y[i], decimals: 4))),
                ("cluster", .value(.int(layout.clusters[i]))),
            ]
            members.append(("weights", .object(nodeWeights(network, i, totals).map { ($0.0, .value(.real($0.1, decimals: 4))) })))
            members.append(("scores", .object(nodeScores(node).compactMap { name, value in value.map { (name, .value(.real($0, decimals: 4))) } })))
            return .object(members)
        }
        func link(_ edge: NetworkEdge) -> JSONOutput {
            .object([("source_id", .value(.int(edge.source + 1))), ("target_id", .value(.int(edge.target + 1))),
                     ("strength", .value(.real(edge.weight(network.options.counting), decimals: 6)))])
        }
        // An array of objects: `[`, each element on its own line indented one level more, `]` under the key's indent.
        func array<Element>(_ elements: some Sequence<Element>, isEmpty: Bool, _ element: (Element) -> JSONOutput) {
            guard !isEmpty else { return out.write("[]") }
            out.write("[\n")
            var first = true
            for value in elements {
                out.write((first ? "" : ",\n") + "      " + ReportRenderer.jsonOutput(element(value), indent: "      "))
                first = false
            }
            out.write("\n    ]")
        }
        out.write("{\n  \"network\": {\n    \"items\": ")
        array(network.nodes.enumerated(), isEmpty: network.nodes.isEmpty) { item($0.offset, $0.element) }
        out.write(",\n    \"links\": ")
        array(network.edges, isEmpty: network.edges.isEmpty, link)
        out.write("\n  }\n}\n")
    }

    // MARK: Pajek

    /// `*Vertices n` with quoted labels and coordinates in [0, 1], then `*Edges` with weights.
    public static func pajek(_ network: CollaborationNetwork, layout: NetworkLayout) -> String {
        text { pajek(network, layout: layout, to: &$0) }
    }

    /// `pajek(_:layout:)` written to `out`.
    public static func pajek(_ network: CollaborationNetwork, layout: NetworkLayout, to out: inout some TextOutputStream) {
        out.write("*Vertices \(network.nodes.count)\n")
        for (i, node) in network.nodes.enumerated() {
            let label = node.label.replacingOccurrences(of: "\"", with: "'")
            out.write("\(i + 1) \"\(label)\" \(number((layout.x[i] + 1) / 2)) \(number((layout.y[i] + 1) / 2))\n")
        }
        out.write("*Edges\n")
        for edge in network.edges { out.write("\(edge.source + 1) \(edge.target + 1) \(number(edge.weight(network.options.counting)))\n") }
    }

    // MARK: GraphML

    /// Undirected GraphML with typed node and edge attributes; `weight` is the counting method's link weight.
    public static func graphML(_ network: CollaborationNetwork) -> String {
        text { graphML(network, to: &$0) }
    }

    /// `graphML(_:)` written to `out`.
    public static func graphML(_ network: CollaborationNetwork, to out: inout some TextOutputStream) {
        out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """)
        for attribute in NetworkAttributes.node {
            out.write("  <key id=\"\(attribute.name)\" for=\"node\" attr.name=\"\(attribute.name)\" attr.type=\"\(attribute.type)\"/>\n")
        }
        for attribute in NetworkAttributes.edge {
            out.write("  <key id=\"\(attribute.name)\" for=\"edge\" attr.name=\"\(attribute.name)\" attr.type=\"\(attribute.type)\"/>\n")
        }
        out.write("  <graph id=\"\(network.options.level.rawValue)\" edgedefault=\"undirected\">\n")
        let totals = NodeTotals(network)
        for i in network.nodes.indices {
            out.write("    <node id=\"n\(i + 1)\">\n")
            for (name, value) in NetworkAttributes.nodeValues(network, i, totals) {
                out.write("      <data key=\"\(name)\">\(XML.escape(value))</data>\n")
            }
            out.write("    </node>\n")
        }
        for (i, edge) in network.edges.enumerated() {
            out.write("    <edge id=\"e\(i + 1)\" source=\"n\(edge.source + 1)\" target=\"n\(edge.target + 1)\">\n")
            for (name, value) in NetworkAttributes.edgeValues(network, edge) {
                out.write("      <data key=\"\(name)\">\(XML.escape(value))</data>\n")
            }
            out.write("    </edge>\n")
        }
        out.write("  </graph>\n</graphml>\n")
    }

    // MARK: GEXF

    /// GEXF 1.2 with static attributes, per-year dynamic attributes (`works_in_year`, `coauthored_in_year`)
    /// and node/edge spells over the years with works, for Gephi's timeline.
    public static func gexf(_ network: CollaborationNetwork, layout: NetworkLayout) -> String {
        text { gexf(network, layout: layout, to: &$0) }
    }

    /// `gexf(_:layout:)` written to `out`.
    public static func gexf(_ network: CollaborationNetwork, layout: NetworkLayout, to out: inout some TextOutputStream) {
        out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
              <meta><creator>scicollab</creator><description>\(XML.escape(description(network)))</description></meta>
              <graph mode="dynamic" defaultedgetype="undirected" timeformat="integer">
                <attributes class="node" mode="static">

            """)
        for (i, attribute) in NetworkAttributes.node.enumerated() {
            out.write("      <attribute id=\"\(i)\" title=\"\(attribute.name)\" type=\"\(attribute.gexfType)\"/>\n")
        }
        out.write("    </attributes>\n    <attributes class=\"node\" mode=\"dynamic\">\n")
        out.write("      <attribute id=\"\(NetworkAttributes.node.count)\" title=\"works_in_year\" type=\"integer\"/>\n")
        out.write("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
        for (i, attribute) in NetworkAttributes.edge.enumerated() {
            out.write("      <attribute id=\"\(i)\" title=\"\(attribute.name)\" type=\"\(attribute.gexfType)\"/>\n")
        }
        out.write("    </attributes>\n    <attributes class=\"edge\" mode=\"dynamic\">\n")
        out.write("      <attribute id=\"\(NetworkAttributes.edge.count)\" title=\"coauthored_in_year\" type=\"integer\"/>\n")
        out.write("    </attributes>\n    <nodes>\n")
        let totals = NodeTotals(network)
        let maxWorks = Double(max(network.nodes.map(\.works).max() ?? 1, 1))
        for (i, node) in network.nodes.enumerated() {
            let years = node.yearCounts.years
            let span = years.isEmpty ? "" : " start=\"\(years.first!)\" end=\"\(years.last!)\""
            out.write("      <node id=\"n\(i + 1)\" label=\"\(XML.escape(node.label))\"\(span)>\n")
            out.write(gexfValues(NetworkAttributes.nodeValues(network, i, totals), attributes: NetworkAttributes.node, byYear: node.yearCounts))
            out.write("        <viz:position x=\"\(number(layout.x[i] * 500))\" y=\"\(number(layout.y[i] * 500))\" z=\"0\"/>\n")
            out.write("        <viz:size value=\"\(number(4 + 16 * (Double(node.works) / maxWorks).squareRoot()))\"/>\n")
            out.write("      </node>\n")
        }
        out.write("    </nodes>\n    <edges>\n")
        for (i, edge) in network.edges.enumerated() {
            let years = edge.yearCounts.years
            let span = years.isEmpty ? "" : " start=\"\(years.first!)\" end=\"\(years.last!)\""
            out.write("      <edge id=\"e\(i + 1)\" source=\"n\(edge.source + 1)\" target=\"n\(edge.target + 1)\" weight=\"\(number(edge.weight(network.options.counting)))\"\(span)>\n")
            out.write(gexfValues(NetworkAttributes.edgeValues(network, edge), attributes: NetworkAttributes.edge, byYear: edge.yearCounts))
            out.write("      </edge>\n")
        }
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    }

    /// A GEXF `<attvalues>` block: the static values by attribute index, then the per-year values of the
    /// dynamic attribute (its index follows the static ones).
    private static func gexfValues(_ values: [(name: String, value: String)], attributes: [NetworkAttributes.Attribute],
                                   byYear: YearCounts) -> String {
        var out = "        <attvalues>\n"
        for (index, attribute) in attributes.enumerated() {
            if let value = values.first(where: { $0.name == attribute.name })?.value {
                out += "          <attvalue for=\"\(index)\" value=\"\(XML.escape(value))\"/>\n"
            }
        }
        for year in byYear.years {
            out += "          <attvalue for=\"\(attributes.count)\" value=\"\(byYear[year])\" start=\"\(year)\" end=\"\(year)\"/>\n"
        }
        return out + "        </attvalues>\n"
    }

    /// One sentence: level, period, counting method.
    public static func description(_ network: CollaborationNetwork) -> String {
        "Co-authorship network of \(network.options.level.rawValue), \(network.periodDescription), \(network.options.counting.rawValue) counting"
    }
}

/// The typed attributes every network format carries, in one place.
enum NetworkAttributes {
    struct Attribute {
        var name: String
        /// GraphML type.
        var type: String
        var gexfType: String { type == "int" ? "integer" : type }
    }

    static let node = [
        Attribute(name: "key", type: "string"), Attribute(name: "label", type: "string"), Attribute(name: "works", type: "int"),
        Attribute(name: "works_fractional", type: "double"), Attribute(name: "authors", type: "int"),
        Attribute(name: "citations_per_publication", type: "double"), Attribute(name: "impact", type: "double"),
        Attribute(name: "country", type: "string"), Attribute(name: "mean_year", type: "double"),
        Attribute(name: "links", type: "int"), Attribute(name: "total_link_strength", type: "double"),
    ]

    static let edge = [
        Attribute(name: "weight", type: "double"), Attribute(name: "coauthored", type: "int"),
        Attribute(name: "link_strength", type: "double"), Attribute(name: "share_source", type: "double"),
        Attribute(name: "share_target", type: "double"),
    ]

    /// The defined values of node `i` (an undefined value is left out, never written as 0).
    static func nodeValues(_ network: CollaborationNetwork, _ i: Int, _ totals: NetworkWriter.NodeTotals) -> [(name: String, value: String)] {
        let node = network.nodes[i]
        let number = NetworkWriter.number
        let values: [(String, String?)] = [
            ("key", node.key), ("label", node.label), ("works", String(node.works)), ("works_fractional", number(node.worksFractional)),
            ("authors", node.authors.map(String.init)), ("citations_per_publication", node.citationsPerPublication.map(number)),
            ("impact", node.impact.map(number)), ("country", node.country), ("mean_year", node.meanYear.map(number)),
            ("links", String(totals.degrees[i])), ("total_link_strength", number(totals.strengths[i])),
        ]
        return values.compactMap { name, value in value.map { (name, $0) } }
    }

    static func edgeValues(_ network: CollaborationNetwork, _ edge: NetworkEdge) -> [(name: String, value: String)] {
        let number = NetworkWriter.number
        let values: [(String, String?)] = [
            ("weight", number(edge.weight(network.options.counting))), ("coauthored", String(edge.coauthored)),
            ("link_strength", number(edge.linkStrength)), ("share_source", edge.shareSource.map(number)),
            ("share_target", edge.shareTarget.map(number)),
        ]
        return values.compactMap { name, value in value.map { (name, $0) } }
    }
}

/// XML text escaping for the XML formats the tool writes (GraphML, GEXF, SVG, HTML).
public enum XML {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20,
                   scalar != "\n", scalar != "\t" { continue }
                out.append(character)
            }
        }
        return out
    }
}
