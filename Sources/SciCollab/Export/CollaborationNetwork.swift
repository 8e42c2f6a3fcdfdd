import Foundation

/// The nodes a co-authorship network links.
public enum NetworkLevel: String, Sendable, CaseIterable {
    case countries, institutions, authors
}

/// A node of a co-authorship network: a country, an institution or an author.
public struct NetworkNode: Sendable, Equatable {
    /// The identity as the store keeps it: ISO code, institution key, author id.
    public var key: String
    /// What a reader sees: the ISO code, the institution's most frequent name, the author's display name.
    public var label: String
    /// Works (full counting).
    public var works: Int
    /// Works under fractional counting (definitions §4; for an author `Σ 1/n_p`).
    public var worksFractional: Double
    /// Distinct authors (countries and institutions; nil for an author).
    public var authors: Int?
    /// Citations per publication over the works with a known count.
    public var citationsPerPublication: Double?
    /// Mean FWCI-style impact (definitions §7), where computed and defined.
    public var impact: Double?
    /// The most frequent country of an institution or author (nil for a country).
    public var country: String?
    /// Works per publication year, as kept (`worksByYear` as a dictionary).
    public var yearCounts: YearCounts

    /// Works per publication year.
    public var worksByYear: [Int: Int] {
        get { yearCounts.dictionary }
        set { yearCounts = YearCounts(newValue) }
    }

    public init(key: String, label: String, works: Int, worksFractional: Double, authors: Int?, citationsPerPublication: Double?,
                impact: Double?, country: String?, worksByYear: [Int: Int]) {
        self.init(key: key, label: label, works: works, worksFractional: worksFractional, authors: authors,
                  citationsPerPublication: citationsPerPublication, impact: impact, country: country, yearCounts: YearCounts(worksByYear))
    }

    init(key: String, label: String, works: Int, worksFractional: Double, authors: Int?, citationsPerPublication: Double?,
         impact: Double?, country: String?, yearCounts: YearCounts) {
        (self.key, self.label, self.works, self.worksFractional, self.authors) = (key, label, works, worksFractional, authors)
        (self.citationsPerPublication, self.impact, self.country, self.yearCounts) = (citationsPerPublication, impact, country, yearCounts)
    }

    /// Mean publication year of the node's works with a year.
    public var meanYear: Double? {
        let totals = yearCounts.totals
        return totals.count == 0 ? nil : Double(totals.yearTimesCount) / Double(totals.count)
    }
}

/// A link between two nodes: their joint works.
public struct NetworkEdge: Sendable, Equatable {
    /// Indexes into `CollaborationNetwork.nodes`, `source < target` by position.
    public var source: Int
    public var target: Int
    /// `C_AB`: joint works.
    public var coauthored: Int
    /// The fractional (VOSviewer) link strength `Σ 1/(|K_p| − 1)` over the joint works.
    public var linkStrength: Double
    /// `s(source→target)` and `s(target→source)` in percent, as the library's pair shares define them.
    public var shareSource: Double?
    public var shareTarget: Double?
    /// Joint works per publication year, as kept (`coauthoredByYear` as a dictionary).
    public var yearCounts: YearCounts

    /// Joint works per publication year.
    public var coauthoredByYear: [Int: Int] {
        get { yearCounts.dictionary }
        set { yearCounts = YearCounts(newValue) }
    }

    public init(source: Int, target: Int, coauthored: Int, linkStrength: Double, shareSource: Double?, shareTarget: Double?,
                coauthoredByYear: [Int: Int]) {
        self.init(source: source, target: target, coauthored: coauthored, linkStrength: linkStrength, shareSource: shareSource,
                  shareTarget: shareTarget, yearCounts: YearCounts(coauthoredByYear))
    }

    init(source: Int, target: Int, coauthored: Int, linkStrength: Double, shareSource: Double?, shareTarget: Double?, yearCounts: YearCounts) {
        (self.source, self.target, self.coauthored, self.linkStrength) = (source, target, coauthored, linkStrength)
        (self.shareSource, self.shareTarget, self.yearCounts) = (shareSource, shareTarget, yearCounts)
    }

    /// The link weight of a counting method: `C_AB` (full) or the link strength (fractional).
    public func weight(_ counting: CountingMethod) -> Double {
        counting == .full ? Double(coauthored) : linkStrength
    }
}

/// What a network is built from and which links it keeps.
public struct NetworkOptions: Sendable, Equatable {
    public var level: NetworkLevel
    public var counting: CountingMethod
    /// Links lighter than this (in the counting method's weight) are left out.
    public var minWeight: Double
    /// Keep the N nodes with the greatest total link strength (after `minWeight`), nil for all.
    public var top: Int?
    /// Keep only these nodes (keys) and their direct partners, nil for all.
    public var focus: [String]?
    /// Author level: works with more authors than this are left out (as VOSviewer does), nil for none.
    public var maxAuthors: Int?

