import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SciCollab

/// Reads a GraphML or GEXF file back with Foundation's XML parser: the nodes' labels and the edges' endpoints
/// and weights.
final class NetworkXMLReader: NSObject, XMLParserDelegate {
    var labels: [String: String] = [:]
    var edges: [(source: String, target: String, weight: Double)] = []
    private var currentNode: String?
    private var currentEdge: (source: String, target: String)?
    private var dataKey: String?
    private var text = ""

    static func read(_ path: String) throws -> NetworkXMLReader {
        let reader = NetworkXMLReader()
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
        parser.delegate = reader
        #expect(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))")
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "node":
            currentNode = attributes["id"]
            if let id = attributes["id"], let label = attributes["label"] { labels[id] = label }
        case "edge":
            if let s = attributes["source"], let t = attributes["target"] {
                currentEdge = (s, t)
                if let weight = attributes["weight"].flatMap(Double.init) { edges.append((s, t, weight)) }
            }
        case "data":
            dataKey = attributes["key"]
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "data" {
            if dataKey == "label", let node = currentNode { labels[node] = text }
            if dataKey == "weight", let edge = currentEdge, let weight = Double(text) { edges.append((edge.source, edge.target, weight)) }
            dataKey = nil
        }
        if name == "node" { currentNode = nil }
        if name == "edge" { currentEdge = nil }
    }

    /// Weights keyed by the two labels in order.
    var weights: [String: Double] {
        var out: [String: Double] = [:]
        for edge in edges {
            let pair = [labels[edge.source] ?? edge.source, labels[edge.target] ?? edge.target].sorted()
            out[pair.joined(separator: "|")] = edge.weight
        }
        return out
    }
}

@Suite("Network export")
struct NetworkExportTests {
    /// W1 (2020): DE, FR, IT authors; W2 (2021): DE and FR; W3 (2021): an author at FR and IT, one at DE.
    static func toyStore() throws -> Store {
        let store = try TestSupport.makeStore()
        let text = TestSupport.scopusCSV([
            ["Authors": "Alpha A.; Beta B.; Gamma C.", "Author(s) ID": "1; 2; 3", "Year": "2020", "Cited by": "10",
             "Affiliations": "Univ A, Berlin, Germany; Univ B, Paris, France; Univ C, Rome, Italy",
             "Authors with affiliations": "Alpha A., Univ A, Berlin, Germany; Beta B., Univ B, Paris, France; Gamma C., Univ C, Rome, Italy",
             "EID": "2-s2.0-1"],
            ["Authors": "Alpha A.; Delta D.", "Author(s) ID": "1; 4", "Year": "2021", "Cited by": "4",
             "Affiliations": "Univ A, Berlin, Germany; Univ B, Paris, France",
             "Authors with affiliations": "Alpha A., Univ A, Berlin, Germany; Delta D., Univ B, Paris, France",
             "EID": "2-s2.0-2"],
            ["Authors": "Beta B.; Eta E.", "Author(s) ID": "2; 5", "Year": "2021", "Cited by": "1",
             "Affiliations": "Univ B, Paris, France; Univ C, Rome, Italy; Univ A, Berlin, Germany",
             "Authors with affiliations": "Beta B., Univ B, Paris, France, Univ C, Rome, Italy; Eta E., Univ A, Berlin, Germany",
             "EID": "2-s2.0-3"],
        ])
        _ = try store.importFile(try TestSupport.write(text, name: "toy.csv"))
        return store
    }

    static func weight(_ network: CollaborationNetwork, _ a: String, _ b: String) -> NetworkEdge? {
        network.edges.first { edge in
            Set([network.nodes[edge.source].key, network.nodes[edge.target].key]) == Set([a, b])
        }
    }

