/// Joint works against each side alone: the five sets A∩B, A∖B, B∖A, A and B of two countries or groups.
///
/// Each set gets its works, citations per publication, international works and, with an impact model, the
/// mean impact and PP(top 10%) of definitions §7. By construction `N(A) = N(A∩B) + N(A∖B)` and
/// `N(B) = N(A∩B) + N(B∖A)`, in works and in every additive count.
public struct JointComparison: Sendable {
    /// Which of the five sets a row is.
    public enum Part: String, Sendable, CaseIterable {
        case joint, aOnly = "a_only", bOnly = "b_only", a, b
    }

    public struct Row: Sendable {
        public var part: Part
        /// `RU ∩ CN`, `RU ∖ CN`, `RU`, …
        public var label: String
        public var works: Int
        /// `Σ c_p` over the works with a known count, and the works without one.
        public var citations: Int
        public var worksWithoutCitationCount: Int
        /// Works of the set with at least two countries.
        public var internationalWorks: Int
        /// The works, for impact.
        public var ids: [Int64]

        /// `Σ c_p / |{p : c_p known}|`.
        public var citationsPerPublication: Double? {
            let known = works - worksWithoutCitationCount
            return known == 0 ? nil : Double(citations) / Double(known)
        }

        /// International works over works, in percent.
        public var internationalShare: Double? { works == 0 ? nil : Double(internationalWorks) / Double(works) * 100 }
    }

    public var a: String
    public var b: String
    /// In the order of `Part.allCases`.
    public var rows: [Row]

    public func row(_ part: Part) -> Row { rows.first { $0.part == part }! }
}

/// What a comparison needs of one work of A ∪ B: which sides it belongs to, its countries and its citations.
struct ComparedWork {
    var inA: Bool
    var inB: Bool
    var countries: Int
    var citations: Int?

    /// The parts of `JointComparison.Part` the work falls in: its own (∩, A∖B or B∖A) and each side it is in.
    var parts: [JointComparison.Part] {
        [inA && inB ? .joint : (inA ? .aOnly : .bOnly)] + (inA ? [.a] : []) + (inB ? [.b] : [])
    }
}

extension JointComparison.Row {
    /// An empty row of `part`, labelled by the sides `a` and `b`.
    init(part: JointComparison.Part, a: String, b: String) {
        let label: String
        switch part {
        case .joint: label = "\(a) ∩ \(b)"
        case .aOnly: label = "\(a) ∖ \(b)"
        case .bOnly: label = "\(b) ∖ \(a)"
        case .a: label = a
        case .b: label = b
        }
        self.init(part: part, label: label, works: 0, citations: 0, worksWithoutCitationCount: 0, internationalWorks: 0, ids: [])
    }

    /// Counts one work in this row.
    mutating func add(_ id: Int64, _ work: ComparedWork) {
        works += 1
        ids.append(id)
        if let count = work.citations { citations += count } else { worksWithoutCitationCount += 1 }
        if work.countries >= 2 { internationalWorks += 1 }
    }
}

extension Store {
    /// The works of `a` ∪ `b` in `scope` (codes as `scope.country` names them) in one pass over the two sides'
    /// rows of the derived tables, in work order.
    func comparedWorks(_ a: String, _ b: String, scope: AnalysisScope) throws -> [(id: Int64, work: ComparedWork)] {
        let sources = try derivedSources(scope)
        var works: [(id: Int64, work: ComparedWork)] = []
        try database.forEachRow("""
            SELECT work_id, max(CASE WHEN country = ?1 THEN 1 ELSE 0 END), max(CASE WHEN country = ?2 THEN 1 ELSE 0 END),
                   max(countries), max(\(scope.citations("wc")))
            FROM \(sources.countries) wc WHERE country IN (?1, ?2) AND \(scope.yearCondition("year"))
            GROUP BY work_id
            """, [.text(a), .text(b)]) { row in
            guard case .integer(let id) = row[0] else { return }
            works.append((id, ComparedWork(inA: row[1].int == 1, inB: row[2].int == 1, countries: row[3].int ?? 0, citations: row[4].int)))
        }
        return works
    }

    /// The five sets of `a` and `b` (codes as `scope.country` names them; groups through the scope) in `scope`.
    public func jointComparison(_ a: String, _ b: String, scope: AnalysisScope = AnalysisScope()) throws -> JointComparison {
        let a = scope.country(a), b = scope.country(b)
        guard a != b else { throw PairError.sameCountry(a) }
        var rows = Dictionary(uniqueKeysWithValues: JointComparison.Part.allCases.map { ($0, JointComparison.Row(part: $0, a: a, b: b)) })
        for (id, work) in try comparedWorks(a, b, scope: scope) {
            for part in work.parts { rows[part]!.add(id, work) }
        }
        return JointComparison(a: a, b: b, rows: JointComparison.Part.allCases.map { rows[$0]! })
    }
}

/// One field of `fields --pair A B --compare`: the five sets A∩B, A∖B, B∖A, A and B within the field.
public struct FieldComparisonRow: Sendable {
    public var field: String
    public var name: String?
    /// The five sets within the field, in the order of `JointComparison.Part.allCases` (a work counts in every
    /// one of its fields).
    public var rows: [JointComparison.Row]

    /// The works of each set in the field.
    public var ids: [JointComparison.Part: [Int64]] {
        Dictionary(uniqueKeysWithValues: rows.map { ($0.part, $0.ids) })
    }

    public func works(_ part: JointComparison.Part) -> Int { rows.first { $0.part == part }?.works ?? 0 }
}

extension Store {
    /// Per field of `scheme`, the five sets of A and B with their works, citations and international works,
    /// largest A∩B first.
    public func fieldComparison(scheme: String, _ a: String, _ b: String, scope: AnalysisScope = AnalysisScope()) throws -> [FieldComparisonRow] {
        let a = scope.country(a), b = scope.country(b)
        guard a != b else { throw PairError.sameCountry(a) }
        let works = Dictionary(try comparedWorks(a, b, scope: scope).map { ($0.id, $0.work) }, uniquingKeysWith: { first, _ in first })
        var fields: [String: (name: String?, ids: Set<Int64>)] = [:]
        for side in [a, b] {
            for row in try fieldBreakdown(scheme: scheme, set: .country(side), scope: scope).rows {
                fields[row.field, default: (row.name, [])].ids.formUnion(row.ids)
            }
        }
        let rows = fields.map { field, entry -> FieldComparisonRow in
            var parts = Dictionary(uniqueKeysWithValues: JointComparison.Part.allCases.map { ($0, JointComparison.Row(part: $0, a: a, b: b)) })
            for id in entry.ids.sorted() {
                guard let work = works[id] else { continue }
                for part in work.parts { parts[part]!.add(id, work) }
            }
            return FieldComparisonRow(field: field, name: entry.name, rows: JointComparison.Part.allCases.map { parts[$0]! })
        }
        return rows.sorted { ($0.works(.joint), $0.works(.a), $1.field) > ($1.works(.joint), $1.works(.a), $0.field) }
    }
}