    public init(level: NetworkLevel = .countries, counting: CountingMethod = .full, minWeight: Double = 0, top: Int? = nil,
                focus: [String]? = nil, maxAuthors: Int? = 25) {
        self.level = level
        self.counting = counting
        self.minWeight = minWeight
        self.top = top
        self.focus = focus
        self.maxAuthors = maxAuthors
    }
}

/// A co-authorship network over a period, ready to be written in a network file format.
public struct CollaborationNetwork: Sendable {
    public var options: NetworkOptions
    public var scope: AnalysisScope
    /// First and last publication year the figures cover.
    public var period: (from: Int, to: Int)?
    public var nodes: [NetworkNode]
    public var edges: [NetworkEdge]
    /// What the figures count, over which records, by which method.
    public var notes: [String]
    /// Each node's total link strength over every link of the unpruned network, when the nodes were ranked before
    /// their links were built (`--top`); nil to rank by the links present.
    var rankingStrength: [Double]? = nil

    /// Total link strength of every node (the sum of its links' weights under the counting method).
    public var totalLinkStrength: [Double] {
        var totals = [Double](repeating: 0, count: nodes.count)
        for edge in edges {
            totals[edge.source] += edge.weight(options.counting)
            totals[edge.target] += edge.weight(options.counting)
        }
        return totals
    }

    /// Number of links of every node.
    public var degrees: [Int] {
        var degrees = [Int](repeating: 0, count: nodes.count)
        for edge in edges {
            degrees[edge.source] += 1
            degrees[edge.target] += 1
        }
        return degrees
    }

    /// The publication years with a node's or a link's works, in order.
    public var years: [Int] {
        Set(nodes.flatMap(\.yearCounts.years)).union(edges.flatMap(\.yearCounts.years)).sorted()
    }

    /// `2018–2023` or the years present.
    public var periodDescription: String {
        period.map { $0.from == $0.to ? "\($0.from)" : "\($0.from)–\($0.to)" } ?? scope.periodDescription
    }

    /// Applies the minimum weight, the focus and top N, and drops the nodes left without a link.
    mutating func prune() {
        let counting = options.counting
        edges.removeAll { $0.weight(counting) < options.minWeight || $0.weight(counting) <= 0 }
        if let focus = options.focus {
            let wanted = Set(focus)
            var keep = Set(nodes.indices.filter { wanted.contains(nodes[$0].key) })
            for edge in edges where keep.contains(edge.source) || keep.contains(edge.target) {
                keep.insert(edge.source)
                keep.insert(edge.target)
            }
            // Focus nodes first when ranking, so top N never drops them.
            restrict(to: keep, first: Set(nodes.indices.filter { wanted.contains(nodes[$0].key) }))
        } else {
            restrict(to: Set(nodes.indices), first: [])
        }
    }

    /// The note of a `--top` whose ranked nodes are not all linked among themselves: those left without a link are
    /// not shown, and an empty network says why it is empty. `minWeight`: the links' lower bound, named when there is one.
    static func unlinkedNote(top: Int, ranked: Int, unlinked: Int, minWeight: Double = 0) -> String {
        let link = minWeight > 0 ? "link of weight \(NetworkWriter.number(minWeight)) or more (--min-weight)" : "link (a joint work)"
        let lead = "Of the \(ranked) node(s) of greatest total link strength (--top \(top)), \(unlinked) have no \(link) with another of them and are not shown"
        return unlinked == ranked
            ? lead + ": the network is empty. A larger --top, or --around KEY, shows their partners."
            : lead + "."
    }

