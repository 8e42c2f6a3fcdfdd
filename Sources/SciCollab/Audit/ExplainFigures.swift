/// A share of output traced to its works (definitions §6): the joint works with each side's weight, the works
/// of the side with theirs, and the share they give, the same value `pair`, `pairs` and `audit` print.
public struct ExplainedShare: Sendable {
    /// One work and its weights: `f_X(p)` under fractional counting, 1 under full.
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var weight: Double
        /// The other side's weight (joint works only).
        public var otherWeight: Double?
    }

    /// The side whose output the share is of, and the other side.
    public var side: String
    public var other: String
    public var counting: CountingMethod
    /// The joint works `S_AB`, with `f_side(p)` and `f_other(p)`.
    public var numerator: [Entry]
    /// The works of the side, with `f_side(p)`.
    public var denominator: [Entry]

    /// `C_AB` (full) or `Σ_{p∈S_AB} f_side(p)` (fractional).
    public var numeratorTotal: Double { numerator.map(\.weight).reduce(0, +) }
    /// `N_side` (full) or `Σ_p f_side(p)` (fractional).
    public var denominatorTotal: Double { denominator.map(\.weight).reduce(0, +) }
    /// `Σ_{p∈S_AB} f_other(p)`: the other side's weight in the joint works.
    public var otherTotal: Double { numerator.compactMap(\.otherWeight).reduce(0, +) }
    /// `s(side→other)`, nil when the side has no output.
    public var share: Double? { denominatorTotal == 0 ? nil : numeratorTotal / denominatorTotal }
}

/// The growth of a pair's joint works over a period traced to its works (definitions §5): the joint works of
/// the first and of the last year, each with its weight in `C_AB` (1 under full counting, the link weight
/// `1/(|K_p| − 1)` under fractional), the values `pair` takes its growth and CAGR from.
public struct ExplainedGrowth: Sendable {
    public var a: String
    public var b: String
    public var counting: CountingMethod
    public var firstYear: [ExplainedShare.Entry]
    public var lastYear: [ExplainedShare.Entry]
    /// The period's bounds and the totals of the two years.
    public var growth: Growth
}

/// Why a growth cannot be explained.
public struct ExplainError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

extension Store {
    /// The works behind `s(side→other)` (definitions §6) in `scope`, with their weights under `counting`.
    public func explainShareOfOutput(side: String, other: String, counting: CountingMethod, scope: AnalysisScope = AnalysisScope()) throws -> ExplainedShare {
        let side = scope.country(side), other = scope.country(other)
        let sideWeights = try weights(of: .country(side), counting: counting, scope: scope)
        let otherWeights = try weights(of: .country(other), counting: counting, scope: scope)
        let numerator = try works(of: .pair(side, other), scope: scope).map { work in
            ExplainedShare.Entry(id: work.id, weight: sideWeights[work.id] ?? 0, otherWeight: otherWeights[work.id] ?? 0)
        }
        let denominator = try works(of: .country(side), counting: counting, scope: scope).map { ExplainedShare.Entry(id: $0.id, weight: $0.weight) }
        return ExplainedShare(side: side, other: other, counting: counting, numerator: numerator, denominator: denominator)
    }

    /// The works behind the growth of `C_AB` between the first and last year of `scope`'s period (definitions §5),
    /// with their weights under `counting`. The period must be given (`--from/--to` or `--last N`).
    public func explainGrowth(_ a: String, _ b: String, counting: CountingMethod, scope: AnalysisScope) throws -> ExplainedGrowth {
        guard scope.hasPeriod, let from = scope.from, let to = scope.to else { throw ExplainError(description: AnalysisScope.growthNote) }
        let a = scope.country(a), b = scope.country(b)
        func year(_ year: Int) throws -> [ExplainedShare.Entry] {
            var single = scope
            (single.from, single.to) = (year, year)
            return try works(of: .pair(a, b), counting: counting, scope: single).map { ExplainedShare.Entry(id: $0.id, weight: $0.weight) }
        }
        let first = try year(from), last = try year(to)
        return ExplainedGrowth(a: a, b: b, counting: counting, firstYear: first, lastYear: last,
                               growth: Growth(from: from, to: to, first: first.map(\.weight).reduce(0, +), last: last.map(\.weight).reduce(0, +)))
    }

