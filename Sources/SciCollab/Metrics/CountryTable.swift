/// Per-country output: works (full and fractional), distinct authors and citations per publication.
public struct CountryRow: Sendable, Equatable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// `N_X`: works with at least one author affiliated to the country (full counting).
    public var works: Int
    /// `Σ_p f_X(p)` (fractional counting, definitions §4).
    public var worksFractional: Double
    /// Distinct authors with an authorship affiliated to the country.
    public var authors: Int
    /// Authors identified only by a name key (definitions §1): among `authors`, or, with `--author-identity
    /// ids`, left out of them.
    public var nameKeyedAuthors: Int
    /// `Σ c_p` over the country's works with a known count.
    public var citations: Int
    /// Works of the country whose citation count is unknown.
    public var worksWithoutCitationCount: Int
    /// `I_X`: works of the country with at least two countries.
    public var internationalWorks = 0
    /// Works of the country in the first and last year of the period; nil without a period given (definitions §5).
    public var growth: Growth?

    /// Which authors `authors` counts.
    public var authorIdentityOption: AuthorIdentityOption = .all

    /// The share of the country's authors identified by a name key only (of all its authors, counted or left out).
    public var nameKeyedShare: Double? { authorIdentityOption.nameKeyedShare(counted: authors, nameKeyed: nameKeyedAuthors) }

    /// `I_X / N_X` in percent.
    public var internationalShare: Double? { works == 0 ? nil : Double(internationalWorks) / Double(works) * 100 }

    /// `Σ c_p / |{p : c_p known}|`, nil when no work has a count.
    public var citationsPerPublication: Double? {
        let known = works - worksWithoutCitationCount
        return known == 0 ? nil : Double(citations) / Double(known)
    }
}

extension Store {
    /// Per-country figures over the works in `scope`, largest output first, read from the derived tables.
    ///
    /// A work counts for a country when one of its authorships is linked to an affiliation with that
    /// country. Fractional weights use each author's resolved affiliations only; authors with none are
    /// left out and the rest renormalised, so a work's weights sum to 1.
    /// With `authorIdentity` `.ids` the authors identified by a name key only are left out of `authors` (and counted
    /// in `nameKeyedAuthors`). With `only`, the rows of those countries (codes as `scope.country` names them) alone.
    public func countryTable(scope: AnalysisScope = AnalysisScope(), authorIdentity: AuthorIdentityOption = .all,
                             only: Set<String>? = nil) throws -> [CountryRow] {
        let sources = try derivedSources(scope)
        let bounds = try periodBounds(scope)
        let filter = only.map { "AND country IN (\($0.sorted().map(Self.sqlLiteral).joined(separator: ", ")))" } ?? ""
        let output = try countryTotals(scope: scope, sources: sources, bounds: bounds, filter: filter)
        let people: [[SQLValue]]
        if let counts = try filledAuthorCounts(sources) {
            people = try database.rows("SELECT country, authors, name_keyed FROM \(counts) WHERE 1 = 1 \(filter)")
        } else if let kept = Self.keptAuthorPeriodSQL(scope), try keptTotals(.authorPeriods, for: scope) {
            people = try database.rows(kept)
        } else if let only, case let kept = try only.compactMap({ code in
            try keptGroupAuthors(code, sources: sources, scope: scope).map { [SQLValue.text(code), .integer(Int64($0.authors)), .integer(Int64($0.nameKeyed))] }
        }), kept.count == only.count {
            // Groups over a period: their authors' periods kept per definition.
            people = kept
        } else if let only, case let streams = only.compactMap({ code in
            sources.groupAuthorCountSQL(code, condition: "AND \(scope.yearCondition("year"))").map { (code, $0) }
        }), streams.count == only.count {
            // Groups over a period: their members' author streams merged, as over every year.
            people = try streams.map { code, sql in [.text(code)] + (try database.rows(sql).first ?? []) }
        } else {
            people = try database.rows("""
                SELECT country, count(DISTINCT author_id), count(DISTINCT CASE WHEN name_key = 1 THEN author_id END)
                FROM \(sources.authors)
                WHERE \(scope.yearCondition("year")) \(filter)
                GROUP BY country
                """)
        }
        var authors: [String: (Int, Int)] = [:]
        for row in people { authors[row[0].string ?? ""] = (row[1].int ?? 0, row[2].int ?? 0) }
        let rows = output.filter { only?.contains($0[0].string ?? "") ?? true }.map { row -> CountryRow in
            let country = row[0].string ?? ""
            var result = CountryRow(
                country: country, works: row[1].int ?? 0, worksFractional: row[2].double ?? 0,
                authors: authors[country]?.0 ?? 0, nameKeyedAuthors: authors[country]?.1 ?? 0,
                citations: row[3].int ?? 0, worksWithoutCitationCount: row[4].int ?? 0)
            result.internationalWorks = row[5].int ?? 0
            if authorIdentity == .ids { result.authors -= result.nameKeyedAuthors }
            result.authorIdentityOption = authorIdentity
            if let bounds, scope.hasPeriod {
                result.growth = Growth(from: bounds.from, to: bounds.to, first: Double(row[6].int ?? 0), last: Double(row[7].int ?? 0))
            }
            return result
        }
        return rows.sorted { ($0.works, $0.worksFractional, $1.country) > ($1.works, $1.worksFractional, $0.country) }
    }