    @Test("countries: hand-computed C_AB and link strengths, shares and per-year counts")
    func toyCountries() throws {
        let store = try Self.toyStore()
        let full = try store.network(NetworkOptions(counting: .full))
        #expect(full.nodes.map(\.key).sorted() == ["DE", "FR", "IT"])
        #expect(full.edges.count == 3)
        let deFr = try #require(Self.weight(full, "DE", "FR"))
        #expect(deFr.coauthored == 3 && deFr.weight(.full) == 3)
        #expect(abs(deFr.linkStrength - 2) < 1e-9)          // 1/2 + 1 + 1/2
        #expect(deFr.coauthoredByYear == [2020: 1, 2021: 2])
        let deIt = try #require(Self.weight(full, "DE", "IT"))
        #expect(deIt.coauthored == 2 && abs(deIt.linkStrength - 1) < 1e-9)
        // IT has 2 works, all with DE: 100 %; DE has 3 works: 66.67 %.
        let itShare = full.nodes[deIt.source].key == "IT" ? deIt.shareSource : deIt.shareTarget
        #expect(itShare == 100)
        #expect(full.nodes.first { $0.key == "DE" }?.worksByYear == [2020: 1, 2021: 2])
        let fractional = try store.network(NetworkOptions(counting: .fractional, minWeight: 1.5))
        #expect(fractional.edges.count == 1 && fractional.nodes.count == 2)
        #expect(fractional.edges.first?.weight(.fractional) == 2)
        let top = try store.network(NetworkOptions(top: 2))
        #expect(top.nodes.count == 2 && top.edges.count == 1)
    }

    @Test("institutions and authors: fractional works and links by hand")
    func toyEntities() throws {
        let store = try Self.toyStore()
        let institutions = try store.network(NetworkOptions(level: .institutions, counting: .fractional))
        #expect(institutions.nodes.count == 3 && institutions.edges.count == 3)
        let fractional = Dictionary(uniqueKeysWithValues: institutions.nodes.map { ($0.country ?? "", $0.worksFractional) })
        #expect(abs(fractional["DE"]! - 4.0 / 3) < 1e-9)      // 1/3 + 1/2 + 1/2
        #expect(abs(fractional["FR"]! - 13.0 / 12) < 1e-9)    // 1/3 + 1/2 + 1/4
        #expect(abs(fractional["IT"]! - 7.0 / 12) < 1e-9)     // 1/3 + 1/4
        #expect(institutions.nodes.first { $0.country == "FR" }?.authors == 2)
        let authors = try store.network(NetworkOptions(level: .authors))
        #expect(authors.nodes.count == 5 && authors.edges.count == 5)
        let alpha = try #require(authors.nodes.first { $0.label.hasPrefix("Alpha") })
        #expect(alpha.works == 2 && abs(alpha.worksFractional - 5.0 / 6) < 1e-9)
        let limited = try store.network(NetworkOptions(level: .authors, maxAuthors: 2))
        #expect(limited.nodes.count == 4 && limited.edges.count == 2)   // W1 (3 authors) left out
    }

    @Test("the institution network has the institutions, weights and authors of the institutions command")
    func institutionsAgree() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        let network = try store.network(NetworkOptions(level: .institutions, counting: .fractional))
        let table = Dictionary(uniqueKeysWithValues: try store.institutionTable().map { ($0.info.key, $0) })
        // A network keeps the institutions with at least one link.
        #expect(network.nodes.count == table.values.filter { $0.partners > 0 }.count && network.nodes.count > 10)
        for node in network.nodes {
            let row = try #require(table[node.key])
            #expect(node.works == row.figures.works && abs(node.worksFractional - row.figures.worksFractional) < 1e-9)
            #expect(node.authors == row.figures.authors && node.label == row.info.name && node.country == row.info.country)
        }
        let partners = Dictionary(grouping: network.edges.flatMap { [$0.source, $0.target] }, by: { $0 }).mapValues(\.count)
        for (index, node) in network.nodes.enumerated() { #expect(partners[index, default: 0] == table[node.key]?.partners) }
    }

