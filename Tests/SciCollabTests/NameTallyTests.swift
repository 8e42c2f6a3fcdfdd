import Testing
@testable import SciCollab

@Suite("Name tallies")
struct NameTallyTests {
    /// The rule the tally replaces: the name of the greatest count, among equals the first in code-point order.
    static func mostFrequent(_ counts: [String: Int]) -> String? {
        counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    @Test("the most frequent name is the one a dictionary of the same reads gives, ties included",
          arguments: [["Wang, L."], ["Wang, L.", "Wang, Li", "Wang, L."], ["b", "a"], ["a", "b"], ["b", "a", "c", "c", "a", "b"],
                      ["Müller", "Muller", "Müller", "Muller"], ["x", "y", "y", "x", "z", "z", "z"]])
    func sameAsDictionary(names: [String]) {
        var tallies: [String: NameTally] = [:]
        var counts: [String: Int] = [:]
        for name in names {
            tallies.tally(name, for: "key")
            counts[name, default: 0] += 1
        }
        #expect(tallies["key"]?.mostFrequent == Self.mostFrequent(counts))
    }
}
