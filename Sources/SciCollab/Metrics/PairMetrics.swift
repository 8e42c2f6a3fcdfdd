import Foundation

/// The figures of definitions §6 for two countries A and B over a period.
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
        /// `C_AB` in the year, as a count of works (whatever the counting method).
        public var jointWorks = 0
        /// `Σ f_A(p)` and `Σ f_B(p)` over the year's joint works.
        public var jointWeightA = 0.0
        public var jointWeightB = 0.0
        /// The counting method of `coauthored`, `outputA` and `outputB`.
        public var counting: CountingMethod = .full

        /// `s(A→B)` in the year, by the definition of the whole period's `shareOfOutputA` (within [0, 1]).
        public var shareOfOutputA: Double? {
            outputA == 0 ? nil : (counting == .full ? Double(jointWorks) : jointWeightA) / outputA
        }
        /// `s(B→A)` in the year.
        public var shareOfOutputB: Double? {
            outputB == 0 ? nil : (counting == .full ? Double(jointWorks) : jointWeightB) / outputB
        }
    }

    public var a: String
    public var b: String
    public var counting: CountingMethod
    /// First and last year (the period's bounds, else the years present), nil when no work has a year.
    public var period: (from: Int, to: Int)?
    /// Whether the user gave the period (growth and CAGR are computed only then, definitions §5).
    public var hasPeriod = false

    /// `C_AB` under full counting; the VOSviewer link weight `Σ 1/(|K_p| − 1)` under fractional counting
    /// (the link strength: never divided by an output).
    public var coauthored: Double
    /// `C_AB`, the number of joint works (whatever the counting method).
    public var jointWorks: Int
    /// `N_A`, `N_B`: works (full) or `Σ f_X(p)` (fractional).
    public var outputA: Double
    public var outputB: Double
    /// `N_A`, `N_B` as counts of works (full counting, whatever the counting method).
    public var worksA = 0
    public var worksB = 0
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
    /// Authors of each side identified by a name key only (`wang y`), which may merge distinct people (definitions §1);
    /// with `--author-identity ids` they are left out of `authorsA`/`authorsB` and the co-authors.
    public var nameKeyedAuthorsA = 0
    public var nameKeyedAuthorsB = 0
    /// Which authors were counted.
    public var authorIdentityOption: AuthorIdentityOption = .all

    /// The share of a side's authors that are name-keyed (of all its authors, counted or left out).
    public var nameKeyedShareA: Double? { authorIdentityOption.nameKeyedShare(counted: authorsA, nameKeyed: nameKeyedAuthorsA) }
    public var nameKeyedShareB: Double? { authorIdentityOption.nameKeyedShare(counted: authorsB, nameKeyed: nameKeyedAuthorsB) }

    /// Above this share of name-keyed authors a side's author counts carry a warning.
    public static let nameKeyedWarningShare = AuthorIdentityOption.warningShare
    /// `L_A`, `L_B`, `L`: international links (definitions §6, affinity).
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

    /// The VOSviewer link weight `Σ 1/(|K_p| − 1)` over the joint works, whatever the counting method.
    public var linkStrength = 0.0

    /// A's output that is co-authored with B: `C_AB` (full) or `Σ_{p∈S_AB} f_A(p)` (fractional); and B's.
    public var coauthoredOutputA: Double { counting == .full ? Double(jointWorks) : jointWeightA }
    public var coauthoredOutputB: Double { counting == .full ? Double(jointWorks) : jointWeightB }

    /// `s(A→B)`: `C_AB / N_A` (full) or `Σ_{p∈S_AB} f_A(p) / Σ_p f_A(p)` (fractional), always within [0, 1]
    /// (definitions §6); `s(B→A)`.
    public var shareOfOutputA: Double? { Self.ratio(coauthoredOutputA, outputA) }
    public var shareOfOutputB: Double? { Self.ratio(coauthoredOutputB, outputB) }
    /// `s_int(A→B) = C_AB / I_A` (full counting).
    public var shareOfInternationalA: Double? { Self.ratio(Double(jointWorks), Double(internationalA)) }
    public var shareOfInternationalB: Double? { Self.ratio(Double(jointWorks), Double(internationalB)) }
    /// `ashare(A→B) = co-authors(A|B) / Authors(A)`.
    public var shareOfAuthorsA: Double? { Self.ratio(Double(coauthorsA), Double(authorsA)) }
    public var shareOfAuthorsB: Double? { Self.ratio(Double(coauthorsB), Double(authorsB)) }
    /// Salton `C_AB / sqrt(N_A N_B)` on counts of works (the link strength is never divided by an output).
    public var salton: Double? { Self.ratio(Double(jointWorks), (Double(worksA) * Double(worksB)).squareRoot()) }
    /// Jaccard `C_AB / (N_A + N_B − C_AB)` on counts of works.
    public var jaccard: Double? { Self.ratio(Double(jointWorks), Double(worksA + worksB - jointWorks)) }
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
        guard let period, hasPeriod else { return nil }
        let first = byYear.first { $0.year == period.from }.map(value) ?? 0
        let last = byYear.first { $0.year == period.to }.map(value) ?? 0
        return Growth(from: period.from, to: period.to, first: first, last: last)
    }

    /// `ids`, `ids+names` or `names` (definitions §1).
    public var authorIdentity: String {
        nameKeyedAuthors == 0 ? "ids" : (nameKeyedAuthors == allAuthors ? "names" : "ids+names")
    }
}