    @Test("--top keeps the N nodes of greatest total link strength in the whole network, and their links among them",
          arguments: [NetworkLevel.institutions, .authors], [CountingMethod.full, .fractional])
    func topNodesRankedBeforeLinks(level: NetworkLevel, counting: CountingMethod) throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        let whole = try store.network(NetworkOptions(level: level, counting: counting))
        let strength = whole.totalLinkStrength
        #expect(whole.nodes.count > 40)
        // Ranked by strength (at 1e-9, fractional sums tie as they should), then by key.
        let ranked = whole.nodes.indices.sorted {
            let (l, r) = ((strength[$0] * 1e9).rounded(), (strength[$1] * 1e9).rounded())
            return l != r ? l > r : whole.nodes[$0].key < whole.nodes[$1].key
        }
        for top in [1, 7, 25, whole.nodes.count + 5] {
            let kept = Set(ranked.prefix(top))
            let expectedEdges = whole.edges.filter { kept.contains($0.source) && kept.contains($0.target) }
            let linked = Set(expectedEdges.flatMap { [$0.source, $0.target] })
            let network = try store.network(NetworkOptions(level: level, counting: counting, top: top))
            #expect(network.nodes.map(\.key) == ranked.filter(linked.contains).map { whole.nodes[$0].key })
            // The ranked nodes without a link among the kept ones are named in a note, never dropped silently.
            let unlinked = kept.count - linked.count
            let notes = network.notes.filter { $0.hasPrefix("Of the ") }
            #expect(notes == (unlinked > 0 ? [CollaborationNetwork.unlinkedNote(top: top, ranked: kept.count, unlinked: unlinked)] : []))
            if unlinked > 0 { #expect(notes.first?.contains("\(kept.count) node(s)") == true && notes.first?.contains(", \(unlinked) have no link (a joint work)") == true) }
            #expect(network.nodes.map(\.works) == ranked.filter(linked.contains).map { whole.nodes[$0].works })
            func keyed(_ net: CollaborationNetwork, _ edges: [NetworkEdge]) -> [String: (Int, Double, [Int: Int])] {
                Dictionary(uniqueKeysWithValues: edges.map { edge in
                    ([net.nodes[edge.source].key, net.nodes[edge.target].key].sorted().joined(separator: "|"),
                     (edge.coauthored, edge.linkStrength, edge.coauthoredByYear))
                })
            }
            let (got, expected) = (keyed(network, network.edges), keyed(whole, expectedEdges))
            #expect(got.count == expected.count)
            for (key, value) in expected {
                let edge = try #require(got[key])
                #expect(edge.0 == value.0 && abs(edge.1 - value.1) < 1e-12 && edge.2 == value.2)
            }
        }
    }

