/// One publication year of one entity (a country, group or institution): the `--by-year` rows of `countries`
/// and `institutions`, with fixed columns.
public struct EntityYearRow: Sendable, Equatable {
    public var year: Int
    public var entity: String
    public var works: Int
    /// `Σ f_X(p)` over the year's works.
    public var worksFractional: Double
    /// Distinct authors of the entity in the year.
    public var authors: Int
    public var citations: Int
    public var worksWithoutCitationCount: Int
    public var internationalWorks: Int

    public var citationsPerPublication: Double? {
        let known = works - worksWithoutCitationCount
        return known == 0 ? nil : Double(citations) / Double(known)
    }

    public var internationalShare: Double? { works == 0 ? nil : Double(internationalWorks) / Double(works) * 100 }
}

/// One publication year of one pair: the `--by-year` rows of `pairs`.
public struct PairYearRow: Sendable, Equatable {
    public var year: Int
    public var a: String
    public var b: String
    /// `C_AB` and the VOSviewer link weight of the year.
    public var coauthored: Int
    public var linkStrength: Double
    /// `N_A`, `N_B` of the year (full counting).
    public var outputA: Int
    public var outputB: Int
}

/// One publication year of one collaboration type: the `--by-year` rows of `collaboration`.
public struct TypeYearRow: Sendable, Equatable {
    public var year: Int
    public var type: CollaborationType
    public var works: Int
    /// Classified works of the year (the denominator of the share).
    public var classified: Int
    public var citations: Int
    public var worksWithoutCitationCount: Int

    public var share: Double? { classified == 0 ? nil : Double(works) / Double(classified) * 100 }
    public var citationsPerPublication: Double? {
        let known = works - worksWithoutCitationCount
        return known == 0 ? nil : Double(citations) / Double(known)
    }
}

/// An entity in a year: the key of the per-year counts read beside the rows.
private struct EntityYear: Hashable {
    var entity: String
    var year: Int
}

extension Store {
    /// Per year and entity of `scope`'s level (countries, the scope's groups, or institutions); with `entities`,
    /// only those. Works without a year are left out. Two grouped queries: the works, and the distinct authors.
    public func yearSeries(entities: [String]? = nil, scope: AnalysisScope = AnalysisScope()) throws -> [EntityYearRow] {
        let sources = try derivedSources(scope)
        var filter = ""
        var arguments: [SQLValue] = []
        if let entities {
            filter = "AND country IN (\(entities.map { _ in "?" }.joined(separator: ", ")))"
            arguments = entities.map { .text(scope.country($0)) }
        }
        let condition = "year IS NOT NULL AND \(scope.yearCondition("year")) \(filter)"
        var authors: [EntityYear: Int] = [:]
        // Kept per country and year (`Schemas/018_kept_totals.sql`): an author's rows of a year are one row of
        // country_author_periods, so their sum is the distinct count; the works' sums are the same groups of the
        // same rows in the same order.
        let authorsQuery: String
        if let authorYears = sources.authorYears {
            authorsQuery = "SELECT country, year, authors FROM \(authorYears) WHERE \(condition)"
        } else if try keptTotals(.authorPeriods, for: scope) {
            authorsQuery = "SELECT country, year, coalesce(sum(authors), 0) FROM country_author_periods WHERE \(condition) GROUP BY country, year"
        } else {
            authorsQuery = "SELECT country, year, count(DISTINCT author_id) FROM \(sources.authors) WHERE \(condition) GROUP BY country, year"
        }
        for row in try database.rows(authorsQuery, arguments) {
            authors[EntityYear(entity: row[0].string ?? "", year: row[1].int ?? 0)] = row[2].int ?? 0
        }
        let worksQuery = try keptTotals(.countries, for: scope)
            ? "SELECT country, year, works, weight, citations, without_citations, international FROM country_year_totals WHERE \(condition)"
            : """
            SELECT country, year, count(*), sum(weight), coalesce(sum(\(scope.citations("wc"))), 0),
                   sum(CASE WHEN \(scope.citations("wc")) IS NULL THEN 1 ELSE 0 END), sum(CASE WHEN countries >= 2 THEN 1 ELSE 0 END)
            FROM \(sources.countries) wc WHERE \(condition)
            GROUP BY country, year
            """
        return try database.rows(worksQuery, arguments).map { row in
            let entity = row[0].string ?? "", year = row[1].int ?? 0
            return EntityYearRow(year: year, entity: entity, works: row[2].int ?? 0, worksFractional: row[3].double ?? 0,
                                 authors: authors[EntityYear(entity: entity, year: year)] ?? 0, citations: row[4].int ?? 0,
                                 worksWithoutCitationCount: row[5].int ?? 0, internationalWorks: row[6].int ?? 0)
        }
        .sorted { ($0.year, $1.works, $0.entity) < ($1.year, $0.works, $1.entity) }
    }

