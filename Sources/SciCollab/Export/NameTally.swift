/// How often each name (or country) of one network node was read, kept without a dictionary while the node has one:
/// most authors of a large network are read under one name, and a dictionary of one entry takes about 128 bytes.
struct NameTally {
    private enum Storage {
        case one(String, count: Int)
        case many([String: Int])
    }

    private var storage: Storage

    /// A tally of `name` read `count` times.
    init(_ name: String, count: Int = 1) { storage = .one(name, count: count) }

    /// Counts `name` once more.
    mutating func add(_ name: String) {
        switch storage {
        case .one(let stored, let count):
            storage = stored == name ? .one(stored, count: count + 1) : .many([stored: count, name: 1])
        case .many(var counts):
            storage = .one("", count: 0) // the dictionary is then uniquely referenced and grows in place
            counts[name, default: 0] += 1
            storage = .many(counts)
        }
    }

    /// The name read most often; among equals the first in code-point order.
    var mostFrequent: String {
        switch storage {
        case .one(let name, _): return name
        case .many(let counts): return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        }
    }
}

extension Dictionary where Value == NameTally {
    /// Counts `name` once more for `key`.
    mutating func tally(_ name: String, for key: Key) {
        if self[key]?.add(name) == nil { self[key] = NameTally(name) }
    }
}