/// Which authors the author counts of a pair include.
public enum AuthorIdentityOption: String, Sendable, CaseIterable {
    /// Every author, identified by an id or by a name key.
    case all
    /// Only authors identified by an id (source id, ORCID, ResearcherID); name-keyed authors are left out.
    case ids

    /// Above this share of name-keyed authors an entity's author counts carry a warning (definitions §1).
    public static let warningShare = 0.2

    /// The share of an entity's authors identified by a name key only, of all its authors: `counted` are the
    /// authors counted under this option (without the name-keyed ones under `ids`). Nil without authors.
    public func nameKeyedShare(counted: Int, nameKeyed: Int) -> Double? {
        let all = counted + (self == .ids ? nameKeyed : 0)
        return all == 0 ? nil : Double(nameKeyed) / Double(all)
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
        // A dissolved state (`SU`, `DD`) is counted as its successor, as its addresses are (definitions §2).
        if let state = resolver.dissolvedState(named: trimmed) { return state.successor }
        if let code = resolver.code(forName: trimmed) { return code }
        throw PairError.notACountryCode(text)
    }

    /// The figures of definitions §6 for countries `a` and `b` (ISO codes) in `scope`.
    public func pair(_ a: String, _ b: String, counting: CountingMethod = .full, scope: AnalysisScope = AnalysisScope(),
                     authorIdentity: AuthorIdentityOption = .all) throws -> PairMetrics {
        let a = scope.country(a), b = scope.country(b)
        guard a != b else { throw PairError.sameCountry(a) }
        for group in scope.groups {
            let members = Set(group.countries.map(scope.country))
            for side in [a, b] where members.contains(side) { throw CountryGroupError.overlap(group.name, side, common: [side]) }
        }
        let sources = try derivedSources(scope)
        let period = scope.yearCondition("year")
        // The kept totals (computed here, before the second connection reads them), where the scope allows them. The
        // joint works of one pair are an index range of the derived table.
        let keptAuthors = sources.authorCounts == nil ? try Self.keptAuthorPeriodSQL(scope, country: true).flatMap {
            try keptTotals(.authorPeriods, for: scope) ? $0 : nil
        } : nil
        // Over groups, their rows kept per definition beside the other countries' kept totals.
        let keptCountryYears = try keptTotals(.countries, for: scope) ? "country_year_totals" : try keptGroupYearTotals(sources: sources, scope: scope)
        // The works' numbers of countries do not depend on groups: the kept year totals serve a scope with groups too.
        let keptYears = try keptTotals(.years, for: scope.withoutGroups)
        let (low, high) = a < b ? (a, b) : (b, a)
        let keptCoauthors = try keptPairCoauthors(low, high, sources: sources, scope: scope)
        let keptJointYears = try keptPairJointYears(low, high, sources: sources, scope: scope)
        let authorCounts = try filledAuthorCounts(sources)
        // A group's authors over a period, kept per group definition.
        var keptGroupAuthors: [String: (authors: Int, nameKeyed: Int)] = [:]
        if authorCounts == nil, keptAuthors == nil {
            for side in [a, b] { keptGroupAuthors[side] = try self.keptGroupAuthors(side, sources: sources, scope: scope) }
        }
        func authors(of side: String, in database: SQLiteDatabase) throws -> (count: Int, nameKeyed: Int) {
            if let counts = authorCounts {
                let row = try database.rows("SELECT authors, name_keyed FROM \(counts) WHERE country = ?", [.text(side)]).first
                return (row?[0].int ?? 0, row?[1].int ?? 0)
            }
            if let keptAuthors {
                let row = try database.rows(keptAuthors, [.text(side)]).first
                return (row?[1].int ?? 0, row?[2].int ?? 0)
            }
            if let kept = keptGroupAuthors[side] { return (kept.authors, kept.nameKeyed) }
            let row = try database.rows("""
                SELECT count(*), coalesce(sum(name_key), 0) FROM (
                    SELECT author_id, max(name_key) AS name_key FROM \(sources.authors)
                    WHERE country = ? AND \(period) GROUP BY author_id)
                """, [.text(side)]).first
            return (row?[0].int ?? 0, row?[1].int ?? 0)
        }
        // L, L_A, L_B and the unplaced works over the period.
        let k = "f.\(scope.countriesColumn)"
        let factsCondition = scope.factsCondition
        func links(in database: SQLiteDatabase) throws -> (links: Int, unplaced: Int, linksA: Int, linksB: Int) {
            let facts = try database.rows(keptYears
                ? "SELECT coalesce(sum(links), 0), coalesce(sum(works - placed), 0) FROM year_totals WHERE \(period)"
                : """
                    SELECT coalesce(sum(\(k) * (\(k) - 1)), 0), sum(CASE WHEN f.countries = 0 THEN 1 ELSE 0 END)
                    FROM work_facts f WHERE \(factsCondition)
                    """).first
            func linkCount(of side: String) throws -> Int {
                let sql = keptCountryYears.map { "SELECT coalesce(sum(links), 0) FROM \($0) t WHERE country = ? AND \(period)" }
                    ?? "SELECT coalesce(sum(countries - 1), 0) FROM \(sources.countries) WHERE country = ? AND \(period)"
                return try database.scalar(sql, [.text(side)]).int ?? 0
            }
            return (facts?[0].int ?? 0, facts?[1].int ?? 0, try linkCount(of: a), try linkCount(of: b))
        }
        // Independent queries on a second connection (not with merged regions or groups: their tables are this
        // connection's): Authors(A), and the link counts too when Authors(A) is a lookup (over a period it is a
        // distinct count that takes the other core's time on its own).
        let linksInBackground = sources.authorCounts != nil || keptAuthors != nil
        let background = BackgroundReader(database, inline: scope.usesTemporaryTables) { database in
            (authorsA: try authors(of: a, in: database), links: linksInBackground ? try links(in: database) : nil)
        }
        // Output of each side per year: works, Σ f_X(p), international works.
        var sideYears: [String: [Int?: (works: Int, weight: Double, international: Int)]] = [a: [:], b: [:]]
        for row in try database.rows(keptCountryYears.map {
            "SELECT country, year, works, weight, international FROM \($0) t WHERE country IN (?1, ?2) AND \(period)"
        } ?? """
                SELECT country, year, count(*), sum(weight), sum(CASE WHEN countries >= 2 THEN 1 ELSE 0 END)
                FROM \(sources.countries) WHERE country IN (?1, ?2) AND \(period) GROUP BY country, year
                """, [.text(a), .text(b)]) {
            sideYears[row[0].string ?? ""]?[row[1].int] = (row[2].int ?? 0, row[3].double ?? 0, row[4].int ?? 0)
        }
        // The joint works per year, from the kept rows or the pair table (its sides in code order).
        var joint: [Int?: [Double]] = [:]
        for row in try database.rows(keptJointYears ? Self.keptPairJointYearsSQL(scope: scope)
                                                    : Self.pairJointYearsSQL(pairs: sources.pairs, scope: scope), [.text(low), .text(high)]) {
            // Columns in A/B order.
            let values = (1...8).map { row[$0].double ?? 0 }
            joint[row[0].int] = low == a ? values : [values[0], values[1], values[3], values[2], values[5], values[4], values[6], values[7]]
        }
        // Co-authors: authors of each side on the joint works, over the period and per year.
        let (coauthorsLow, coauthorsHigh) = try pairCoauthors(low, high, sources: sources, scope: scope, identity: authorIdentity,
                                                              kept: keptCoauthors)
        let (coauthorsA, coauthorsB) = low == a ? (coauthorsLow, coauthorsHigh) : (coauthorsHigh, coauthorsLow)
        let authorsB = try authors(of: b, in: database)
        let foreground = linksInBackground ? nil : try links(in: database)
        let (authorsA, linksBackground) = try background.value()
        let (links, unplaced, linksA, linksB) = try linksBackground ?? foreground ?? links(in: database)

        // Name-keyed authors are among Authors(A) ∪ Authors(B) exactly when they are on either side.
        var metrics = PairMetrics(
            a: a, b: b, counting: counting, period: try periodBounds(scope), coauthored: 0, jointWorks: 0, outputA: 0, outputB: 0,
            internationalA: 0, internationalB: 0, coauthorsA: coauthorsA.total, coauthorsB: coauthorsB.total,
            authorsA: authorsA.count - (authorIdentity == .ids ? authorsA.nameKeyed : 0),
            authorsB: authorsB.count - (authorIdentity == .ids ? authorsB.nameKeyed : 0),
            nameKeyedAuthors: authorsA.nameKeyed + authorsB.nameKeyed, allAuthors: authorsA.count + authorsB.count,
            linksA: linksA, linksB: linksB, links: links,
            jointWeightA: 0, jointWeightB: 0, ledByA: 0, ledByB: 0, jointCitations: 0, jointWithoutCitationCount: 0,
            unplacedWorks: unplaced, byYear: [])
        metrics.nameKeyedAuthorsA = authorsA.nameKeyed
        metrics.nameKeyedAuthorsB = authorsB.nameKeyed
        metrics.authorIdentityOption = authorIdentity
        // Affinity is defined on the country link matrix; a group or an institution is not one of its rows.
        if !scope.groups.isEmpty || scope.level == .institution { (metrics.linksA, metrics.linksB) = (0, 0) }
        let years = Set(sideYears[a, default: [:]].keys).union(sideYears[b, default: [:]].keys)
        for year in years.sorted(by: { ($0 ?? Int.min) < ($1 ?? Int.min) }) {
            let sideA = sideYears[a]?[year], sideB = sideYears[b]?[year]
            let j = joint[year] ?? [Double](repeating: 0, count: 8)
            let outputA = counting == .full ? Double(sideA?.works ?? 0) : sideA?.weight ?? 0
            let outputB = counting == .full ? Double(sideB?.works ?? 0) : sideB?.weight ?? 0
            let coauthored = counting == .full ? j[0] : j[1]
            metrics.jointWorks += Int(j[0])
            metrics.linkStrength += j[1]
            metrics.worksA += sideA?.works ?? 0
            metrics.worksB += sideB?.works ?? 0
            metrics.coauthored += coauthored
            metrics.outputA += outputA
            metrics.outputB += outputB
            metrics.internationalA += sideA?.international ?? 0
            metrics.internationalB += sideB?.international ?? 0
            metrics.jointWeightA += j[2]
            metrics.jointWeightB += j[3]
            metrics.ledByA += Int(j[4])
            metrics.ledByB += Int(j[5])
            metrics.jointCitations += Int(j[6])
            metrics.jointWithoutCitationCount += Int(j[7])
            if let year {
                metrics.byYear.append(PairMetrics.Year(year: year, coauthored: coauthored, outputA: outputA, outputB: outputB,
                                                       coauthorsA: coauthorsA.byYear[year] ?? 0, coauthorsB: coauthorsB.byYear[year] ?? 0,
                                                       jointWorks: Int(j[0]), jointWeightA: j[2], jointWeightB: j[3], counting: counting))
            }
        }
        metrics.hasPeriod = scope.hasPeriod
        // Every year of the period from the first with data of either side appears in the series, with zeros
        // where neither side published (definitions §5: by-year tables start at the first year with data).
        if let period = metrics.period, let first = metrics.byYear.map(\.year).min(), first <= period.to {
            let present = Set(metrics.byYear.map(\.year))
            for year in max(first, period.from)...period.to where !present.contains(year) {
                metrics.byYear.append(PairMetrics.Year(year: year, coauthored: 0, outputA: 0, outputB: 0, coauthorsA: 0, coauthorsB: 0, counting: counting))
            }
            metrics.byYear.sort { $0.year < $1.year }
        }
        return metrics
    }

