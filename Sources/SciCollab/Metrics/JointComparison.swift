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

extension Store {
    /// The five sets of `a` and `b` (codes as `scope.country` names them; groups through the scope) in `scope`,
    /// read in one pass over the two sides' rows of the derived tables.
    public func jointComparison(_ a: String, _ b: String, scope: AnalysisScope = AnalysisScope()) throws -> JointComparison {
        let a = scope.country(a), b = scope.country(b)
        guard a != b else { throw PairError.sameCountry(a) }
        let sources = try derivedSources(scope)
        var parts: [JointComparison.Part: JointComparison.Row] = [:]
        for part in JointComparison.Part.allCases {
            let label: String
            switch part {
            case .joint: label = "\(a) ∩ \(b)"
            case .aOnly: label = "\(a) ∖ \(b)"
            case .bOnly: label = "\(b) ∖ \(a)"
            case .a: label = a
            case .b: label = b
            }
            parts[part] = .init(part: part, label: label, works: 0, citations: 0, worksWithoutCitationCount: 0, internationalWorks: 0, ids: [])
        }
        try database.forEachRow("""
            SELECT work_id, max(CASE WHEN country = ?1 THEN 1 ELSE 0 END), max(CASE WHEN country = ?2 THEN 1 ELSE 0 END),
                   max(countries), max(\(scope.citations("wc")))
            FROM \(sources.countries) wc WHERE country IN (?1, ?2) AND \(scope.yearCondition("year"))
            GROUP BY work_id
            """, [.text(a), .text(b)]) { row in
            guard case .integer(let id) = row[0] else { return }
            let inA = row[1].int == 1, inB = row[2].int == 1
            let part: JointComparison.Part = inA && inB ? .joint : (inA ? .aOnly : .bOnly)
            for target in [part] + (inA ? [.a] : []) + (inB ? [.b] : []) {
                parts[target]!.works += 1
                parts[target]!.ids.append(id)
                if let citations = row[4].int { parts[target]!.citations += citations } else { parts[target]!.worksWithoutCitationCount += 1 }
                if (row[3].int ?? 0) >= 2 { parts[target]!.internationalWorks += 1 }
            }
        }
        return JointComparison(a: a, b: b, rows: JointComparison.Part.allCases.map { parts[$0]! })
    }
}

/// One field of `fields --pair A B --compare`: the works of each of the five sets in the field.
public struct FieldComparisonRow: Sendable {
    public var field: String
    public var name: String?
    /// The works of each set in the field (a work counts in every one of its fields).
    public var ids: [JointComparison.Part: [Int64]]

    public func works(_ part: JointComparison.Part) -> Int { ids[part]?.count ?? 0 }
}

extension Store {
    /// Per field of `scheme`, the works of A∩B, A∖B, B∖A, A and B, largest A∩B first.
    public func fieldComparison(scheme: String, _ a: String, _ b: String, scope: AnalysisScope = AnalysisScope()) throws -> [FieldComparisonRow] {
        let sideA = try fieldBreakdown(scheme: scheme, set: .country(a), scope: scope)
        let sideB = try fieldBreakdown(scheme: scheme, set: .country(b), scope: scope)
        var rows: [String: FieldComparisonRow] = [:]
        for (part, breakdown) in [(JointComparison.Part.a, sideA), (.b, sideB)] {
            for row in breakdown.rows {
                rows[row.field, default: FieldComparisonRow(field: row.field, name: row.name, ids: [:])].ids[part] = row.ids
            }
        }
        for (field, row) in rows {
            let inA = Set(row.ids[.a] ?? []), inB = Set(row.ids[.b] ?? [])
            rows[field]?.ids[.joint] = (row.ids[.a] ?? []).filter(inB.contains)
            rows[field]?.ids[.aOnly] = (row.ids[.a] ?? []).filter { !inB.contains($0) }
            rows[field]?.ids[.bOnly] = (row.ids[.b] ?? []).filter { !inA.contains($0) }
        }
        return rows.values.sorted { ($0.works(.joint), $0.works(.a), $1.field) > ($1.works(.joint), $1.works(.a), $0.field) }
    }
}
