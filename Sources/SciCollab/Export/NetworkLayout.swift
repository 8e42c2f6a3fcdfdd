import Foundation

/// Positions and clusters of a network's nodes, computed deterministically (the same network always gives
/// the same map), for the map files and the report's network chart.
public struct NetworkLayout: Sendable, Equatable {
    /// Node coordinates, each in [-1, 1].
    public var x: [Double]
    public var y: [Double]
    /// Cluster numbers from 1, the largest cluster first.
    public var clusters: [Int]

    /// Up to this many nodes every pair of nodes repels; beyond, only nodes in neighbouring cells of a grid do.
    static let exactRepulsionLimit = 2_000
    /// Beyond `exactRepulsionLimit`, the iterations stop once the layout has cost about what the exact one costs at that
    /// limit (counting the pairs of nodes compared, the nodes and the links of each iteration).
    static let operationBudget = exactRepulsionLimit * exactRepulsionLimit / 2 * 300
    /// Beyond `exactRepulsionLimit`, a node is compared with at most this many nodes of each neighbouring cell (linked
    /// nodes pulled onto one spot would otherwise make a crowded cell cost the square of its nodes).
    static let crowdLimit = 64

    /// A force-directed layout (Fruchterman–Reingold, weights as attraction) and clusters by local moving of
    /// nodes to the neighbouring cluster that most increases modularity. Up to `exactRepulsionLimit` nodes every pair
    /// repels; beyond, the grid variant of Fruchterman and Reingold (1991): nodes repel only within distance 2k, found
    /// in the cells of a grid of that size (at most `crowdLimit` of a cell each), over as many iterations as
    /// `operationBudget` allows (at least one).
    public init(_ network: CollaborationNetwork, iterations: Int = 300) {
        let n = network.nodes.count
        let counting = network.options.counting
        let weights = network.edges.map { $0.weight(counting) }
        let maxWeight = weights.max() ?? 1
        let exact = n <= Self.exactRepulsionLimit
        // On a circle; beyond the exact limit spread over the disc (a sunflower spiral), so that no cell of the grid
        // starts with a crowd.
        let golden = Double.pi * (3 - 5.0.squareRoot())
        func start(_ i: Int) -> (radius: Double, angle: Double) {
            exact ? (1, 2 * Double.pi * Double(i) / Double(max(n, 1))) : (((Double(i) + 0.5) / Double(n)).squareRoot(), golden * Double(i))
        }
        var x = (0..<n).map { start($0).radius * cos(start($0).angle) }
        var y = (0..<n).map { start($0).radius * sin(start($0).angle) }
        if n > 1 {
            let k = (4.0 / Double(n)).squareRoot()
            var spent = 0
            var temperature = 0.2
            var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
            var grid = RepulsionGrid(cell: 2 * k)
            for _ in 0..<iterations {
                if !exact, spent >= Self.operationBudget { break }
                for i in 0..<n { dx[i] = 0; dy[i] = 0 }
                if exact {
                    for i in 0..<n {
                        for j in (i + 1)..<n {
                            let ex = x[i] - x[j], ey = y[i] - y[j]
                            let distance = max((ex * ex + ey * ey).squareRoot(), 0.01)
                            let force = k * k / distance
                            dx[i] += ex / distance * force; dy[i] += ey / distance * force
                            dx[j] -= ex / distance * force; dy[j] -= ey / distance * force
                        }
                    }
                } else {
                    grid.place(x: x, y: y)
                    spent += grid.addRepulsion(x: x, y: y, k: k, dx: &dx, dy: &dy) + n + network.edges.count
                }
                for (edge, weight) in zip(network.edges, weights) {
                    let i = edge.source, j = edge.target
                    let ex = x[i] - x[j], ey = y[i] - y[j]
                    let distance = max((ex * ex + ey * ey).squareRoot(), 0.01)
                    let force = distance * distance / k * (0.5 + weight / maxWeight)
                    dx[i] -= ex / distance * force; dy[i] -= ey / distance * force
                    dx[j] += ex / distance * force; dy[j] += ey / distance * force
                }
                for i in 0..<n {
                    let length = max((dx[i] * dx[i] + dy[i] * dy[i]).squareRoot(), 1e-9)
                    let step = min(length, temperature)
                    x[i] += dx[i] / length * step
                    y[i] += dy[i] / length * step
                    // Gravity keeps unlinked parts near the centre.
                    x[i] *= 0.99; y[i] *= 0.99
                }
                temperature = max(temperature * 0.985, 0.002)
            }
            // Scale into [-1, 1].
            let span = max(x.map(abs).max() ?? 1, y.map(abs).max() ?? 1, 1e-9)
            x = x.map { $0 / span }
            y = y.map { $0 / span }
        }
        self.x = x
        self.y = y
        self.clusters = Self.clusters(nodes: n, edges: network.edges.map { ($0.source, $0.target) }, weights: weights)
    }

