import Foundation

/// The figures of SPEC §6 for two countries A and B over a period.
public struct PairMetrics: Sendable, Equatable {
    /// One publication year of the period.
    public struct Year: Sendable, Equatable {
        public var year: Int
        /// `C_AB` (full) or the fractional link weight, by the counting method.
        public var coauthored: Double
        public var outputA: Double
        public var outputB: Double
        public var coauthorsA: Int
        public var coauthorsB: Int
    }

    public var a: String
    public var b: String
    public var counting: CountingMethod
    /// First and last year (the period's bounds, else the years present), nil when no work has a year.
    public var period: (from: Int, to: Int)?

    /// `C_AB` under full counting; the VOSviewer link weight `Σ 1/(|K_p| − 1)` under fractional counting.
    public var coauthored: Double
    /// `C_AB`, the number of joint works (whatever the counting method).
    public var jointWorks: Int
    /// `N_A`, `N_B`: works (full) or `Σ f_X(p)` (fractional).
    public var outputA: Double
    public var outputB: Double
    /// `I_A`, `I_B`: international works of each side (full counting).
    public var internationalA: Int
    public var internationalB: Int
    /// `co-authors(A|B)`: distinct authors affiliated to A on at least one A–B work; and symmetrically.
    public var coauthorsA: Int
    public var coauthorsB: Int
    /// `Authors(A)`, `Authors(B)`.
    public var authorsA: Int
    public var authorsB: Int
    /// Among `Authors(A) ∪ Authors(B)`: how many are identified by a name key only.
    public var nameKeyedAuthors: Int
    public var allAuthors: Int
    /// `L_A`, `L_B`, `L`: international links (SPEC §6, affinity).
    public var linksA: Int
    public var linksB: Int
    public var links: Int
    /// `Σ f_A(p)` and `Σ f_B(p)` over the joint works.
    public var jointWeightA: Double
    public var jointWeightB: Double
    /// Joint works whose lead author (corresponding, else first) is affiliated to A, to B.
    public var ledByA: Int
    public var ledByB: Int
    /// Citations of the joint works with a known count, and the joint works without one.
    public var jointCitations: Int
    public var jointWithoutCitationCount: Int
    /// Works of the period with no resolved country (they cannot be placed).
    public var unplacedWorks: Int
    public var byYear: [Year]

    public static func == (lhs: PairMetrics, rhs: PairMetrics) -> Bool {
        lhs.a == rhs.a && lhs.b == rhs.b && lhs.counting == rhs.counting && lhs.coauthored == rhs.coauthored
            && lhs.outputA == rhs.outputA && lhs.outputB == rhs.outputB && lhs.byYear == rhs.byYear
            && lhs.period?.from == rhs.period?.from && lhs.period?.to == rhs.period?.to
    }

    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        denominator == 0 ? nil : numerator / denominator
    }

    /// `s(A→B) = C_AB / N_A`, `s(B→A)`.
    public var shareOfOutputA: Double? { Self.ratio(coauthored, outputA) }
    public var shareOfOutputB: Double? { Self.ratio(coauthored, outputB) }
    /// `s_int(A→B) = C_AB / I_A` (full counting).
    public var shareOfInternationalA: Double? { Self.ratio(Double(jointWorks), Double(internationalA)) }
    public var shareOfInternationalB: Double? { Self.ratio(Double(jointWorks), Double(internationalB)) }
    /// `ashare(A→B) = co-authors(A|B) / Authors(A)`.
    public var shareOfAuthorsA: Double? { Self.ratio(Double(coauthorsA), Double(authorsA)) }
    public var shareOfAuthorsB: Double? { Self.ratio(Double(coauthorsB), Double(authorsB)) }
    /// Salton `C_AB / sqrt(N_A N_B)`.
    public var salton: Double? { Self.ratio(coauthored, (outputA * outputB).squareRoot()) }
    /// Jaccard `C_AB / (N_A + N_B − C_AB)`.
    public var jaccard: Double? { Self.ratio(coauthored, outputA + outputB - coauthored) }
    /// `PAI(A→B) = (C_AB / L_A) / (L_B / (L − L_A))` on the full-count link matrix.
    public var affinityAB: Double? {
        guard let own = Self.ratio(Double(jointWorks), Double(linksA)), let other = Self.ratio(Double(linksB), Double(links - linksA)) else { return nil }
        return Self.ratio(own, other)
    }
    public var affinityBA: Double? {
        guard let own = Self.ratio(Double(jointWorks), Double(linksB)), let other = Self.ratio(Double(linksA), Double(links - linksB)) else { return nil }
        return Self.ratio(own, other)
    }
    /// `Σ f_A / Σ (f_A + f_B)` over the joint works (0.5 = equal).
    public var balance: Double? { Self.ratio(jointWeightA, jointWeightA + jointWeightB) }
    /// Shares of the joint works led by A and by B.
    public var leadershipA: Double? { Self.ratio(Double(ledByA), Double(jointWorks)) }
    public var leadershipB: Double? { Self.ratio(Double(ledByB), Double(jointWorks)) }
    /// Citations per publication of the joint works.
    public var citationsPerPublication: Double? {
        Self.ratio(Double(jointCitations), Double(jointWorks - jointWithoutCitationCount))
    }

    /// Growth between the first and last year of a per-year value.
    public func growth(_ value: (Year) -> Double) -> Growth? {
        guard let period else { return nil }
        let first = byYear.first { $0.year == period.from }.map(value) ?? 0
        let last = byYear.first { $0.year == period.to }.map(value) ?? 0
        return Growth(from: period.from, to: period.to, first: first, last: last)
    }

    /// `ids`, `ids+names` or `names` (SPEC §1).
    public var authorIdentity: String {
        nameKeyedAuthors == 0 ? "ids" : (nameKeyedAuthors == allAuthors ? "names" : "ids+names")
    }
}