    /// Per year and pair of `scope`'s level with a joint work (or the partners of `entity`).
    public func pairYearSeries(entity: String? = nil, scope: AnalysisScope = AnalysisScope()) throws -> [PairYearRow] {
        let sources = try derivedSources(scope)
        var filter = ""
        var arguments: [SQLValue] = []
        if let entity {
            filter = "AND (a = ?1 OR b = ?1)"
            arguments.append(.text(scope.country(entity)))
        }
        var output: [EntityYear: Int] = [:]
        let condition = "year IS NOT NULL AND \(scope.yearCondition("year"))"
        for row in try database.rows(try keptTotals(.countries, for: scope)
            ? "SELECT country, year, works FROM country_year_totals WHERE \(condition)"
            : "SELECT country, year, count(*) FROM \(sources.countries) WHERE \(condition) GROUP BY country, year") {
            output[EntityYear(entity: row[0].string ?? "", year: row[1].int ?? 0)] = row[2].int ?? 0
        }
        // Kept per year and pair (`Schemas/021_kept_summary_pair_years.sql`), summed as the derived rows are.
        let figures = try sources.pairSums == nil && keptTotals(.pairYears, for: scope)
            ? "SELECT year, a, b, works, link FROM country_pair_years WHERE \(condition) \(filter)"
            : sources.pairYearFigures(scope, filter: filter)
        return try database.rows(figures, arguments).map { row in
            let year = row[0].int ?? 0
            var a = row[1].string ?? "", b = row[2].string ?? ""
            if let entity, scope.country(entity) == b { swap(&a, &b) }
            return PairYearRow(year: year, a: a, b: b, coauthored: row[3].int ?? 0, linkStrength: row[4].double ?? 0,
                               outputA: output[EntityYear(entity: a, year: year)] ?? 0, outputB: output[EntityYear(entity: b, year: year)] ?? 0)
        }
        .sorted { ($0.year, $1.coauthored, $0.a, $0.b) < ($1.year, $0.coauthored, $1.a, $1.b) }
    }

    /// Per year and collaboration type (definitions §3) of all works or of `country`'s; every type in every year.
    public func collaborationYearSeries(country: String? = nil, scope: AnalysisScope = AnalysisScope()) throws -> [TypeYearRow] {
        let sources = try derivedSources(scope)
        var join = ""
        var arguments: [SQLValue] = []
        if let country {
            join = "JOIN \(sources.countries) wc ON wc.work_id = f.work_id AND wc.country = ?"
            arguments.append(.text(scope.country(country)))
        }
        var counts: [Int: [CollaborationType: (Int, Int, Int)]] = [:]
        // All works: the kept totals per year and type (`Schemas/018_kept_totals.sql`).
        let sql = try country == nil && keptTotals(.years, for: scope)
            ? """
            SELECT year, collaboration, works, citations, without_citations FROM year_totals
            WHERE year IS NOT NULL AND collaboration IS NOT NULL AND \(scope.yearCondition("year"))
            """
            : """
            SELECT f.year, f.\(scope.collaborationColumn), count(*), coalesce(sum(\(scope.citations("f"))), 0),
                   sum(CASE WHEN \(scope.citations("f")) IS NULL THEN 1 ELSE 0 END)
            FROM work_facts f \(join)
            WHERE f.year IS NOT NULL AND f.\(scope.collaborationColumn) IS NOT NULL AND \(scope.factsCondition)
            GROUP BY f.year, f.\(scope.collaborationColumn)
            """
        for row in try database.rows(sql, arguments) {
            guard let year = row[0].int, let type = row[1].string.flatMap(CollaborationType.init(rawValue:)) else { continue }
            counts[year, default: [:]][type] = (row[2].int ?? 0, row[3].int ?? 0, row[4].int ?? 0)
        }
        return counts.keys.sorted().flatMap { year in
            let classified = counts[year]!.values.map(\.0).reduce(0, +)
            return CollaborationType.allCases.map { type in
                let (works, citations, missing) = counts[year]![type] ?? (0, 0, 0)
                return TypeYearRow(year: year, type: type, works: works, classified: classified, citations: citations, worksWithoutCitationCount: missing)
            }
        }
    }
}
