/// The nodes and links of an institution or author network, accumulated work by work in work order.
///
/// Entities are integers chosen by the caller (an author's id, an institution's place among the kept keys or in an
/// interned list); a node is made for an entity at its first work, so nodes are numbered in order of first appearance.
/// With a bounded number of nodes (the top N, or every institution when they are few) and a known span of years, links
/// are found in a square table of slots and per-year counts kept in flat arrays; otherwise links are found in an
/// open-addressed table and per-year counts kept in dictionaries.
struct EntityNetworkAccumulator {
    /// One entity of one work, with its fractional weight in the work.
    struct Member {
        var entity: Int
        var weight: Double
    }

    /// One link's counts: joint works and the fractional link strength.
    private struct Link {
        var source: Int32
        var target: Int32
        var coauthored: Int
        var strength: Double
    }

    private(set) var nodes: [NetworkNode] = []
    private(set) var citationTotals: [Int] = []
    private(set) var knownCitations: [Int] = []
    /// The works of each node, for its mean impact (filled only when `collectsWorks`).
    private(set) var works: [[Int64]] = []
    /// Per node: the defined impact values of its works summed in work order, and their number (`addImpact`).
    private var impactSums: [Double] = []
    private var impactCounts: [Int] = []
    private let collectsWorks: Bool
    private var nodeOfEntity: [Int32] = []
    /// The first year of the flat per-year counts and their number of years (0: dictionaries).
    private let firstYear: Int
    private let span: Int
    /// The most nodes there can be when links are found in a square table of slots (0: in a dictionary).
    private var denseNodes: Int
    private var nodeYears: [Int32] = []
    private var edgeSlots: [Int32] = []
    private var edgeMap = LinkSlots()
    /// The links made, `linkCount` of them: the storage runs ahead of the count (its extra rows are zero).
    private var links: [Link] = []
    private var linkYears: [Int32] = []
    private var linkCount = 0
    /// Each link's years outside the flat span (none when the span is the scope's period), and every year without one;
    /// a node's are counted in its `worksByYear`.
    private var linkYearsApart: [YearCounts] = []
    private var positions: [Int] = []

    /// - Parameters:
    ///   - maximumNodes: the number of nodes there can be at most (the top N), nil when unknown.
    ///   - years: the scope's period, whose years are counted in flat arrays when the nodes are bounded.
    ///   - collectsWorks: keep each node's works for its mean impact.
    init(maximumNodes: Int?, years: ClosedRange<Int>?, collectsWorks: Bool) {
        self.collectsWorks = collectsWorks
        if let maximumNodes, maximumNodes <= 2048, let years, years.count <= 512 {
            denseNodes = maximumNodes
            firstYear = years.lowerBound
            span = years.count
            edgeSlots = [Int32](repeating: -1, count: maximumNodes * maximumNodes)
            nodeYears.reserveCapacity(maximumNodes * span)
        } else {
            (denseNodes, firstYear, span) = (0, 0, 0)
        }
    }

    /// The node of `entity`, made with `key` when this is its first work.
    private mutating func node(of entity: Int, key: () -> String, authors: () -> Int?) -> Int {
        if entity < nodeOfEntity.count, nodeOfEntity[entity] >= 0 { return Int(nodeOfEntity[entity]) }
        if entity >= nodeOfEntity.count {
            nodeOfEntity.append(contentsOf: repeatElement(-1, count: max(entity + 1, nodeOfEntity.count * 2) - nodeOfEntity.count))
        }
        let i = nodes.count
        if denseNodes > 0, i >= denseNodes { leaveSquareTable() }
        nodeOfEntity[entity] = Int32(i)
        let name = key()
        // Label and country are set once every row has been read.
        nodes.append(NetworkNode(key: name, label: name, works: 0, worksFractional: 0, authors: authors(), citationsPerPublication: nil,
                                 impact: nil, country: nil, worksByYear: [:]))
        citationTotals.append(0)
        knownCitations.append(0)
        if collectsWorks { works.append([]) }
        impactSums.append(0)
        impactCounts.append(0)
        if span > 0 { nodeYears.append(contentsOf: repeatElement(0, count: span)) }
        return i
    }

