/// Counts per publication year (a node's works, a link's joint works), kept without a dictionary while there is one
/// year: most links and most authors of a large network have works in a single year, and a dictionary of one entry
/// takes about 128 bytes of its own.
///
/// The storage is canonical (no year: `empty`, one year: `one`, more: `many`), so two equal sets of counts compare
/// equal however they were built.
public struct YearCounts: Sendable, Equatable {
    private enum Storage: Sendable, Equatable {
        case empty
        case one(year: Int32, count: Int)
        case many([Int: Int])
    }

    private var storage: Storage

    /// No year.
    public init() { storage = .empty }

    /// The counts of a dictionary, year → count.
    public init(_ dictionary: [Int: Int]) {
        switch dictionary.count {
        case 0: storage = .empty
        case 1: storage = Self.one(dictionary.first!.key, dictionary.first!.value) ?? .many(dictionary)
        default: storage = .many(dictionary)
        }
    }

    /// `.one` where the year fits its 32 bits.
    private static func one(_ year: Int, _ count: Int) -> Storage? {
        Int32(exactly: year).map { .one(year: $0, count: count) }
    }

    /// The counts as a dictionary, year → count.
    public var dictionary: [Int: Int] {
        switch storage {
        case .empty: return [:]
        case .one(let year, let count): return [Int(year): count]
        case .many(let counts): return counts
        }
    }

    /// Whether no year is counted.
    public var isEmpty: Bool {
        if case .empty = storage { return true }
        return false
    }

    /// The years counted, in order.
    public var years: [Int] {
        switch storage {
        case .empty: return []
        case .one(let year, _): return [Int(year)]
        case .many(let counts): return counts.keys.sorted()
        }
    }

    /// The count of `year` (0 when it has none).
    public subscript(year: Int) -> Int {
        switch storage {
        case .empty: return 0
        case .one(let stored, let count): return Int(stored) == year ? count : 0
        case .many(let counts): return counts[year] ?? 0
        }
    }

    /// Adds `count` to `year`.
    public mutating func add(_ count: Int, in year: Int) {
        switch storage {
        case .empty:
            storage = Self.one(year, count) ?? .many([year: count])
        case .one(let stored, let existing):
            if Int(stored) == year {
                storage = .one(year: stored, count: existing + count)
            } else {
                storage = .many([Int(stored): existing, year: count])
            }
        case .many(var counts):
            storage = .empty // the dictionary is then uniquely referenced and grows in place
            counts[year, default: 0] += count
            storage = .many(counts)
        }
    }

    /// Σ count and Σ year × count over the years, in one pass (for a mean year).
    var totals: (count: Int, yearTimesCount: Int) {
        switch storage {
        case .empty: return (0, 0)
        case .one(let year, let count): return (count, Int(year) * count)
        case .many(let counts): return counts.reduce((0, 0)) { ($0.0 + $1.value, $0.1 + $1.key * $1.value) }
        }
    }
}