    /// An author and the year of one of their joint works (nil: no year) as one sortable integer: the author in the
    /// high bits, `year + 32768` (every year from −32767 to 32767; 0 for none) in the low 16.
    static func coauthorKey(author: Int64, year: Int?) -> UInt64 {
        UInt64(author) << 16 | UInt64(year.map { max(1, min($0 + 32_768, 0xFFFF)) } ?? 0)
    }

    /// The distinct authors among `keys` (`coauthorKey`), over every year and per year, and with `steps` per year and
    /// the same author's previous year among them (`Coauthors.steps`); sorts `keys`.
    static func distinctCoauthors(_ keys: inout [UInt64], steps: Bool = false) -> Coauthors {
        keys.sort()
        var counted = Coauthors()
        var previous: UInt64?
        var previousYear: Int?
        for key in keys where key != previous {
            if previous.map({ $0 >> 16 != key >> 16 }) ?? true {
                counted.total += 1
                previousYear = nil
            }
            if key & 0xFFFF != 0 {
                let year = Int(key & 0xFFFF) - 32_768
                counted.byYear[year, default: 0] += 1
                if steps {
                    counted.steps[Coauthors.Step(year: year, previous: previousYear), default: 0] += 1
                    previousYear = year
                }
            }
            previous = key
        }
        return counted
    }
}
