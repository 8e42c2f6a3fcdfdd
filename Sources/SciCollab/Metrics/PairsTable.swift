/// One country pair of the co-authorship network (SPEC §4, §6).
public struct PairRow: Sendable, Equatable {
    public var a: String
    public var b: String
    /// `C_AB`: joint works.
    public var coauthored: Int
    /// The VOSviewer fractional link weight `Σ 1/(|K_p| − 1)` over the joint works.
    public var fractionalWeight: Double
    /// `N_A`, `N_B` (full counting).
    public var outputA: Int
    public var outputB: Int

    /// `C_AB / N_A` and `C_AB / N_B` with the link weight of the counting method.
    public func shares(_ counting: CountingMethod) -> (a: Double?, b: Double?) {
        let weight = counting == .full ? Double(coauthored) : fractionalWeight
        return (outputA == 0 ? nil : weight / Double(outputA), outputB == 0 ? nil : weight / Double(outputB))
    }
}

extension Store {
    /// Every pair of countries with at least one joint work in `scope` (or the partners of `country`),
    /// ranked by the link weight of `counting`, at most `top` of them.
    public func pairs(country: String? = nil, counting: CountingMethod = .full, top: Int? = nil,
                      scope: AnalysisScope = AnalysisScope()) throws -> [PairRow] {
        let sources = try derivedSources(scope)
        var filter = ""
        var arguments: [SQLValue] = []
        if let country {
            filter = "AND (a = ?1 OR b = ?1)"
            arguments.append(.text(scope.country(country)))
        }
        let links = try database.rows("""
            SELECT a, b, count(*), sum(link) FROM \(sources.pairs)
            WHERE \(scope.yearCondition("year")) \(filter)
            GROUP BY a, b
            """, arguments)
        let outputRows = try database.rows("""
            SELECT country, count(*) FROM \(sources.countries) WHERE \(scope.yearCondition("year")) GROUP BY country
            """)
        var output: [String: Int] = [:]
        for row in outputRows { output[row[0].string ?? ""] = row[1].int ?? 0 }
        var rows = links.map { row -> PairRow in
            var a = row[0].string ?? "", b = row[1].string ?? ""
            // With --country, the chosen country comes first.
            if let country, scope.country(country) == b { swap(&a, &b) }
            return PairRow(a: a, b: b, coauthored: row[2].int ?? 0, fractionalWeight: row[3].double ?? 0,
                           outputA: output[a] ?? 0, outputB: output[b] ?? 0)
        }
        rows.sort { lhs, rhs in
            let l = counting == .full ? Double(lhs.coauthored) : lhs.fractionalWeight
            let r = counting == .full ? Double(rhs.coauthored) : rhs.fractionalWeight
            return l != r ? l > r : (lhs.a, lhs.b) < (rhs.a, rhs.b)
        }
        if let top { rows = Array(rows.prefix(top)) }
        return rows
    }
}
