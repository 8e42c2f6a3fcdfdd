/// One country pair of the co-authorship network (definitions §4, §6).
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
    /// `Σ_{p∈S_AB} f_A(p)`, `Σ_{p∈S_AB} f_B(p)`: each side's fractional output in the joint works.
    public var jointWeightA = 0.0
    public var jointWeightB = 0.0
    /// `Σ_p f_A(p)`, `Σ_p f_B(p)`: each side's fractional output (definitions §4).
    public var outputFractionalA = 0.0
    public var outputFractionalB = 0.0

    /// `s(A→B)`, `s(B→A)` (definitions §6): `C_AB / N_A` (full) or `Σ_{p∈S_AB} f_A(p) / Σ_p f_A(p)` (fractional), within
    /// [0, 1]. The link weight is never divided by an output.
    public func shares(_ counting: CountingMethod) -> (a: Double?, b: Double?) {
        switch counting {
        case .full:
            return (outputA == 0 ? nil : Double(coauthored) / Double(outputA), outputB == 0 ? nil : Double(coauthored) / Double(outputB))
        case .fractional:
            return (outputFractionalA == 0 ? nil : jointWeightA / outputFractionalA, outputFractionalB == 0 ? nil : jointWeightB / outputFractionalB)
        }
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
        let keptGroups = try keptGroupTotals(sources: sources, scope: scope)
        let links = try database.rows(try keptTotals(.pairs, for: scope, ranked: true)
            ? "SELECT a, b, works, link, weight_a, weight_b FROM country_pair_totals WHERE 1 = 1 \(filter)"
            : keptGroups.map { "SELECT * FROM (\($0.pairs)) WHERE 1 = 1 \(filter)" } ?? sources.pairFigures(scope, filter: filter), arguments)
        let outputRows = try keptGroups.map { try database.rows($0.countries) }
            ?? countryTotals(scope: scope, sources: sources, bounds: nil, outputOnly: true)
        var output: [String: (works: Int, weight: Double)] = [:]
        for row in outputRows { output[row[0].string ?? ""] = (row[1].int ?? 0, row[2].double ?? 0) }
        var rows = links.map { row -> PairRow in
            var a = row[0].string ?? "", b = row[1].string ?? ""
            var jointA = row[4].double ?? 0, jointB = row[5].double ?? 0
            // With --country, the chosen country comes first.
            if let country, scope.country(country) == b {
                swap(&a, &b)
                swap(&jointA, &jointB)
            }
            return PairRow(a: a, b: b, coauthored: row[2].int ?? 0, fractionalWeight: row[3].double ?? 0,
                           outputA: output[a]?.works ?? 0, outputB: output[b]?.works ?? 0, jointWeightA: jointA, jointWeightB: jointB,
                           outputFractionalA: output[a]?.weight ?? 0, outputFractionalB: output[b]?.weight ?? 0)
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

