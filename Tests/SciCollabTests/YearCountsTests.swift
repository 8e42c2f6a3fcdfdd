import Testing
@testable import SciCollab

@Suite("Counts per year")
struct YearCountsTests {
    @Test("counts added one by one equal the dictionary they make, whatever their order and however many years")
    func addingEqualsDictionary() {
        var counts = YearCounts()
        #expect(counts.isEmpty && counts.dictionary.isEmpty && counts.years.isEmpty && counts[2020] == 0)
        counts.add(1, in: 2020)
        counts.add(2, in: 2020)
        #expect(counts == YearCounts([2020: 3]) && counts.dictionary == [2020: 3] && counts[2020] == 3 && counts[2019] == 0)
        counts.add(1, in: 2018)
        counts.add(4, in: 2021)
        counts.add(1, in: 2018)
        #expect(counts.dictionary == [2018: 2, 2020: 3, 2021: 4])
        #expect(counts.years == [2018, 2020, 2021] && counts[2018] == 2)
        var reversed = YearCounts()
        for (year, count) in [(2021, 4), (2018, 2), (2020, 3)] { reversed.add(count, in: year) }
        #expect(reversed == counts && reversed == YearCounts([2018: 2, 2020: 3, 2021: 4]))
        // Σ count = 9, Σ year × count = 2 × 2018 + 3 × 2020 + 4 × 2021.
        #expect(counts.totals == (9, 2 * 2018 + 3 * 2020 + 4 * 2021))
        #expect(YearCounts([2020: 3]).totals == (3, 6060) && YearCounts().totals == (0, 0))
    }

    @Test("a year beyond 32 bits is kept, not truncated")
    func wideYear() {
        let year = Int(Int32.max) + 5
        var counts = YearCounts()
        counts.add(2, in: year)
        #expect(counts.dictionary == [year: 2] && counts[year] == 2 && counts == YearCounts([year: 2]))
    }

    @Test("a node's and a link's dictionaries read and write through their counts")
    func networkProperties() {
        var edge = NetworkEdge(source: 0, target: 1, coauthored: 2, linkStrength: 1, shareSource: nil, shareTarget: nil,
                               coauthoredByYear: [2001: 1])
        edge.coauthoredByYear[2002] = 1
        #expect(edge.yearCounts == YearCounts([2001: 1, 2002: 1]))
        var node = NetworkNode(key: "k", label: "k", works: 4, worksFractional: 4, authors: nil, citationsPerPublication: nil,
                               impact: nil, country: nil, worksByYear: [2000: 1, 2003: 3])
        #expect(node.meanYear == Double(2000 + 3 * 2003) / 4)
        node.worksByYear = [:]
        #expect(node.meanYear == nil && node.yearCounts.isEmpty)
    }
}
