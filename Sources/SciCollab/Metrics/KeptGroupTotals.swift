/// Figures over country groups over every year from sums (`Schemas/025_kept_group_rows.sql`): the kept totals of the
/// countries outside every group (`country_totals`, `country_pair_totals`) beside totals kept per group definition
/// for the groups' names (`group_country_totals`, `group_pair_totals`), so that `pairs` over a group reads a few
/// thousand rows instead of joining the group's rows with every other country's on each call.
extension Store {
    /// SQL giving (country, works, weight) for every country and group, and (a, b, works, link, weight_a, weight_b)
    /// for every pair, over every year of `sources` (grouped, with kept rows); the group totals computed now when
    /// they are missing. Nil over a period, under another citation count than the precedence's, without kept group
    /// rows, or where the totals cannot be kept.
    /// - Complexity: one grouped pass over the group's rows and their pairs the first time after a change; then lookups.
    func keptGroupTotals(sources: DerivedSources, scope: AnalysisScope) throws -> (countries: String, pairs: String)? {
        let whole = scope.withoutGroups
        guard let group = sources.keptGroupID, let members = sources.groupMemberList, scope.from == nil, scope.to == nil,
              try keptTotals(.countries, for: whole, ranked: true), try keptTotals(.pairs, for: whole, ranked: true) else {
            return nil
        }
        let key: [SQLValue] = [.integer(Int64(group))]
        let kept = try keptSet { _ in
            try database.scalar("SELECT count(*) FROM group_country_totals WHERE group_id = ?", key).int ?? 0 > 0
        } fill: { _ in
            let names = try database.rows("SELECT DISTINCT country FROM group_countries WHERE group_id = ? ORDER BY country", key)
                .compactMap { $0[0].string }
            guard !names.isEmpty else { return }
            // The statements of the figures, read from the views, restricted to the groups' names: the pairs by the
            // statement of `pairs --country` for each name (a pair of two names from the first), so that its sums are
            // those of the rows in the order that statement reads them.
            try database.execute("""
                INSERT INTO group_country_totals (group_id, country, works, weight)
                SELECT \(group), country, count(*), sum(weight) FROM \(sources.countries) WHERE country IN (\(names.map(Self.sqlLiteral).joined(separator: ", "))) GROUP BY country
                """)
            let pairs = try database.prepare("""
                INSERT OR IGNORE INTO group_pair_totals (group_id, a, b, works, link, weight_a, weight_b)
                SELECT \(group), * FROM (\(sources.pairFigures(whole, filter: "AND (a = ?1 OR b = ?1)")))
                """)
            for name in names { try pairs.run([.text(name)]) }
        }
        guard kept else { return nil }
        return ("""
                SELECT country, works, weight FROM country_totals WHERE country NOT IN \(members)
                UNION ALL SELECT country, works, weight FROM group_country_totals WHERE group_id = \(group)
                """, """
                SELECT a, b, works, link, weight_a, weight_b FROM country_pair_totals WHERE a NOT IN \(members) AND b NOT IN \(members)
                UNION ALL SELECT a, b, works, link, weight_a, weight_b FROM group_pair_totals WHERE group_id = \(group)
                """)
    }

    /// A table expression with the columns of `country_year_totals` that `pair` reads (country, year, works, weight,
    /// international, links), for the countries outside every group and the names of `sources` (grouped, with kept
    /// rows); the group's rows computed now when they are missing. Per year, so that any period sums them as the
    /// rows are summed. Nil without kept group rows, under another citation count than the precedence's, or where
    /// the totals cannot be kept.
    func keptGroupYearTotals(sources: DerivedSources, scope: AnalysisScope) throws -> String? {
        guard let group = sources.keptGroupID, let members = sources.groupMemberList, try keptTotals(.countries, for: scope.withoutGroups) else {
            return nil
        }
        let key: [SQLValue] = [.integer(Int64(group))]
        let kept = try keptSet { _ in
            try database.scalar("SELECT count(*) FROM group_year_totals WHERE group_id = ?", key).int ?? 0 > 0
        } fill: { _ in
            // The statement of the figure over the view, restricted to the groups' names (read in index order).
            try database.execute("""
                INSERT INTO group_year_totals (group_id, country, year, works, weight, international, links)
                SELECT \(group), country, year, count(*), sum(weight), sum(CASE WHEN countries >= 2 THEN 1 ELSE 0 END), sum(countries - 1)
                FROM \(sources.countries) WHERE country IN (SELECT DISTINCT country FROM group_countries WHERE group_id = \(group))
                GROUP BY country, year
                """)
        }
        guard kept else { return nil }
        return """
            (SELECT country, year, works, weight, international, links FROM country_year_totals WHERE country NOT IN \(members)
             UNION ALL SELECT country, year, works, weight, international, links FROM group_year_totals WHERE group_id = \(group))
            """
    }
}