    /// Keeps the links among `candidates`, ranks the linked nodes (`first` ahead, then by strength and key), keeps
    /// the top N with the links among them, and renumbers the nodes left with a link in rank order.
    /// - Complexity: O(E + N log N) for N nodes and E links: flags per node, no search per node.
    private mutating func restrict(to candidates: Set<Int>, first: Set<Int>) {
        let count = nodes.count
        var isCandidate = [Bool](repeating: false, count: count)
        for index in candidates { isCandidate[index] = true }
        var isFirst = [Bool](repeating: false, count: count)
        for index in first { isFirst[index] = true }
        var kept = edges.filter { isCandidate[$0.source] && isCandidate[$0.target] }
        var strength = [Double](repeating: 0, count: count)
        var isLinked = [Bool](repeating: false, count: count)
        if let rankingStrength {
            strength = rankingStrength
            for index in nodes.indices where strength[index] > 0 { isLinked[index] = true }
        } else {
            for edge in kept {
                strength[edge.source] += edge.weight(options.counting)
                strength[edge.target] += edge.weight(options.counting)
                isLinked[edge.source] = true
                isLinked[edge.target] = true
            }
        }
        // Strengths compare at 1e-9: fractional weights summed in different orders tie as they should, by key.
        let rounded = strength.map { ($0 * 1e9).rounded() }
        var ranked = nodes.indices.filter { isLinked[$0] }.sorted { lhs, rhs in
            if isFirst[lhs] != isFirst[rhs] { return isFirst[lhs] }
            if rounded[lhs] != rounded[rhs] { return rounded[lhs] > rounded[rhs] }
            return nodes[lhs].key < nodes[rhs].key
        }
        if let top = options.top { ranked = Array(ranked.prefix(max(top, 0))) }
        var isKept = [Bool](repeating: false, count: count)
        for index in ranked { isKept[index] = true }
        kept = kept.filter { isKept[$0.source] && isKept[$0.target] }
        // Nodes in rank order, renumbered: those left with a link.
        var hasLink = [Bool](repeating: false, count: count)
        for edge in kept {
            hasLink[edge.source] = true
            hasLink[edge.target] = true
        }
        let order = ranked.filter { hasLink[$0] }
        if let top = options.top, order.count < ranked.count {
            notes.append(Self.unlinkedNote(top: top, ranked: ranked.count, unlinked: ranked.count - order.count, minWeight: options.minWeight))
        }
        var position = [Int](repeating: -1, count: count)
        for (newIndex, old) in order.enumerated() { position[old] = newIndex }
        nodes = order.map { nodes[$0] }
        rankingStrength = nil
        for index in kept.indices {
            let s = position[kept[index].source], t = position[kept[index].target]
            if s > t { (kept[index].shareSource, kept[index].shareTarget) = (kept[index].shareTarget, kept[index].shareSource) }
            kept[index].source = min(s, t)
            kept[index].target = max(s, t)
        }
        // Sorted through their places (a link holds its years: moving links themselves costs a copy each time).
        let sorted = kept.indices.sorted { (kept[$0].source, kept[$0].target) < (kept[$1].source, kept[$1].target) }
        edges = sorted.map { kept[$0] }
    }
}

extension Store {
    /// The co-authorship network of `options.level` in `scope`. Country links and outputs come from `pairs`
    /// and `countryTable` (so they equal those commands' figures); `impact` gives the mean impact per node key.
    public func network(_ options: NetworkOptions = NetworkOptions(), scope: AnalysisScope = AnalysisScope(),
                        impact: ImpactModel? = nil) throws -> CollaborationNetwork {
        var network: CollaborationNetwork
        switch options.level {
        case .countries: network = try countryNetwork(options, scope: scope, impact: impact)
        case .institutions, .authors: network = try entityNetwork(options, scope: scope, impact: impact)
        }
        network.prune()
        return network
    }

    private func countryNetwork(_ options: NetworkOptions, scope: AnalysisScope, impact: ImpactModel?) throws -> CollaborationNetwork {
        let period = try periodBounds(scope)
        let countries = try countryTable(scope: scope)
        let means = try impact.map { try meanImpactByCountry(model: $0, scope: scope) } ?? [:]
        var index: [String: Int] = [:]
        var nodes: [NetworkNode] = []
        for row in countries {
            index[row.country] = nodes.count
            nodes.append(NetworkNode(key: row.country, label: row.country, works: row.works, worksFractional: row.worksFractional,
                                     authors: row.authors, citationsPerPublication: row.citationsPerPublication,
                                     impact: means[row.country], country: nil, worksByYear: [:]))
        }
        var edges: [String: NetworkEdge] = [:]
        for row in try pairs(counting: options.counting, scope: scope) {
            guard let s = index[row.a], let t = index[row.b] else { continue }
            let shares = row.shares(options.counting)
            edges["\(row.a)\t\(row.b)"] = NetworkEdge(source: s, target: t, coauthored: row.coauthored, linkStrength: row.fractionalWeight,
                                                      shareSource: shares.a.map { $0 * 100 }, shareTarget: shares.b.map { $0 * 100 },
                                                      coauthoredByYear: [:])
        }
        // Per year: the `--by-year` rows of `pairs` and `countries` over the period, one query each (kept totals
        // per year where the scope has them) instead of both tables once per year.
        if let period, period.to - period.from < 200 {
            let years = period.from...period.to
            for row in try pairYearSeries(scope: scope) where row.coauthored > 0 && years.contains(row.year) {
                edges["\(row.a)\t\(row.b)"]?.coauthoredByYear[row.year] = row.coauthored
            }
            for row in try yearSeries(scope: scope) where row.works > 0 && years.contains(row.year) {
                if let i = index[row.entity] { nodes[i].worksByYear[row.year] = row.works }
            }
        }
        let notes = [
            "Countries of the authors' resolved affiliations (ISO 3166-1 alpha-2)\(scope.mergeChinaRegions ? ", Taiwan, Hong Kong and Macao counted as China" : "").",
            options.counting == .full
                ? "Link weight: C_AB, the joint works (full counting)."
                : "Link weight: the VOSviewer fractional link strength Σ 1/(|K_p| − 1) over the joint works.",
        ]
        return CollaborationNetwork(options: options, scope: scope, period: period, nodes: nodes,
                                    edges: edges.values.sorted { ($0.source, $0.target) < ($1.source, $1.target) }, notes: notes)
    }
}