    /// Counts one work: its members (each entity once, in the order nodes are to be made), and every link between them
    /// with weight 1 / (`linkedCount` − 1), `linkedCount` the work's entities, kept or not.
    mutating func add(work: Int64, year: Int?, citations: Int?, members: [Member], linkedCount: Int,
                      key: (Int) -> String, authors: (Int) -> Int?) {
        positions.removeAll(keepingCapacity: true)
        let yearOffset = year.map { $0 - firstYear }
        let flatYear = yearOffset.flatMap { $0 >= 0 && $0 < span ? $0 : nil }
        for member in members {
            let i = node(of: member.entity, key: { key(member.entity) }, authors: { authors(member.entity) })
            positions.append(i)
            nodes[i].works += 1
            nodes[i].worksFractional += member.weight
            if let flatYear {
                nodeYears[i * span + flatYear] += 1
            } else if let year {
                nodes[i].yearCounts.add(1, in: year)
            }
            if let citations {
                citationTotals[i] += citations
                knownCitations[i] += 1
            }
            if collectsWorks { works[i].append(work) }
        }
        guard positions.count >= 2 else { return }
        let link = 1 / Double(linkedCount - 1)
        if denseNodes > 0 {
            // The links of a large work are thousands: counted in place, their places read from the square table.
            reserveLinks(positions.count * (positions.count - 1) / 2)
            let yearOffset = flatYear ?? -1
            var (table, stored, years, made) = (edgeSlots, links, linkYears, linkCount)
            (edgeSlots, links, linkYears) = ([], [], [])
            table.withUnsafeMutableBufferPointer { table in
                stored.withUnsafeMutableBufferPointer { stored in
                    years.withUnsafeMutableBufferPointer { years in
                        positions.withUnsafeBufferPointer { positions in
                            for x in 0..<positions.count {
                                for y in x + 1..<positions.count {
                                    let (s, t) = (min(positions[x], positions[y]), max(positions[x], positions[y]))
                                    var slot = Int(table[s * denseNodes + t])
                                    if slot < 0 {
                                        slot = made
                                        table[s * denseNodes + t] = Int32(slot)
                                        stored[slot].source = Int32(s)
                                        stored[slot].target = Int32(t)
                                        made += 1
                                    }
                                    stored[slot].coauthored += 1
                                    stored[slot].strength += link
                                    if yearOffset >= 0 { years[slot * span + yearOffset] += 1 }
                                }
                            }
                        }
                    }
                }
            }
            (edgeSlots, links, linkYears, linkCount) = (table, stored, years, made)
        } else {
            for x in positions.indices {
                for y in positions.indices where y > x {
                    let slot = edgeSlot(min(positions[x], positions[y]), max(positions[x], positions[y]))
                    links[slot].coauthored += 1
                    links[slot].strength += link
                    if let flatYear {
                        linkYears[slot * span + flatYear] += 1
                    } else if let year {
                        linkYearsApart[slot].add(1, in: year)
                    }
                }
            }
        }
        if denseNodes > 0, flatYear == nil, let year {
            for x in positions.indices {
                for y in positions.indices where y > x {
                    let slot = Int(edgeSlots[min(positions[x], positions[y]) * denseNodes + max(positions[x], positions[y])])
                    linkYearsApart[slot].add(1, in: year)
                }
            }
        }
    }

    /// Links' places by their two nodes: open addressing with a multiplicative hash (a link is looked up once per
    /// joint work; a whole author network has tens of millions of lookups).
    private struct LinkSlots {
        private var keys: [UInt64] = []
        private var slots: [Int32] = []
        private var count = 0
        private var shift = 64

        /// The place of `key`, or `new` when it has none (which is then its place).
        mutating func slot(of key: UInt64, else new: Int32) -> Int32 {
            if (count + 1) * 4 > keys.count * 3 { grow() }
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: ((key &+ 1) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift)) & mask
            // Keys are stored plus one: zero marks an empty place.
            while keys[i] != 0 {
                if keys[i] == key &+ 1 { return slots[i] }
                i = (i + 1) & mask
            }
            keys[i] = key &+ 1
            slots[i] = new
            count += 1
            return new
        }

