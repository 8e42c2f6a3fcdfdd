/// The joint works of a country pair per publication year, as `pair` sums them (definitions §6: C_AB, the link weight,
/// each side's Σ f(p) and works led, citations), kept per pair and data generation (`Schemas/039_pair_joint_years.sql`).
/// The first `pair` of a pair after a change runs the statement on the derived table and keeps its rows; a later one,
/// over any period, reads a row per year instead of the pair's joint works (24,015 for the US and China on a million
/// works). Where the kept co-authors are not (merged regions, groups, institutions, one source's citation counts, an
/// open transaction, a store that cannot be written), the statement runs on each call.
extension Store {
    /// The prefix of the `store_state` counter of each pair's kept rows (`pair_joint_years_generation CN US`).
    static let pairJointYearsCounter = "pair_joint_years_generation "

    /// Per publication year of the joint works of the pair `?1`, `?2` (in code order) in `scope`: the year, C_AB, the
    /// link weight, Σ f_a(p), Σ f_b(p), the works led by a and by b, the citations and the works without a count. The
    /// year is compared as `+p.year`, so that no plan reads the rows through the index on the year: each year's rows
    /// are summed in work order (the table's key) over any period, as the kept rows were.
    static func pairJointYearsSQL(pairs: String, scope: AnalysisScope) -> String {
        """
        SELECT p.year, count(*), sum(p.link), sum(p.weight_a), sum(p.weight_b), sum(p.lead_a), sum(p.lead_b),
               coalesce(sum(\(scope.citations("p"))), 0), sum(CASE WHEN \(scope.citations("p")) IS NULL THEN 1 ELSE 0 END)
        FROM \(pairs) p WHERE p.a = ?1 AND p.b = ?2 AND \(scope.yearCondition("+p.year")) GROUP BY p.year
        """
    }

    /// The rows of `pairJointYearsSQL` from the kept rows (`keptPairJointYears` said they are current).
    static func keptPairJointYearsSQL(scope: AnalysisScope) -> String {
        """
        SELECT p.year, p.works, p.link, p.weight_a, p.weight_b, p.lead_a, p.lead_b, p.citations, p.without_citations
        FROM country_pair_joint_years p WHERE p.a = ?1 AND p.b = ?2 AND \(scope.yearCondition("p.year"))
        """
    }

    /// Whether the joint works of the pair `low`, `high` (`low < high`) in `scope` can be read per year from the kept
    /// rows, computed now when they are older than the data (call it before a second connection reads).
    /// - Complexity: the statement on the pair's joint works the first time after a change; then one lookup.
    func keptPairJointYears(_ low: String, _ high: String, sources: DerivedSources, scope: AnalysisScope) throws -> Bool {
        guard sources.pairs == "work_country_pairs" else { return false }
        return try keptTotals(named: Self.pairJointYearsCounter + "\(low) \(high)", for: scope, ranked: false) {
            let key: [SQLValue] = [.text(low), .text(high)]
            try database.prepare("DELETE FROM country_pair_joint_years WHERE a = ? AND b = ?").run(key)
            // Every year, by the statement a figure runs otherwise: a period's rows are those of its years.
            var everyYear = scope
            (everyYear.from, everyYear.to) = (nil, nil)
            let insert = try database.prepare("""
                INSERT INTO country_pair_joint_years (a, b, year, works, link, weight_a, weight_b, lead_a, lead_b, citations, without_citations)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in try database.rows(Self.pairJointYearsSQL(pairs: "work_country_pairs", scope: everyYear), key) {
                try insert.run(key + row)
            }
        }
    }
}
