import Testing
@testable import SciCollab

@Suite("Entity network accumulation")
struct EntityNetworkAccumulatorTests {
    /// Four works: (year, [(entity, weight)], entities of the work kept or not).
    static let works: [(year: Int?, members: [(Int, Double)], linked: Int)] = [
        (2019, [(0, 0.5), (1, 0.25), (2, 0.25)], 3),
        (2020, [(1, 0.5), (2, 0.5)], 4),
        (nil, [(0, 1)], 1),
        (2031, [(2, 0.5), (0, 0.5)], 2),
    ]

    static func accumulate(maximumNodes: Int?, years: ClosedRange<Int>?) -> EntityNetworkAccumulator {
        var network = EntityNetworkAccumulator(maximumNodes: maximumNodes, years: years, collectsWorks: true)
        for (i, work) in works.enumerated() {
            network.add(work: Int64(i + 1), year: work.year, citations: i == 2 ? nil : 10 * (i + 1),
                        members: work.members.map { .init(entity: $0.0, weight: $0.1) }, linkedCount: work.linked,
                        key: { "K\($0)" }, authors: { $0 * 2 })
        }
        return network
    }

    @Test("square table and flat years, or dictionaries: the same nodes and links, counted by hand")
    func denseAndSparseAgree() throws {
        // Dense with the years 2019–2020 (2031 falls outside the span, work 3 has no year), and sparse; a table made for
        // two nodes that meets a third (the data changed after the nodes were counted) moves its links to the dictionary.
        for network in [Self.accumulate(maximumNodes: 3, years: 2019...2020), Self.accumulate(maximumNodes: nil, years: nil),
                        Self.accumulate(maximumNodes: 5000, years: 2019...2020), Self.accumulate(maximumNodes: 2, years: 2019...2020),
                        Self.accumulate(maximumNodes: 1, years: nil)] {
            var network = network
            let nodes = network.finishedNodes()
            #expect(nodes.map(\.key) == ["K0", "K1", "K2"])
            #expect(nodes.map(\.works) == [3, 2, 3])
            #expect(nodes.map(\.worksFractional) == [2, 0.75, 1.25])
            #expect(nodes.map(\.authors) == [0, 2, 4])
            #expect(nodes[0].worksByYear == [2019: 1, 2031: 1])
            #expect(nodes[2].worksByYear == [2019: 1, 2020: 1, 2031: 1])
            #expect(network.citationTotals == [50, 30, 70] && network.knownCitations == [2, 2, 3])
            #expect(network.works == [[1, 3, 4], [1, 2], [1, 2, 4]])
            let edges = network.finishedEdges().map { "\($0.source)-\($0.target):\($0.coauthored):\($0.linkStrength):\($0.coauthoredByYear.sorted { $0.key < $1.key })" }
            // K0–K1 and K0–K2 in work 1 (link 1/2) and K0–K2 again in work 4 (link 1); K1–K2 in works 1 and 2 (1/2 + 1/3).
            #expect(edges == [
                "0-1:1:0.5:[(key: 2019, value: 1)]",
                "0-2:2:1.5:[(key: 2019, value: 1), (key: 2031, value: 1)]",
                "1-2:2:\(0.5 + 1.0 / 3):[(key: 2019, value: 1), (key: 2020, value: 1)]",
            ])
        }
    }

    @Test("a link table that grows past its first size keeps every link")
    func manyLinks() {
        var network = EntityNetworkAccumulator(maximumNodes: nil, years: nil, collectsWorks: false)
        // One work with 60 entities: 1,770 links, more than the first table holds.
        let members = (0..<60).map { EntityNetworkAccumulator.Member(entity: $0, weight: 1.0 / 60) }
        for work in 1...3 {
            network.add(work: Int64(work), year: 2000 + work, citations: nil, members: members, linkedCount: 60,
                        key: { String($0) }, authors: { _ in nil })
        }
        let edges = network.finishedEdges()
        #expect(edges.count == 1770)
        #expect(edges.allSatisfy { $0.coauthored == 3 && $0.coauthoredByYear == [2001: 1, 2002: 1, 2003: 1] })
        #expect(Set(edges.map { $0.source * 100 + $0.target }).count == 1770)
    }
}
