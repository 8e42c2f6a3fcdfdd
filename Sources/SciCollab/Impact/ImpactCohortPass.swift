/// The cohorts and per-work values of `ImpactComputation` (definitions §7) from one read of the member rows: each
/// classified work's fields (of a table `fields`: work_id, code, pos) with its year, document type and count `c_p`.
///
/// The rows are read once, in work order, and kept compactly (per member row a field number and a cohort number,
/// per work its id, count and first row: about 45 bytes per classified work, 12 MB on the 1M-work benchmark); each
/// cohort's weights are summed per distinct count. The cohorts' expected citations and top-10% thresholds follow
/// from those sums, then each work's values, written to `temp.impact_work_values` and (expected citations)
/// `temp.impact_expected`. Sums run in the order the SQL they replaced summed in: counts ascending for the
/// expectation, descending for the threshold, a work's fields in listing order.
struct ImpactCohortPass {
    /// A cohort: field number, year, document-type group.
    private struct Cohort: Hashable {
        var field: Int32
        var year: Int
        var group: DocumentTypeGroup
    }

    /// Per cohort: its key, and the weight `Σ 1/k` of its works at each count.
    private var cohorts: [Cohort] = []
    private var cohortNumbers: [Cohort: Int32] = [:]
    private var weights: [[Double: Double]] = []
    /// The field codes, numbered.
    private var codes: [String] = []
    private var codeNumbers: [String: Int32] = [:]
    /// Per work: its id, its count (nil: unknown), its first member row; per member row (a work's rows in listing
    /// order, `pos` then code): its field and its cohort (-1: none, the count or the year unknown).
    private var workIDs: [Int64] = []
    private var counts: [Double?] = []
    private var starts: [Int] = []
    private var memberFields: [Int32] = []
    private var memberCohorts: [Int32] = []