    /// Modularity local moving until no node moves (at most 50 passes), clusters renumbered by size.
    static func clusters(nodes n: Int, edges: [(Int, Int)], weights: [Double]) -> [Int] {
        var neighbours = [[(Int, Double)]](repeating: [], count: n)
        var strength = [Double](repeating: 0, count: n)
        for ((s, t), w) in zip(edges, weights) {
            neighbours[s].append((t, w)); neighbours[t].append((s, w))
            strength[s] += w; strength[t] += w
        }
        let total = strength.reduce(0, +)
        var cluster = Array(0..<n)
        var clusterStrength = strength
        guard total > 0 else { return cluster.map { $0 + 1 } }
        for _ in 0..<50 {
            var moved = false
            for i in 0..<n {
                var links: [Int: Double] = [:]
                for (j, w) in neighbours[i] where j != i { links[cluster[j], default: 0] += w }
                let own = cluster[i]
                clusterStrength[own] -= strength[i]
                var best = own
                var bestGain = (links[own] ?? 0) - clusterStrength[own] * strength[i] / total
                for (candidate, w) in links.sorted(by: { $0.key < $1.key }) {
                    let gain = w - clusterStrength[candidate] * strength[i] / total
                    if gain > bestGain + 1e-12 { best = candidate; bestGain = gain }
                }
                clusterStrength[best] += strength[i]
                if best != own { cluster[i] = best; moved = true }
            }
            if !moved { break }
        }
        var sizes: [Int: Int] = [:]
        for c in cluster { sizes[c, default: 0] += 1 }
        let order = sizes.keys.sorted { (sizes[$0]!, -$0) > (sizes[$1]!, -$1) }
        var number: [Int: Int] = [:]
        for (position, c) in order.enumerated() { number[c] = position + 1 }
        return cluster.map { number[$0]! }
    }
}

/// Nodes bucketed in square cells, for the pairs of nodes closer than a cell's side: each pair is visited once, from
/// the lower-numbered cell of the two (or within one cell), in a fixed order, so that the layout is deterministic.
struct RepulsionGrid {
    let cell: Double
    private var columns = 0, rows = 0
    private var minX = 0.0, minY = 0.0
    /// The sides of the cells: `cell`, or more where the layout spreads wider than about one cell per node.
    private var width = 0.0, height = 0.0
    /// The nodes of each cell, in node order: `members[starts[c] ..< starts[c + 1]]`.
    private var starts: [Int] = []
    private var members: [Int] = []

    init(cell: Double) { self.cell = cell }

    /// Buckets every node by its position.
    mutating func place(x: [Double], y: [Double]) {
        minX = x.min() ?? 0
        minY = y.min() ?? 0
        // At most about one cell per node: a spread-out layout does not make the grid larger than the network.
        let limit = Double(max(1, Int(Double(x.count).squareRoot())))
        width = max(cell, ((x.max() ?? 0) - minX) / limit)
        height = max(cell, ((y.max() ?? 0) - minY) / limit)
        columns = max(1, Int(((x.max() ?? 0) - minX) / width) + 1)
        rows = max(1, Int(((y.max() ?? 0) - minY) / height) + 1)
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        let cells = x.indices.map { index(x[$0], y[$0]) }
        for c in cells { counts[c + 1] += 1 }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        starts = counts
        var next = counts
        members = [Int](repeating: 0, count: x.count)
        for (node, c) in cells.enumerated() {
            members[next[c]] = node
            next[c] += 1
        }
    }

    private func index(_ x: Double, _ y: Double) -> Int {
        let column = min(columns - 1, max(0, Int((x - minX) / width)))
        let row = min(rows - 1, max(0, Int((y - minY) / height)))
        return row * columns + column
    }

    /// Adds to `dx`, `dy` the repulsion k²/d between two nodes at most 2k apart (the cell's side at least), comparing a
    /// node with at most `NetworkLayout.crowdLimit` nodes of each neighbouring cell; returns the pairs compared.
    func addRepulsion(x: [Double], y: [Double], k: Double, dx: inout [Double], dy: inout [Double]) -> Int {
        dx.withUnsafeMutableBufferPointer { dx in
            dy.withUnsafeMutableBufferPointer { dy in
                forEachNearPair(x: x, y: y, within: 2 * k, crowd: NetworkLayout.crowdLimit) { i, j in
                    let ex = x[i] - x[j], ey = y[i] - y[j]
                    let distance = max((ex * ex + ey * ey).squareRoot(), 0.01)
                    let force = k * k / distance
                    dx[i] += ex / distance * force; dy[i] += ey / distance * force
                    dx[j] -= ex / distance * force; dy[j] -= ey / distance * force
                }
            }
        }
    }

    /// Calls `body` for every pair of nodes `(i, j)` in the same or adjacent cells at most `distance` apart, comparing a
    /// node with at most `crowd` nodes of each cell (those after it in its own); returns the pairs compared.
    @inline(__always) @discardableResult
    func forEachNearPair(x: [Double], y: [Double], within distance: Double, crowd: Int = .max, _ body: (Int, Int) -> Void) -> Int {
        let squared = distance * distance
        var compared = 0
        for row in 0..<rows {
            for column in 0..<columns {
                let own = row * columns + column
                // The cell itself and the four neighbours after it: every adjacent pair of cells once.
                for (dr, dc) in [(0, 0), (0, 1), (1, -1), (1, 0), (1, 1)] {
                    let r = row + dr, c = column + dc
                    guard r < rows, c >= 0, c < columns else { continue }
                    let other = r * columns + c
                    for a in starts[own]..<starts[own + 1] {
                        let i = members[a]
                        let from = other == own ? a + 1 : starts[other]
                        let end = from + min(crowd, max(0, starts[other + 1] - from))
                        compared += end - from
                        for b in from..<end {
                            let j = members[b]
                            let ex = x[i] - x[j], ey = y[i] - y[j]
                            if ex * ex + ey * ey <= squared { body(i, j) }
                        }
                    }
                }
            }
        }
        return compared
    }
}