/// Why a pair cannot be computed.
public enum PairError: Error, CustomStringConvertible, Equatable {
    case sameCountry(String)
    case notACountryCode(String)

    public var description: String {
        switch self {
        case .sameCountry(let code): return "both countries are \(code) under the chosen treatment of China's regions; name two different countries"
        case .notACountryCode(let text): return "\"\(text)\" is not an ISO 3166-1 alpha-2 code or a country name in the alias table"
        }
    }
}

extension Store {
    /// The ISO code for a user's country argument: a code (`RU`) or a name or alias (`Russia`, `Peoples R China`).
    public static func countryCode(_ text: String, resolver: CountryResolver = .standard) throws -> String {
        let trimmed = text.trimmedString
        if trimmed.count == 2, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let upper = trimmed.uppercased()
            if resolver.aliases.values.contains(upper) { return upper }
        }
        if let code = resolver.code(forName: trimmed) { return code }
        throw PairError.notACountryCode(text)
    }

    /// The figures of SPEC §6 for countries `a` and `b` (ISO codes) in `scope`.
    public func pair(_ a: String, _ b: String, counting: CountingMethod = .full, scope: AnalysisScope = AnalysisScope()) throws -> PairMetrics {
        let a = scope.country(a), b = scope.country(b)
        guard a != b else { throw PairError.sameCountry(a) }
        let sources = try derivedSources(scope)
        let k = "f.\(scope.countriesColumn)"
        let perYear = try database.rows("""
            WITH per_work AS (
                SELECT wc.work_id,
                       sum(CASE WHEN wc.country = ?1 THEN wc.weight END) AS wa,
                       sum(CASE WHEN wc.country = ?2 THEN wc.weight END) AS wb,
                       max(CASE WHEN wc.country = ?1 THEN wc.is_lead END) AS la,
                       max(CASE WHEN wc.country = ?2 THEN wc.is_lead END) AS lb
                FROM \(sources.countries) wc
                WHERE wc.country IN (?1, ?2)
                GROUP BY wc.work_id
            )
            SELECT f.year,
                   count(p.wa), coalesce(sum(p.wa), 0), count(p.wb), coalesce(sum(p.wb), 0),
                   sum(CASE WHEN p.wa IS NOT NULL AND \(k) >= 2 THEN 1 ELSE 0 END),
                   sum(CASE WHEN p.wb IS NOT NULL AND \(k) >= 2 THEN 1 ELSE 0 END),
                   sum(CASE WHEN p.wa IS NOT NULL AND p.wb IS NOT NULL THEN 1 ELSE 0 END),
                   coalesce(sum(CASE WHEN p.wa IS NOT NULL AND p.wb IS NOT NULL THEN 1.0 / (\(k) - 1) END), 0),
                   coalesce(sum(CASE WHEN p.wb IS NOT NULL THEN p.wa END), 0),
                   coalesce(sum(CASE WHEN p.wa IS NOT NULL THEN p.wb END), 0),
                   sum(CASE WHEN p.wb IS NOT NULL AND p.la = 1 THEN 1 ELSE 0 END),
                   sum(CASE WHEN p.wa IS NOT NULL AND p.lb = 1 THEN 1 ELSE 0 END),
                   coalesce(sum(CASE WHEN p.wa IS NOT NULL AND p.wb IS NOT NULL THEN f.citations END), 0),
                   sum(CASE WHEN p.wa IS NOT NULL AND p.wb IS NOT NULL AND f.citations IS NULL THEN 1 ELSE 0 END)
            FROM per_work p JOIN work_facts f ON f.work_id = p.work_id
            WHERE \(scope.factsCondition)
            GROUP BY f.year
            ORDER BY f.year
            """, [.text(a), .text(b)])
        // Distinct authors: of each side, and of each side on joint works, per year and over the period.
        func authors(of side: String, jointWith other: String?, perYear: Bool) throws -> [(year: Int?, count: Int, nameKeyed: Int)] {
            let joint = other == nil ? "" : "AND EXISTS (SELECT 1 FROM \(sources.countries) o WHERE o.work_id = x.work_id AND o.country = ?2)"
            let rows = try database.rows("""
                SELECT \(perYear ? "f.year" : "NULL"), count(DISTINCT x.author_id),
                       count(DISTINCT CASE WHEN a.identity_kind = 'name_key' THEN x.author_id END)
                FROM \(sources.authors) x
                JOIN work_facts f ON f.work_id = x.work_id
                JOIN authors a ON a.id = x.author_id
                WHERE x.country = ?1 \(joint) AND \(scope.factsCondition)
                \(perYear ? "GROUP BY f.year" : "")
                """, [.text(side)] + (other.map { [.text($0)] } ?? []))
            return rows.map { ($0[0].int, $0[1].int ?? 0, $0[2].int ?? 0) }
        }
        let authorsA = try authors(of: a, jointWith: nil, perYear: false).first
        let authorsB = try authors(of: b, jointWith: nil, perYear: false).first
        let coauthorsA = try authors(of: a, jointWith: b, perYear: false).first?.count ?? 0
        let coauthorsB = try authors(of: b, jointWith: a, perYear: false).first?.count ?? 0
        let coauthorsAByYear = Dictionary(try authors(of: a, jointWith: b, perYear: true).compactMap { r in r.year.map { ($0, r.count) } }, uniquingKeysWith: { x, _ in x })
        let coauthorsBByYear = Dictionary(try authors(of: b, jointWith: a, perYear: true).compactMap { r in r.year.map { ($0, r.count) } }, uniquingKeysWith: { x, _ in x })
        let union = try database.rows("""
            SELECT count(DISTINCT x.author_id), count(DISTINCT CASE WHEN a.identity_kind = 'name_key' THEN x.author_id END)
            FROM \(sources.authors) x JOIN work_facts f ON f.work_id = x.work_id JOIN authors a ON a.id = x.author_id
            WHERE x.country IN (?1, ?2) AND \(scope.factsCondition)
            """, [.text(a), .text(b)]).first
        // International links: L over the period, L_A and L_B.
        let links = try database.scalar("SELECT coalesce(sum(\(k) * (\(k) - 1)), 0) FROM work_facts f WHERE \(scope.factsCondition)").int ?? 0
        func linkCount(of side: String) throws -> Int {
            try database.scalar("""
                SELECT coalesce(sum(\(k) - 1), 0) FROM \(sources.countries) wc JOIN work_facts f ON f.work_id = wc.work_id
                WHERE wc.country = ? AND \(scope.factsCondition)
                """, [.text(side)]).int ?? 0
        }
        let unplaced = try database.scalar("SELECT count(*) FROM work_facts f WHERE f.countries = 0 AND \(scope.factsCondition)").int ?? 0

        var metrics = PairMetrics(
            a: a, b: b, counting: counting, period: try periodBounds(scope), coauthored: 0, jointWorks: 0, outputA: 0, outputB: 0,
            internationalA: 0, internationalB: 0, coauthorsA: coauthorsA, coauthorsB: coauthorsB,
            authorsA: authorsA?.count ?? 0, authorsB: authorsB?.count ?? 0,
            nameKeyedAuthors: union?[1].int ?? 0, allAuthors: union?[0].int ?? 0,
            linksA: try linkCount(of: a), linksB: try linkCount(of: b), links: links,
            jointWeightA: 0, jointWeightB: 0, ledByA: 0, ledByB: 0, jointCitations: 0, jointWithoutCitationCount: 0,
            unplacedWorks: unplaced, byYear: [])
        for row in perYear {
            let joint = row[7].int ?? 0
            let fractionalLinks = row[8].double ?? 0
            let outputA = counting == .full ? Double(row[1].int ?? 0) : row[2].double ?? 0
            let outputB = counting == .full ? Double(row[3].int ?? 0) : row[4].double ?? 0
            let coauthored = counting == .full ? Double(joint) : fractionalLinks
            metrics.jointWorks += joint
            metrics.coauthored += coauthored
            metrics.outputA += outputA
            metrics.outputB += outputB
            metrics.internationalA += row[5].int ?? 0
            metrics.internationalB += row[6].int ?? 0
            metrics.jointWeightA += row[9].double ?? 0
            metrics.jointWeightB += row[10].double ?? 0
            metrics.ledByA += row[11].int ?? 0
            metrics.ledByB += row[12].int ?? 0
            metrics.jointCitations += row[13].int ?? 0
            metrics.jointWithoutCitationCount += row[14].int ?? 0
            if let year = row[0].int {
                metrics.byYear.append(PairMetrics.Year(year: year, coauthored: coauthored, outputA: outputA, outputB: outputB,
                                            coauthorsA: coauthorsAByYear[year] ?? 0, coauthorsB: coauthorsBByYear[year] ?? 0))
            }
        }
        // Every year of the period appears in the series, with zeros where neither side published.
        if let period = metrics.period, period.to - period.from < 500 {
            let present = Set(metrics.byYear.map(\.year))
            for year in period.from...period.to where !present.contains(year) {
                metrics.byYear.append(PairMetrics.Year(year: year, coauthored: 0, outputA: 0, outputB: 0, coauthorsA: 0, coauthorsB: 0))
            }
            metrics.byYear.sort { $0.year < $1.year }
        }
        return metrics
    }
}