    /// Reads the member rows of `fields` joined to `works` (`citations`: the SQL of `c_p` for the row `w`).
    init(_ database: SQLiteDatabase, fields: String, citations: String) throws {
        var groups: [String: DocumentTypeGroup] = [:]
        var current: Int64?
        var rows: [(pos: String, code: String)] = []
        var year: Int?, group = DocumentTypeGroup.other, count: Double?
        func flush() {
            guard let work = current else { return }
            rows.sort { $0.pos.utf8.elementsEqual($1.pos.utf8) ? $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) : $0.pos.utf8.lexicographicallyPrecedes($1.pos.utf8) }
            workIDs.append(work)
            counts.append(count)
            starts.append(memberFields.count)
            let weight = 1.0 / Double(rows.count)
            for row in rows {
                let field = number(of: row.code)
                memberFields.append(field)
                guard let year, let count else { memberCohorts.append(-1); continue }
                let cohort = Cohort(field: field, year: year, group: group)
                let index = cohortNumbers[cohort] ?? {
                    let index = Int32(cohorts.count)
                    cohorts.append(cohort)
                    cohortNumbers[cohort] = index
                    weights.append([:])
                    return index
                }()
                weights[Int(index)][count, default: 0] += weight
                memberCohorts.append(index)
            }
            rows.removeAll(keepingCapacity: true)
        }
        try database.forEachRow("""
            SELECT f.work_id, f.pos, f.code, w.year, w.doc_type, \(citations) FROM \(fields) f JOIN works w ON w.id = f.work_id
            ORDER BY f.work_id
            """) { row in
            guard case .integer(let work) = row[0], let pos = row[1].string, let code = row[2].string else { return }
            if work != current {
                flush()
                current = work
                year = row[3].int
                let type = row[4].string
                group = type.map { type in groups[type] ?? { let group = DocumentTypeGroup.of(type); groups[type] = group; return group }() } ?? .other
                count = row[5].double
            }
            rows.append((pos, code))
        }
        flush()
        starts.append(memberFields.count)
    }

    /// The number of a field code.
    private mutating func number(of code: String) -> Int32 {
        if let number = codeNumbers[code] { return number }
        let number = Int32(codes.count)
        codes.append(code)
        codeNumbers[code] = number
        return number
    }

    /// A cohort's expected citations from the corpus (`Σ c·w / Σ w` over its counts, ascending), and its top-10%
    /// threshold with the share of the works at it: the highest count at which the works at or above it reach 10% of
    /// the cohort's weight (ties split as Waltman & Schreiber 2013).
    private static func summarise(_ weights: [Double: Double]) -> (expected: Double, threshold: Double, share: Double) {
        let ascending = weights.sorted { $0.key < $1.key }
        var weighted = 0.0, total = 0.0
        for (count, weight) in ascending {
            weighted += count * weight
            total += weight
        }
        var descendingTotal = 0.0
        for (_, weight) in ascending.reversed() { descendingTotal += weight }
        var above = 0.0
        for (count, weight) in ascending.reversed() {
            if above + weight >= 0.1 * descendingTotal - 1e-12 {
                return (weighted / total, count, min(max((0.1 * descendingTotal - above) / weight, 0), 1))
            }
            above += weight
        }
        return (weighted / total, ascending.first?.key ?? 0, 0)
    }

    /// Writes the expected citations of the cohorts (unless `baseline` gives them) and every classified work's values;
    /// `scheme`: the scheme the cohorts are keyed by.
    func write(to database: SQLiteDatabase, scheme: String, baseline: Baseline?) throws {
        // One transaction for the rows (the store itself is not written): a statement of its own each would commit
        // the temporary database row by row.
        if database.isAutocommit {
            try database.readTransaction { try writeRows(to: database, scheme: scheme, baseline: baseline) }
        } else {
            try writeRows(to: database, scheme: scheme, baseline: baseline)
        }
    }

    private func writeRows(to database: SQLiteDatabase, scheme: String, baseline: Baseline?) throws {
        var expected: [Double?] = [], thresholds: [(threshold: Double, share: Double)] = []
        let insertExpected = baseline == nil ? try database.prepare("""
            INSERT INTO temp.impact_expected (scheme, field, year, grp, expected) VALUES (?, ?, ?, ?, ?)
            """) : nil
        for (index, cohort) in cohorts.enumerated() {
            let summary = Self.summarise(weights[index])
            thresholds.append((summary.threshold, summary.share))
            if let baseline {
                expected.append(baseline.expected[Baseline.Key(scheme: scheme, field: codes[Int(cohort.field)], year: cohort.year, group: cohort.group)])
            } else {
                expected.append(summary.expected)
                try insertExpected?.run([.text(scheme), .text(codes[Int(cohort.field)]), .integer(Int64(cohort.year)),
                                         .text(cohort.group.rawValue), .real(summary.expected)])
            }
        }
        let bulk = database.postgres.map { PostgreSQLBulkRows(connection: $0) }
        let insert = try database.prepare("INSERT INTO temp.impact_work_values (work_id, value, top10, fields) VALUES (?, ?, ?, ?)",
                                          copyingInto: bulk)
        // Each code's line written once; a work's lines appended into one reused string, bound without copies.
        let lines = codes.map { scheme + "\t" + $0 }
        var fields = ""
        for work in workIDs.indices {
            let members = starts[work]..<starts[work + 1]
            let n = Double(members.count)
            var value: Double?, top10: Double?
            if let count = counts[work], memberCohorts[members.lowerBound] >= 0 {
                var sum = 0.0, top = 0.0, defined = true
                for member in members {
                    let cohort = Int(memberCohorts[member])
                    if let e = expected[cohort], e > 0 { sum += count / e } else { defined = false }
                    let (threshold, share) = thresholds[cohort]
                    top += count > threshold ? 1.0 : count == threshold ? share : 0.0
                }
                value = defined ? sum / n : nil
                top10 = top / n
            }
            fields.removeAll(keepingCapacity: true)
            for member in members {
                if member > members.lowerBound { fields += "\n" }
                fields += lines[Int(memberFields[member])]
            }
            try insert.bind(workIDs[work], at: 1)
            try insert.bind(value, at: 2)
            try insert.bind(top10, at: 3)
            try insert.bind(fields, at: 4)
            try insert.execute()
        }
        try bulk?.flush()
    }
}