    /// Work id → weight of the works of `set`.
    private func weights(of set: ImpactSet, counting: CountingMethod, scope: AnalysisScope) throws -> [Int64: Double] {
        Dictionary(try works(of: set, counting: counting, scope: scope).map { ($0.id, $0.weight) }, uniquingKeysWith: +)
    }
}

extension StandardReports {
    /// `explain pair A B --share-of-output X`: the parameters and the note that give the share from the listed
    /// works (the tables are added by the caller, with `explainedWorks`).
    public static func explainedShare(_ share: ExplainedShare, a: String, b: String, scope: AnalysisScope) -> Report {
        let fractional = share.counting == .fractional
        let f = "f_\(share.side)"
        let formula = fractional
            ? "s(\(share.side)→\(share.other)) = Σ_{p∈S_\(a)\(b)} \(f)(p) / Σ_p \(f)(p) = \(decimal(share.numeratorTotal)) / \(decimal(share.denominatorTotal))"
            : "s(\(share.side)→\(share.other)) = C_\(a)\(b) / N_\(share.side) = \(share.numerator.count) / \(share.denominator.count)"
        var notes = ["\(formula) = \(share.share.map { String(format: "%.2f%%", $0 * 100) } ?? "— (no output)") (definitions §6), the share `pair \(a) \(b) --counting \(share.counting.rawValue)` prints."]
        if fractional {
            notes.append("\(f)(p) = (1/n_p) Σ_a |aff_a ∈ \(share.side)| / |aff_a| (definitions §4); in the joint works Σ f_\(share.other)(p) = \(decimal(share.otherTotal)).")
        }
        return Report(command: "explain", parameters: [
            ("figure", .text("pair \(a) \(b)")), ("period", scope.periodValue), ("counting", .text(share.counting.rawValue)),
            ("side", .text(share.side)), ("numerator_total", .real(share.numeratorTotal, decimals: 4)),
            ("denominator_total", .real(share.denominatorTotal, decimals: 4)),
            ("share_of_output", share.share.map { .real($0, decimals: 6) } ?? .null),
        ], notes: notes)
    }

    /// `explain pair A B --growth`: the parameters and the note that give the growth from the two years' works.
    public static func explainedGrowth(_ growth: ExplainedGrowth, scope: AnalysisScope) -> Report {
        let g = growth.growth
        let value = growth.counting == .full ? "C_\(growth.a)\(growth.b)" : "the link strength Σ 1/(|K_p| − 1)"
        let percent = g.percent.map { String(format: "%.1f%%", $0) } ?? "undefined (no joint work in \(g.from))"
        let cagr = g.cagr.map { String(format: "%.1f%%", $0) } ?? "undefined"
        return Report(command: "explain", parameters: [
            ("figure", .text("pair \(growth.a) \(growth.b) growth")), ("period", scope.periodValue), ("counting", .text(growth.counting.rawValue)),
            ("first_year_total", .real(g.first, decimals: 4)), ("last_year_total", .real(g.last, decimals: 4)),
            ("growth", g.percent.map { .real($0, decimals: 4) } ?? .null), ("cagr", g.cagr.map { .real($0, decimals: 4) } ?? .null),
        ], notes: [
            "Growth of \(value) from \(g.from) to \(g.to) = (v_\(g.to) − v_\(g.from)) / v_\(g.from) = (\(decimal(g.last)) − \(decimal(g.first))) / \(decimal(g.first)) = \(percent); CAGR = (v_\(g.to) / v_\(g.from))^(1/\(g.to - g.from)) − 1 = \(cagr) (definitions §5), as `pair \(growth.a) \(growth.b) --from \(g.from) --to \(g.to) --counting \(growth.counting.rawValue)` prints.",
        ] + (scope.isIncomplete(g.to) ? ["\(min(g.to, scope.currentYear)) is the current calendar year: incomplete (definitions §5)."] : []))
    }

    /// A weight or total with up to 4 decimals and no trailing zeros (`1.6667`, `3`, `0.5`).
    static func decimal(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
