/// Per-country output: works (full and fractional), distinct authors and citations per publication.
public struct CountryRow: Sendable, Equatable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// `N_X`: works with at least one author affiliated to the country (full counting).
    public var works: Int
    /// `Σ_p f_X(p)` (fractional counting, SPEC §4).
    public var worksFractional: Double
    /// Distinct authors with an authorship affiliated to the country.
    public var authors: Int
    /// Authors among them identified only by a name key (SPEC §1).
    public var nameKeyedAuthors: Int
    /// `Σ c_p` over the country's works with a known count.
    public var citations: Int
    /// Works of the country whose citation count is unknown.
    public var worksWithoutCitationCount: Int

    /// `Σ c_p / |{p : c_p known}|`, nil when no work has a count.
    public var citationsPerPublication: Double? {
        let known = works - worksWithoutCitationCount
        return known == 0 ? nil : Double(citations) / Double(known)
    }
}

extension Store {
    /// Per-country figures over the works in `scope`, largest output first.
    ///
    /// A work counts for a country when one of its authorships is linked to an affiliation with that
    /// country. Fractional weights use each author's resolved affiliations only; authors with none are
    /// left out and the rest renormalised, so a work's weights sum to 1.
    /// - Complexity: one sort of the authorship–affiliation links of the period (window functions, no
    ///   joins between intermediate results).
    public func countryTable(scope: AnalysisScope = AnalysisScope()) throws -> [CountryRow] {
        let sql = """
            WITH linked_affiliations AS (
                SELECT au.work_id, au.id AS authorship_id, au.author_id, \(scope.countryExpression) AS country,
                       count(*) OVER (PARTITION BY au.id) AS k,
                       row_number() OVER (PARTITION BY au.id ORDER BY af.id) AS nth
                FROM authorships au
                JOIN authorship_affiliations x ON x.authorship_id = au.id
                JOIN affiliations af ON af.id = x.affiliation_id
                JOIN works w ON w.id = au.work_id
                WHERE af.country IS NOT NULL AND \(scope.periodCondition)
            ),
            linked AS (
                SELECT work_id, authorship_id, author_id, country, k,
                       sum(CASE WHEN nth = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY work_id) AS n
                FROM linked_affiliations
            ),
            fractional AS (SELECT country, sum(1.0 / (n * k)) AS weight FROM linked GROUP BY country),
            work_country AS (SELECT DISTINCT work_id, country FROM linked),
            output AS (
                SELECT wc.country, count(*) AS works, coalesce(sum(w.citations), 0) AS citations,
                       sum(CASE WHEN w.citations IS NULL THEN 1 ELSE 0 END) AS unknown_citations
                FROM work_country wc JOIN works w ON w.id = wc.work_id
                GROUP BY wc.country
            ),
            people AS (
                SELECT l.country, count(DISTINCT l.author_id) AS authors,
                       count(DISTINCT CASE WHEN a.identity_kind = 'name_key' THEN l.author_id END) AS name_keyed
                FROM linked l JOIN authors a ON a.id = l.author_id
                GROUP BY l.country
            )
            SELECT o.country, o.works, f.weight, p.authors, p.name_keyed, o.citations, o.unknown_citations
            FROM output o
            JOIN fractional f ON f.country = o.country
            JOIN people p ON p.country = o.country
            ORDER BY o.works DESC, f.weight DESC, o.country
            """
        return try database.rows(sql).map { row in
            CountryRow(country: row[0].string ?? "", works: row[1].int ?? 0, worksFractional: row[2].double ?? 0,
                       authors: row[3].int ?? 0, nameKeyedAuthors: row[4].int ?? 0, citations: row[5].int ?? 0,
                       worksWithoutCitationCount: row[6].int ?? 0)
        }
    }

    /// Works in `scope`, and those among them with at least one resolved country.
    public func workCounts(scope: AnalysisScope = AnalysisScope()) throws -> (works: Int, withCountry: Int) {
        let row = try database.rows("""
            SELECT count(*),
                   sum(CASE WHEN EXISTS (
                       SELECT 1 FROM authorships au
                       JOIN authorship_affiliations x ON x.authorship_id = au.id
                       JOIN affiliations af ON af.id = x.affiliation_id
                       WHERE au.work_id = w.id AND af.country IS NOT NULL) THEN 1 ELSE 0 END)
            FROM works w WHERE \(scope.periodCondition)
            """).first
        return (row?[0].int ?? 0, row?[1].int ?? 0)
    }
}
