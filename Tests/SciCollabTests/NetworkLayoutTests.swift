import Foundation
import Testing
@testable import SciCollab

@Suite("Network layout")
struct NetworkLayoutTests {
    /// Points from a fixed linear congruential sequence: clustered, spread and coincident ones.
    static func points(_ count: Int, spread: Double) -> (x: [Double], y: [Double]) {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var x: [Double] = [], y: [Double] = []
        for index in 0..<count {
            let scale = index % 7 == 0 ? spread : 1
            x.append((next() * 2 - 1) * scale)
            y.append((next() * 2 - 1) * scale)
        }
        // Two nodes on the same spot, and one far out.
        x += [0.25, 0.25, spread * 3]
        y += [-0.5, -0.5, -spread * 2]
        return (x, y)
    }

    @Test("the grid finds exactly the pairs closer than a cell, each once", arguments: [1.0, 40.0])
    func gridPairsAreTheNearPairs(spread: Double) {
        let (x, y) = Self.points(1_500, spread: spread)
        let within = 0.07
        var expected = Set<[Int]>()
        for i in x.indices {
            for j in (i + 1)..<x.count where (x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j]) <= within * within {
                expected.insert([i, j])
            }
        }
        var grid = RepulsionGrid(cell: within)
        grid.place(x: x, y: y)
        var found: [[Int]] = []
        grid.forEachNearPair(x: x, y: y, within: within) { i, j in found.append([min(i, j), max(i, j)]) }
        #expect(expected.count > 100)
        #expect(found.count == expected.count)
        #expect(Set(found) == expected)
    }

    @Test("a network beyond the exact limit is laid out by the grid: deterministic, inside [-1, 1], linked nodes closer")
    func largeNetworkLayout() {
        // A ring of 2,500 nodes, each linked to the next: neighbours on the ring should end up near each other.
        let n = NetworkLayout.exactRepulsionLimit + 500
        let nodes = (0..<n).map { NetworkNode(key: "k\($0)", label: "n\($0)", works: 1, worksFractional: 1, authors: nil,
                                              citationsPerPublication: nil, impact: nil, country: nil, worksByYear: [:]) }
        let edges = (0..<n).map { i in
            NetworkEdge(source: min(i, (i + 1) % n), target: max(i, (i + 1) % n), coauthored: 1, linkStrength: 1,
                        shareSource: nil, shareTarget: nil, coauthoredByYear: [:])
        }
        let network = CollaborationNetwork(options: NetworkOptions(level: .authors), scope: AnalysisScope(), period: nil,
                                           nodes: nodes, edges: edges, notes: [])
        let first = NetworkLayout(network, iterations: 60), second = NetworkLayout(network, iterations: 60)
        #expect(first == second)
        #expect(first.x.allSatisfy { abs($0) <= 1 } && first.y.allSatisfy { abs($0) <= 1 })
        func distance(_ i: Int, _ j: Int) -> Double { ((first.x[i] - first.x[j]) * (first.x[i] - first.x[j]) + (first.y[i] - first.y[j]) * (first.y[i] - first.y[j])).squareRoot() }
        let linked = edges.map { distance($0.source, $0.target) }.reduce(0, +) / Double(edges.count)
        let apart = (0..<n).map { distance($0, ($0 + n / 2) % n) }.reduce(0, +) / Double(n)
        #expect(linked < apart / 4)
        #expect(Set(first.clusters).count > 1)
    }
}