    @Test("the author ranking reads the authorships as stored, and in work order when one work's rows lie apart",
          arguments: [CountingMethod.full, .fractional])
    func authorRankingWithRowsApart(counting: CountingMethod) throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        // The work with the most authorships, one more than the limit: it is left out.
        let largest = try #require(try store.database.rows("""
            SELECT work_id, count(*) FROM authorships GROUP BY work_id ORDER BY count(*) DESC, work_id LIMIT 1
            """).first)
        let (work, limit) = (try #require(largest[0].int), try #require(largest[1].int) - 1)
        #expect(limit >= 2)
        // Σ (distinct authors − 1), or the works with another author, over the works with at most `limit` authorships.
        let expected = try store.database.rows("""
            SELECT a.author_id, sum(\(counting == .full ? "n.distinct_authors - 1" : "1")) FROM (SELECT DISTINCT work_id, author_id FROM authorships) a
            JOIN (SELECT work_id, count(DISTINCT author_id) AS distinct_authors, count(*) AS rows FROM authorships GROUP BY work_id) n
              ON n.work_id = a.work_id
            WHERE n.rows <= \(limit) AND n.distinct_authors >= 2 GROUP BY a.author_id
            """).map { "\($0[0].int ?? 0) \($0[1].int ?? 0)" }
        #expect(expected.count > 20)
        func strengths() throws -> [String] {
            let strength = try store.authorLinkStrengths(NetworkOptions(level: .authors, counting: counting, maxAuthors: limit), scope: AnalysisScope())
            return strength.indices.filter { strength[$0] > 0 }.map { "\($0) \(Int(strength[$0]))" }
        }
        #expect(try strengths() == expected)
        let top = NetworkOptions(level: .authors, counting: counting, top: 12, maxAuthors: limit)
        let stored = try store.network(top)
        // The first authorship of that work moves to the end of the table: its rows lie apart.
        let first = try #require(try store.database.scalar("SELECT min(id) FROM authorships WHERE work_id = \(work)").int)
        let moved = try #require(try store.database.scalar("SELECT max(id) + 1 FROM authorships").int)
        try store.database.execute("PRAGMA foreign_keys = OFF")
        try store.database.execute("UPDATE authorship_affiliations SET authorship_id = \(moved) WHERE authorship_id = \(first)")
        try store.database.execute("UPDATE authorships SET id = \(moved) WHERE id = \(first)")
        try store.database.execute("PRAGMA foreign_keys = ON")
        #expect(try store.database.scalar("SELECT count(*) FROM pragma_foreign_key_check").int == 0)
        #expect(try strengths() == expected)
        #expect(try store.network(top).nodes.map(\.key) == stored.nodes.map(\.key))
    }

    @Test("the author ranking over every year is kept per --max-authors and counting: the strengths of the authorships, read by the network",
          arguments: [CountingMethod.full, .fractional])
    func authorRankingKept(counting: CountingMethod) throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        let options = NetworkOptions(level: .authors, counting: counting, top: 5, maxAuthors: 25)
        let first = try store.network(options)
        #expect(first.nodes.count >= 2)
        // Every author with a positive strength is kept (fewer than the kept size), with the strength of the authorships.
        let strength = try store.authorLinkStrengths(options, scope: AnalysisScope())
        let kept = { try store.database.rows("""
            SELECT author_id, strength FROM author_link_ranked WHERE max_authors = 25 AND counting = ? ORDER BY author_id
            """, [.text(counting.rawValue)]).map { "\($0[0].int ?? 0) \($0[1].double ?? 0)" } }
        #expect(try kept() == strength.indices.filter { strength[$0] > 0 }.map { "\($0) \(strength[$0])" })
        #expect(try kept().count > 20)
        // A marker: a co-author of the first node outside the top 5, given the greatest strength, is ranked in.
        let candidates = try #require(try store.keptAuthorRanking(options, scope: AnalysisScope(), top: 5))
        let leader = try #require(candidates.min { $0.strength != $1.strength ? $0.strength > $1.strength : $0.key < $1.key }.flatMap { Int($0.key) })
        #expect(first.nodes.map(\.key).contains(String(leader)))
        let outside = try #require(try store.database.rows("""
            SELECT DISTINCT b.author_id FROM authorships a JOIN authorships b ON b.work_id = a.work_id AND b.author_id <> a.author_id
            WHERE a.author_id = ? AND (SELECT count(*) FROM authorships x WHERE x.work_id = a.work_id) <= 25 ORDER BY b.author_id
            """, [.integer(Int64(leader))]).compactMap { $0[0].int }.first { !first.nodes.map(\.key).contains(String($0)) })
        try store.database.execute("UPDATE author_link_ranked SET strength = 1e6 WHERE author_id = \(outside)")
        #expect(try store.network(options).nodes.map(\.key).contains(String(outside)))
        // Inside a transaction, and over a period, the strengths are counted from the authorships.
        #expect(try store.database.transaction { try store.network(options) }.nodes.map(\.key) == first.nodes.map(\.key))
        #expect(try store.keptAuthorRanking(options, scope: AnalysisScope(from: 1900), top: 5) == nil)
        // Another limit is another ranking; an import computes them again.
        _ = try store.network(NetworkOptions(level: .authors, counting: counting, top: 5, maxAuthors: 3))
        #expect(try store.database.scalar("SELECT count(*) FROM author_link_rankings").int == 2)
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        _ = try store.network(options)
        let after = try store.authorLinkStrengths(options, scope: AnalysisScope())
        #expect(try kept() == after.indices.filter { after[$0] > 0 }.map { "\($0) \(after[$0])" })
    }

    /// The WoS fixture's network written in every format and read back.
    static func fixtureNetwork(_ counting: CountingMethod) throws -> (CollaborationNetwork, [PairRow]) {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        return (try store.network(NetworkOptions(counting: counting)), try store.pairs(counting: counting))
    }

    @Test("every format parses back to the nodes, links and weights of pairs", arguments: [CountingMethod.full, .fractional])
    func formatsEqualPairs(counting: CountingMethod) throws {
        let (network, pairs) = try Self.fixtureNetwork(counting)
        // US–CA: 3 joint works, US 23 works (hand-read from the file, as in the audit fixture).
        if counting == .full {
            let usCa = try #require(Self.weight(network, "US", "CA"))
            #expect(usCa.coauthored == 3)
            #expect(network.nodes.first { $0.key == "US" }?.works == 23)
        }
        var expected: [String: Double] = [:]
        for pair in pairs { expected[[pair.a, pair.b].sorted().joined(separator: "|")] = counting == .full ? Double(pair.coauthored) : pair.fractionalWeight }
        let countries = Set(pairs.flatMap { [$0.a, $0.b] })
        #expect(network.edges.count == pairs.count && network.nodes.count == countries.count)
        let directory = TestSupport.scratchDirectory()
        var written: [NetworkFormat: [String]] = [:]
        for format in NetworkFormat.allCases {
            // Written as the command writes them, streamed to their files; the same bytes as the texts in memory.
            let output = directory.appendingPathComponent("net-\(format.rawValue)\(format == .vosviewer ? ".txt" : "")").path
            let paths = try NetworkWriter.write(network, format: format, output: output)
            let texts = NetworkWriter.files(network, format: format)
            #expect(paths == texts.map { $0.suffix.isEmpty ? output : String(output.dropLast(4)) + $0.suffix })
            for (path, file) in zip(paths, texts) { #expect(try String(contentsOfFile: path, encoding: .utf8) == file.text) }
            written[format] = paths
        }
        func close(_ found: [String: Double]) -> Bool {
            found.count == expected.count && expected.allSatisfy { key, value in abs((found[key] ?? -1) - value) < 1e-5 }
        }
        // GraphML and GEXF with Foundation's XML parser.
        for format in [NetworkFormat.graphml, .gexf] {
            let reader = try NetworkXMLReader.read(written[format]![0])
            #expect(reader.labels.count == countries.count, "\(format)")
            #expect(close(reader.weights), "\(format) weights differ from pairs")
        }
        // Pajek and VOSviewer map + network as text.
        let labels = network.nodes.map(\.label)
        func textWeights(_ lines: [Substring], separator: Character) -> [String: Double] {
            var out: [String: Double] = [:]
            for line in lines {
                let parts = line.split(separator: separator)
                guard parts.count == 3, let s = Int(parts[0]), let t = Int(parts[1]), let w = Double(parts[2]) else { continue }
                out[[labels[s - 1], labels[t - 1]].sorted().joined(separator: "|")] = w
            }
            return out
        }
        let pajek = try String(contentsOfFile: written[.pajek]![0], encoding: .utf8)
        #expect(pajek.hasPrefix("*Vertices \(countries.count)\n"))
        let edgeLines = pajek.split(separator: "\n").drop { !$0.hasPrefix("*Edges") }.dropFirst()
        #expect(close(textWeights(Array(edgeLines), separator: " ")))
        let map = try String(contentsOfFile: written[.vosviewer]![0], encoding: .utf8).split(separator: "\n")
        #expect(map.first?.hasPrefix("id\tlabel\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Documents>") == true)
        #expect(map.count == countries.count + 1)
        let vosNetwork = try String(contentsOfFile: written[.vosviewer]![1], encoding: .utf8).split(separator: "\n")
        #expect(close(textWeights(vosNetwork, separator: "\t")))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: written[.vosviewerJSON]![0]))) as? [String: Any]
        let inner = try #require(json?["network"] as? [String: Any])
        #expect((inner["items"] as? [Any])?.count == countries.count && (inner["links"] as? [Any])?.count == pairs.count)
        try Self.checkWithNetworkX(graphml: written[.graphml]![0], gexf: written[.gexf]![0], pajek: written[.pajek]![0],
                                   nodes: countries.count, expected: expected)
    }

    @Test("VOSviewer JSON written item by item is the text of the whole document rendered at once, empty or not")
    func vosviewerJSONStreamed() throws {
        let (fractional, _) = try Self.fixtureNetwork(.fractional)
        let (network, _) = try Self.fixtureNetwork(.full)
        var empty = network
        empty.nodes = []
        empty.edges = []
        for net in [network, fractional, empty] {
            let layout = NetworkLayout(net)
            let text = NetworkWriter.vosviewerJSON(net, layout: layout)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let inner = try #require(object["network"] as? [String: Any])
            let parsedItems = try #require(inner["items"] as? [[String: Any]])
            let parsedLinks = try #require(inner["links"] as? [[String: Any]])
            #expect(parsedItems.count == net.nodes.count && parsedLinks.count == net.edges.count)
            // The document as one tree, rendered by the report renderer: the same bytes.
            let totals = NetworkWriter.NodeTotals(net)
            let tree = JSONOutput.object([("network", .object([
                ("items", .array(net.nodes.indices.map { i in
                    .object([("id", .value(.int(i + 1))), ("label", .value(.text(net.nodes[i].label))),
                             ("description", .value(.text(net.nodes[i].key))),
                             ("x", .value(.real(layout.x[i], decimals: 4))), ("y", .value(.real(layout.y[i], decimals: 4))),
                             ("cluster", .value(.int(layout.clusters[i]))),
                             ("weights", .object([("Links", Double(totals.degrees[i])), ("Total link strength", totals.strengths[i]),
                                                  ("Documents", Double(net.nodes[i].works)), ("Fractional documents", net.nodes[i].worksFractional),
                                                  ("Authors", net.nodes[i].authors.map(Double.init))]
                                .compactMap { name, value in value.map { (name, .value(.real($0, decimals: 4))) } })),
                             ("scores", .object([("Avg. pub. year", net.nodes[i].meanYear), ("Avg. citations", net.nodes[i].citationsPerPublication),
                                                 ("Avg. norm. citations", net.nodes[i].impact)]
                                .compactMap { name, value in value.map { (name, .value(.real($0, decimals: 4))) } }))])
                })),
                ("links", .array(net.edges.map { edge in
                    .object([("source_id", .value(.int(edge.source + 1))), ("target_id", .value(.int(edge.target + 1))),
                             ("strength", .value(.real(edge.weight(net.options.counting), decimals: 6)))])
                })),
            ]))])
            #expect(text == ReportRenderer.jsonOutput(tree, indent: "") + "\n")
        }
    }

    @Test("a network file that cannot be created is an error naming it, and no file of the network is left")
    func unwritableNetworkFile() throws {
        let (network, _) = try Self.fixtureNetwork(.full)
        let directory = TestSupport.scratchDirectory().appendingPathComponent("unwritable-network")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The second of VOSviewer's files cannot be created (a folder has its name): the first, written, is removed.
        let base = directory.appendingPathComponent("net").path
        try FileManager.default.createDirectory(atPath: base + "_network.txt", withIntermediateDirectories: false)
        do {
            _ = try NetworkWriter.write(network, format: .vosviewer, output: base + ".txt")
            Issue.record("writing over a folder succeeded")
        } catch let error as ReportFileError {
            #expect(error.path == base + "_network.txt")
        }
        #expect(!FileManager.default.fileExists(atPath: base + "_map.txt"))
        // A link named as the output is not removed when the file it names cannot be written.
        let link = directory.appendingPathComponent("link.gexf").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.appendingPathComponent("missing/x.gexf").path)
        #expect(throws: ReportFileError.self) { _ = try NetworkWriter.write(network, format: .gexf, output: link) }
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) != nil)
        // A file that can be written is, in full.
        let paths = try NetworkWriter.write(network, format: .vosviewer, output: directory.appendingPathComponent("ok").path)
        #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: $0) } && paths.count == 2)
    }

    /// networkx reads the GraphML, GEXF and Pajek files; skipped with a message when python3 or networkx is missing.
    static func checkWithNetworkX(graphml: String, gexf: String, pajek: String, nodes: Int, expected: [String: Double]) throws {
        let script = """
            import json, sys
            try:
                import networkx as nx
            except ImportError:
                print("MISSING"); sys.exit(0)
            out = {}
            for name, graph in (("graphml", nx.read_graphml(sys.argv[1])), ("gexf", nx.read_gexf(sys.argv[2])), ("pajek", nx.Graph(nx.read_pajek(sys.argv[3])))):
                label = lambda n: graph.nodes[n].get("label", n)
                out[name] = {"nodes": graph.number_of_nodes(), "weights": {"|".join(sorted([label(a), label(b)])): float(d["weight"]) for a, b, d in graph.edges(data=True)}}
            print(json.dumps(out))
            """
        guard let data = TestSupport.python(script, [graphml, gexf, pajek], skipping: "networkx check") else { return }
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        for format in ["graphml", "gexf", "pajek"] {
            let entry = try #require(parsed[format])
            #expect(entry["nodes"] as? Int == nodes, "networkx \(format) nodes")
            let weights = try #require(entry["weights"] as? [String: Double])
            #expect(weights.count == expected.count, "networkx \(format) edges")
            for (key, value) in expected { #expect(abs((weights[key] ?? -1) - value) < 1e-5, "networkx \(format) \(key)") }
        }
    }
}