    /// Per country with works in `scope`: (country, N_X, Σ f_X(p), citations, works without a count, I_X, works in the
    /// first and last year of `bounds`), from the kept totals where the scope allows, else from `sources.countries`;
    /// with `outputOnly`, at least the first three columns. `filter`: a condition on `country` starting with `AND`, or
    /// empty (the kept totals are read whole).
    func countryTotals(scope: AnalysisScope, sources: DerivedSources, bounds: (from: Int, to: Int)?, outputOnly: Bool = false,
                       filter: String = "") throws -> [[SQLValue]] {
        if try keptTotals(.countries, for: scope, ranked: true) {
            return try database.rows("SELECT country, works, weight, citations, without_citations, international, 0, 0 FROM country_totals")
        }
        if scope.level == .institution, scope.from == nil, scope.to == nil, scope.citationSource == .precedence {
            // Kept with the institution tables that `sources` reads (`Schemas/036_institution_totals.sql`).
            return try database.rows("""
                SELECT country, works, weight, citations, without_citations, international, 0, 0
                FROM (SELECT institution AS country, works, weight, citations, without_citations, international FROM institution_totals) kept
                WHERE 1 = 1 \(filter)
                """)
        }
        if !outputOnly, let kept = try keptGroupCountryRows(sources: sources, scope: scope) {
            return try database.rows(kept)
        }
        if outputOnly {
            return try database.rows("SELECT country, count(*), sum(weight) FROM \(sources.countries) WHERE \(scope.yearCondition("year")) \(filter) GROUP BY country")
        }
        return try summedCountryTotals(scope: scope, sources: sources, bounds: bounds, filter: filter)
    }

    /// `countryTotals` summed from the rows of `sources.countries`.
    func summedCountryTotals(scope: AnalysisScope, sources: DerivedSources, bounds: (from: Int, to: Int)?,
                             filter: String) throws -> [[SQLValue]] {
        try database.rows("""
            SELECT country, count(*), sum(weight), coalesce(sum(\(scope.citations("wc"))), 0),
                   sum(CASE WHEN \(scope.citations("wc")) IS NULL THEN 1 ELSE 0 END), sum(CASE WHEN countries >= 2 THEN 1 ELSE 0 END),
                   sum(CASE WHEN year = ? THEN 1 ELSE 0 END), sum(CASE WHEN year = ? THEN 1 ELSE 0 END)
            FROM \(sources.countries) wc
            WHERE \(scope.yearCondition("year")) \(filter)
            GROUP BY country
            """, [bounds.map { .integer(Int64($0.from)) } ?? .null, bounds.map { .integer(Int64($0.to)) } ?? .null])
    }

    /// SQL giving the rows of `countryTotals` over every year of `sources` (grouped, with kept rows): the kept totals of
    /// the countries outside every group, and those of the definition's names (`Schemas/033_group_country_rows.sql`),
    /// computed now when they are missing by the statement of `countryTotals` restricted to the names. Nil over a period,
    /// under another citation count than the precedence's, without kept group rows, or where they cannot be kept.
    func keptGroupCountryRows(sources: DerivedSources, scope: AnalysisScope) throws -> String? {
        guard let group = sources.keptGroupID, let members = sources.groupMemberList, scope.from == nil, scope.to == nil,
              try keptTotals(.countries, for: scope.withoutGroups, ranked: true) else {
            return nil
        }
        let key: [SQLValue] = [.integer(Int64(group))]
        let kept = try keptSet { _ in
            try database.scalar("SELECT count(*) FROM group_country_rows WHERE group_id = ?", key).int ?? 0 > 0
        } fill: { _ in
            let names = try database.rows("SELECT DISTINCT country FROM group_countries WHERE group_id = ? ORDER BY country", key)
                .compactMap { $0[0].string }
            guard !names.isEmpty else { return }
            let filter = "AND country IN (\(names.map(Self.sqlLiteral).joined(separator: ", ")))"
            let insert = try database.prepare("""
                INSERT INTO group_country_rows (group_id, country, works, weight, citations, without_citations, international)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for row in try summedCountryTotals(scope: scope, sources: sources, bounds: nil, filter: filter) {
                try insert.run(key + Array(row.prefix(6)))
            }
        }
        guard kept else { return nil }
        return """
            SELECT country, works, weight, citations, without_citations, international, 0, 0 FROM country_totals WHERE country NOT IN \(members)
            UNION ALL SELECT country, works, weight, citations, without_citations, international, 0, 0 FROM group_country_rows WHERE group_id = \(group)
            """
    }

    /// Works in `scope`, and those among them with at least one resolved country.
    public func workCounts(scope: AnalysisScope = AnalysisScope()) throws -> (works: Int, withCountry: Int) {
        let sql = try keptTotals(.years, for: scope)
            ? "SELECT coalesce(sum(works), 0), coalesce(sum(placed), 0) FROM year_totals WHERE \(scope.yearCondition("year"))"
            : "SELECT count(*), sum(CASE WHEN f.countries > 0 THEN 1 ELSE 0 END) FROM work_facts f WHERE \(scope.factsCondition)"
        let row = try database.rows(sql).first
        return (row?[0].int ?? 0, row?[1].int ?? 0)
    }
}