        private mutating func grow() {
            let (oldKeys, oldSlots) = (keys, slots)
            let capacity = max(1024, keys.count * 2)
            keys = [UInt64](repeating: 0, count: capacity)
            slots = [Int32](repeating: 0, count: capacity)
            shift = 64 - capacity.trailingZeroBitCount
            count = 0
            for (i, key) in oldKeys.enumerated() where key != 0 { _ = slot(of: key &- 1, else: oldSlots[i]) }
        }
    }

    /// Adds the defined impact value of the work last added to each of its nodes.
    mutating func addImpact(_ value: Double) {
        for i in positions {
            impactSums[i] += value
            impactCounts[i] += 1
        }
    }

    /// The mean of the defined impact values `addImpact` gave node `i` (full counting, as `ImpactModel.summary` takes it
    /// over the node's works in work order); nil when none was given.
    func impactMean(_ i: Int) -> Double? {
        impactCounts[i] == 0 ? nil : impactSums[i] / Double(impactCounts[i])
    }

    /// Moves the links from the square table to the dictionary: more nodes came than the table was made for (the data
    /// changed between the count of the nodes and their rows).
    private mutating func leaveSquareTable() {
        for slot in 0..<linkCount {
            _ = edgeMap.slot(of: UInt64(links[slot].source) << 32 | UInt64(links[slot].target), else: Int32(slot))
        }
        (denseNodes, edgeSlots) = (0, [])
    }

    /// Makes room for `extra` more links (zeroed rows after the last link).
    private mutating func reserveLinks(_ extra: Int) {
        let needed = linkCount + extra
        guard needed > links.count else { return }
        let rows = max(needed, links.count * 2, 256) - links.count
        links.append(contentsOf: repeatElement(Link(source: 0, target: 0, coauthored: 0, strength: 0), count: rows))
        linkYearsApart.append(contentsOf: repeatElement(YearCounts(), count: rows))
        if span > 0 { linkYears.append(contentsOf: repeatElement(0, count: rows * span)) }
    }

    /// The place of the link between nodes `s` < `t` in a dictionary, made when new.
    private mutating func edgeSlot(_ s: Int, _ t: Int) -> Int {
        let key = UInt64(s) << 32 | UInt64(t)
        let existing = edgeMap.slot(of: key, else: Int32(linkCount))
        if existing != Int32(linkCount) { return Int(existing) }
        reserveLinks(1)
        links[linkCount].source = Int32(s)
        links[linkCount].target = Int32(t)
        linkCount += 1
        return linkCount - 1
    }

    /// Per-year counts at `offset` of a flat array, with the years apart added.
    private func yearCounts(_ flat: [Int32], at offset: Int, apart: YearCounts) -> YearCounts {
        var counts = apart
        if span > 0 {
            for y in 0..<span where flat[offset + y] != 0 { counts.add(Int(flat[offset + y]), in: firstYear + y) }
        }
        return counts
    }

    /// The nodes with their works per year, moved out of the accumulator (which keeps none afterwards, so that a large
    /// network's nodes are not held twice); call once, after the last work.
    mutating func finishedNodes() -> [NetworkNode] {
        var finished = nodes
        nodes = []
        for i in finished.indices { finished[i].yearCounts = yearCounts(nodeYears, at: i * span, apart: finished[i].yearCounts) }
        nodeYears = []
        return finished
    }

    /// The links, in the order they were made, moved out of the accumulator: its tables for finding a link are let go
    /// before the links are made, and its own rows after; call once, after the last work.
    mutating func finishedEdges() -> [NetworkEdge] {
        (edgeMap, edgeSlots, nodeOfEntity) = (LinkSlots(), [], [])
        let edges = (0..<linkCount).map { slot in
            NetworkEdge(source: Int(links[slot].source), target: Int(links[slot].target), coauthored: links[slot].coauthored,
                        linkStrength: links[slot].strength, shareSource: nil, shareTarget: nil,
                        yearCounts: yearCounts(linkYears, at: slot * span, apart: linkYearsApart[slot]))
        }
        (links, linkYears, linkYearsApart, linkCount) = ([], [], [], 0)
        return edges
    }
}
