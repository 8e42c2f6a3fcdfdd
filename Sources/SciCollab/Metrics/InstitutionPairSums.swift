/// The sums of every institution pair (`Schemas/016_institution_rows.sql`: `institution_pair_years`,
/// `institution_pair_totals`), computed in memory from `work_institutions` read once in work order.
///
/// A work with `I_p` institutions adds to `I_p(I_p − 1)/2` pairs; on a million works with a few works of hundreds of
/// institutions that is close to a hundred million additions, which a grouped SQL query over the self-join would
/// sort first. Here each is one probe of an open-addressing table keyed by the pair's interned keys. Every sum is
/// taken in work order, as SQLite sums the pairs of a work-ordered index.
extension Store {
    /// Empties and fills the pair sums from `work_institutions` (inside the caller's transaction).
    /// - Complexity: O(rows of `work_institutions` + Σ_p I_p²); memory O(distinct pairs and years).
    func fillInstitutionPairSums() throws {
        var sums = InstitutionPairAccumulator()
        let read = try database.prepare("SELECT work_id, institution, year, weight, institutions FROM work_institutions ORDER BY work_id, institution")
        var members: [(id: Int32, weight: Double)] = []
        var currentWork: Int64?
        var year: Int?
        var link = 0.0
        while try read.step() {
            let work = read.value(at: 0).int64 ?? 0
            if work != currentWork {
                sums.addWork(members, year: year, link: link)
                members.removeAll(keepingCapacity: true)
                currentWork = work
                year = read.value(at: 2).int
                let institutions = read.value(at: 4).int ?? 1
                link = institutions > 1 ? 1.0 / Double(institutions - 1) : 0
            }
            members.append((sums.id(of: read.value(at: 1).string ?? ""), read.value(at: 3).double ?? 0))
        }
        sums.addWork(members, year: year, link: link)
        read.reset()
        try database.execute("DELETE FROM institution_pair_years")
        try database.execute("DELETE FROM institution_pair_totals")
        try database.execute("DELETE FROM institution_link_years")
        let insertLinks = try database.prepare("INSERT INTO institution_link_years (institution, year, linked_works, link_ends) VALUES (?, ?, ?, ?)")
        for (key, counts) in sums.links {
            let year = Int32(bitPattern: UInt32(truncatingIfNeeded: key))
            try insertLinks.run([.text(sums.names[Int(key >> 32)]), year == InstitutionPairAccumulator.noYear ? .null : .integer(Int64(year)),
                                 .integer(Int64(counts.works)), .integer(Int64(counts.ends))])
        }
        let insertTotal = try database.prepare("INSERT INTO institution_pair_totals (a, b, works, link, weight_a, weight_b) VALUES (?, ?, ?, ?, ?, ?)")
        for pair in sums.pairs {
            try insertTotal.run([.text(sums.names[Int(pair.a)]), .text(sums.names[Int(pair.b)]), .integer(Int64(pair.sums.works)),
                                 .real(pair.sums.link), .real(pair.sums.weightA), .real(pair.sums.weightB)])
        }
        let insertYear = try database.prepare("""
            INSERT INTO institution_pair_years (a, b, year, works, link, weight_a, weight_b) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for entry in sums.years {
            let pair = sums.pairs[Int(entry.pair)]
            try insertYear.run([.text(sums.names[Int(pair.a)]), .text(sums.names[Int(pair.b)]),
                                entry.year == InstitutionPairAccumulator.noYear ? .null : .integer(Int64(entry.year)),
                                .integer(Int64(entry.sums.works)), .real(entry.sums.link), .real(entry.sums.weightA), .real(entry.sums.weightB)])
        }
    }
}

/// The running sums of the institution pairs: keys interned to numbers, pairs and (pair, year) entries in arrays
/// found through two open-addressing tables.
struct InstitutionPairAccumulator {
    struct Sums {
        var works = 0
        var link = 0.0
        var weightA = 0.0
        var weightB = 0.0

        mutating func add(link: Double, weightA: Double, weightB: Double) {
            works += 1
            self.link += link
            self.weightA += weightA
            self.weightB += weightB
        }
    }

    /// The year of the works without one.
    static let noYear = Int32.min

    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]
    private(set) var pairs: [(a: Int32, b: Int32, sums: Sums)] = []
    private(set) var years: [(pair: Int32, year: Int32, sums: Sums)] = []
    private var pairSlots = SlotTable()
    private var yearSlots = SlotTable()

    /// The number of an institution key.
    mutating func id(of key: String) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(names.count)
        names.append(key)
        ids[key] = id
        return id
    }

    /// A set of institutions (in key order) in one year: the works that share it share their pairs' entries.
    private struct InstitutionSet: Hashable {
        var ids: [Int32]
        var year: Int32
    }

    /// The entries of the pairs of the large institution sets met so far: for each pair in the order `addWork` forms
    /// them, its position in `pairs` then in `years`. A set of a few institutions costs little to look up pair by
    /// pair; a large one (a collaboration that signs paper after paper with the same institutions in a year) is
    /// looked up once and its pairs summed from the positions.
    private var setEntries: [InstitutionSet: [Int32]] = [:]
    private var setEntryCount = 0
    /// The smallest set whose entries are kept, and the most positions kept in all (32 MB).
    static let keptSetSize = 16
    static let keptEntryBudget = 8 << 20

    /// Per (institution, year code): the works with another institution and Σ (I_p − 1) over them.
    private(set) var links: [UInt64: (works: Int, ends: Int)] = [:]

    /// Adds the pairs of one work: its institutions in key order with their weights.
    mutating func addWork(_ members: [(id: Int32, weight: Double)], year: Int?, link: Double) {
        guard members.count >= 2 else { return }
        let yearCode = year.map { Int32(clamping: $0) } ?? Self.noYear
        for member in members {
            let key = UInt64(UInt32(bitPattern: member.id)) << 32 | UInt64(UInt32(bitPattern: yearCode))
            let counts = links[key, default: (0, 0)]
            links[key] = (counts.works + 1, counts.ends + members.count - 1)
        }
        guard members.count >= Self.keptSetSize else {
            var unused: [Int32]?
            addPairs(members, yearCode: yearCode, link: link, recording: &unused)
            return
        }
        let set = InstitutionSet(ids: members.map(\.id), year: yearCode)
        if let entries = setEntries[set] {
            addPairs(members, link: link, entries: entries)
            return
        }
        var entries: [Int32]? = []
        entries?.reserveCapacity(members.count * (members.count - 1))
        addPairs(members, yearCode: yearCode, link: link, recording: &entries)
        if let entries, setEntryCount + entries.count <= Self.keptEntryBudget {
            setEntries[set] = entries
            setEntryCount += entries.count
        }
    }

    /// Adds each pair of `members` to its entries, found (or made) through the slot tables; `recording` collects the
    /// positions of the entries.
    private mutating func addPairs(_ members: [(id: Int32, weight: Double)], yearCode: Int32, link: Double, recording: inout [Int32]?) {
        for i in 0..<(members.count - 1) {
            let a = members[i]
            for b in members[(i + 1)...] {
                let pairKey = UInt64(UInt32(bitPattern: a.id)) << 32 | UInt64(UInt32(bitPattern: b.id))
                let pair = pairSlots.slot(for: pairKey, next: Int32(pairs.count))
                if pair.inserted { pairs.append((a.id, b.id, Sums())) }
                pairs[Int(pair.value)].sums.add(link: link, weightA: a.weight, weightB: b.weight)
                let yearKey = UInt64(UInt32(bitPattern: pair.value)) << 32 | UInt64(UInt32(bitPattern: yearCode))
                let entry = yearSlots.slot(for: yearKey, next: Int32(years.count))
                if entry.inserted { years.append((pair.value, yearCode, Sums())) }
                years[Int(entry.value)].sums.add(link: link, weightA: a.weight, weightB: b.weight)
                recording?.append(pair.value)
                recording?.append(entry.value)
            }
        }
    }

    /// Adds each pair of `members` to the entries at `entries` (the positions `addPairs` recorded for the same set and
    /// year), in the same order: every sum gets the same additions in the same order as through the slot tables.
    private mutating func addPairs(_ members: [(id: Int32, weight: Double)], link: Double, entries: [Int32]) {
        let weights = members.map(\.weight)
        pairs.withUnsafeMutableBufferPointer { pairs in
            years.withUnsafeMutableBufferPointer { years in
                entries.withUnsafeBufferPointer { entries in
                    var k = 0
                    for i in 0..<(weights.count - 1) {
                        let weightA = weights[i]
                        for j in (i + 1)..<weights.count {
                            pairs[Int(entries[k])].sums.add(link: link, weightA: weightA, weightB: weights[j])
                            years[Int(entries[k + 1])].sums.add(link: link, weightA: weightA, weightB: weights[j])
                            k += 2
                        }
                    }
                }
            }
        }
    }
}

/// An open-addressing table from 64-bit keys to array positions (linear probing, a multiplicative hash), for the
/// hundred million probes of the pair sums, where a `Dictionary` would hash each key with SipHash.
struct SlotTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private var count = 0

    init() {
        keys = Array(repeating: 0, count: 1 << 10)
        values = Array(repeating: -1, count: 1 << 10)
        shift = 64 - 10
    }

    /// The value stored for `key`, or `next` stored for it now (`inserted`).
    mutating func slot(for key: UInt64, next: Int32) -> (value: Int32, inserted: Bool) {
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = keys.count - 1
        while values[index] >= 0 {
            if keys[index] == key { return (values[index], false) }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = next
        count += 1
        if count * 2 > keys.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        shift -= 1
        let mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where value >= 0 {
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while values[index] >= 0 { index = (index + 1) & mask }
            keys[index] = key
            values[index] = value
        }
    }
}
