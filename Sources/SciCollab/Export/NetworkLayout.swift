import Foundation

/// Positions and clusters of a network's nodes, computed deterministically (the same network always gives
/// the same map), for the map files and the report's network chart.
public struct NetworkLayout: Sendable, Equatable {
    /// Node coordinates, each in [-1, 1].
    public var x: [Double]
    public var y: [Double]
    /// Cluster numbers from 1, the largest cluster first.
    public var clusters: [Int]

    /// A force-directed layout (Fruchterman–Reingold, weights as attraction) and clusters by local moving of
    /// nodes to the neighbouring cluster that most increases modularity.
    public init(_ network: CollaborationNetwork, iterations: Int = 300) {
        let n = network.nodes.count
        let counting = network.options.counting
        let weights = network.edges.map { $0.weight(counting) }
        let maxWeight = weights.max() ?? 1
        var x = (0..<n).map { cos(2 * Double.pi * Double($0) / Double(max(n, 1))) }
        var y = (0..<n).map { sin(2 * Double.pi * Double($0) / Double(max(n, 1))) }
        if n > 1 {
            let k = (4.0 / Double(n)).squareRoot()
            var temperature = 0.2
            for _ in 0..<iterations {
                var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        let ex = x[i] - x[j], ey = y[i] - y[j]
                        let distance = max((ex * ex + ey * ey).squareRoot(), 0.01)
                        let force = k * k / distance
                        dx[i] += ex / distance * force; dy[i] += ey / distance * force
                        dx[j] -= ex / distance * force; dy[j] -= ey / distance * force
                    }
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
