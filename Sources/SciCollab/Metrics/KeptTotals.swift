/// Totals of the derived tables per country, country pair and publication year (`Schemas/018_kept_totals.sql`),
/// computed by the first figure that reads them and kept until the data change, so that `countries`, `pairs`,
/// `pair` and `collaboration` sum a few thousand rows instead of scanning the derived tables of every work.
///
/// Whether a figure may read them is decided in one place, `keptTotals(_:for:ranked:)`: countries as stored (no
/// merged regions, groups or institutions), the citation counts of the precedence, no transaction open on the
/// connection (its uncommitted changes are not in the totals), and for rankings every year. Any other case, and a
/// store that cannot be written, reads the derived tables as before. The sums over every year are taken in the
/// order the derived tables' scans take them, so that they are the same to the last bit.
extension Store {
    /// A set of kept totals, named by the `store_state` counter holding the data generation it was computed at.
    enum KeptTotals: String, CaseIterable {
        /// `country_year_totals` and `country_totals`.
        case countries = "country_totals_generation"
        /// `country_pair_totals`.
        case pairs = "pair_totals_generation"
        /// `country_author_periods`.
        case authorPeriods = "author_periods_generation"
        /// `year_totals`.
        case years = "year_totals_generation"
        /// `work_source_totals`, `affiliation_source_totals` and `author_totals` (`Schemas/021_kept_summary_pair_years.sql`).
        case summary = "summary_totals_generation"
        /// `country_pair_years` (`Schemas/021_kept_summary_pair_years.sql`).
        case pairYears = "pair_years_generation"
    }

    /// Whether figures over `scope` can read `totals`, computed now when they are older than the data. False when
    /// the scope needs the derived tables themselves (merged regions, groups, institutions, the citation counts of
    /// one source), when a transaction is open on the connection, or when the store cannot be written. With
    /// `ranked` (figures that rank rows by sums of fractional weights: `countries`, `pairs`), also false over a
    /// period: a period's sum of per-year totals may differ from the derived rows' sum in the last bit, which
    /// could swap two rows of the same value.
    /// - Complexity: one grouped pass over the derived table the first time after a change; then one lookup.
    func keptTotals(_ totals: KeptTotals, for scope: AnalysisScope, ranked: Bool = false) throws -> Bool {
        try keptTotals(named: totals.rawValue, for: scope, ranked: ranked) {
            switch totals {
            case .countries: try fillCountryTotals()
            case .pairs: try fillPairTotals()
            case .authorPeriods: try fillAuthorPeriods()
            case .years: try fillYearTotals()
            case .summary: try fillSummaryTotals()
            case .pairYears: try fillPairYears()
            }
        }
    }

    /// `keptTotals(_:for:ranked:)` for any kept set: `name` is its `store_state` counter, `fill` computes it (in a
    /// transaction, with the counter).
    func keptTotals(named name: String, for scope: AnalysisScope, ranked: Bool, fill: () throws -> Void) throws -> Bool {
        guard scope.level == .country, !scope.mergeChinaRegions, scope.groups.isEmpty, scope.citationSource == .precedence,
              !ranked || (scope.from == nil && scope.to == nil), database.isAutocommit else {
            return false
        }
        return try keptSet { generation in
            try database.scalar("SELECT value FROM store_state WHERE name = ?", [.text(name)]).int == generation
        } fill: { generation in
            try fill()
            try database.prepare("""
                INSERT INTO store_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """).run([.text(name), .integer(Int64(generation))])
        }
    }

    /// Whether a kept set is current for the data generation (`current`), computed now by `fill` (in a transaction,
    /// given the generation; it marks the set current) when it is not. False when the store cannot be written, or
    /// another connection holds the write lock too long.
    func keptSet(current: (Int) throws -> Bool, fill: (Int) throws -> Void) throws -> Bool {
        let generation = try Self.dataGeneration(database)
        if try current(generation) { return true }
        guard database.mode != .readOnly else { return false }
        do {
            try database.transaction {
                // Another connection may have computed it since.
                guard try !current(generation) else { return }
                try fill(generation)
            }
            return true
        } catch let error as DatabaseError where error.isBusyOrReadOnly {
            return false
        }
    }

    /// A value kept in the store for the data generation: `read` (given the generation) when it is kept, else made by
    /// `compute` and kept by `store` in the transaction of `keptSet`, so that nothing changes between the two. Where it
    /// cannot be kept (a store that cannot be written, a write lock held too long), computed without keeping it.
    func keptValue<Value>(read: (_ generation: Int) throws -> Value?, compute: () throws -> Value,
                          store: (_ value: Value, _ generation: Int) throws -> Void) throws -> Value {
        var value: Value?
        let kept = try keptSet(current: { generation in
            value = try read(generation)
            return value != nil
        }, fill: { generation in
            let computed = try compute()
            value = computed
            try store(computed, generation)
        })
        if kept, let value { return value }
        return try compute()
    }

    /// The prefix of the `store_state` names of the counts `keptCounts` keeps (`kept_count merge works`).
    static let keptCountPrefix = "kept_count "

    /// Counts of the current data kept in `store_state` under `name` (`kept_count <name> <key>`, and the data generation
    /// they were counted in under the key `generation`): read when current, else counted by `compute` and kept where
    /// the store can be written. Counted on each call with a transaction open. The keys are the caller's (never
    /// `generation`). No name may be another followed by a space: the rows of a name are those under its prefix.
    func keptCounts(_ name: String, compute: () throws -> [String: Int]) throws -> [String: Int] {
        guard database.isAutocommit else { return try compute() }
        let prefix = Self.keptCountPrefix + name + " "
        let generationName = prefix + "generation"
        func read(_ generation: Int) throws -> [String: Int]? {
            var values: [String: Int] = [:]
            var current = false
            for row in try database.rows("SELECT name, value FROM store_state WHERE substr(name, 1, ?) = ?",
                                         [.integer(Int64(prefix.unicodeScalars.count)), .text(prefix)]) {
                guard let key = row[0].string, let value = row[1].int else { continue }
                if key == generationName { current = value == generation } else { values[String(key.dropFirst(prefix.count))] = value }
            }
            return current ? values : nil
        }
        return try keptValue(read: read, compute: compute) { values, generation in
            try database.prepare("DELETE FROM store_state WHERE substr(name, 1, ?) = ?").run([.integer(Int64(prefix.unicodeScalars.count)), .text(prefix)])
            let insert = try database.prepare("INSERT INTO store_state (name, value) VALUES (?, ?)")
            for (key, value) in values { try insert.run([.text(prefix + key), .integer(Int64(value))]) }
            try insert.run([.text(generationName), .integer(Int64(generation))])
        }
    }

    /// Marks every kept total as older than the data (after the derived tables are rebuilt in place).
    func invalidateKeptTotals() throws {
        mappedSourceInputs.removeAll()
        try database.execute("UPDATE institution_impact_models SET data_generation = -1")
        try database.execute("UPDATE country_impact_models SET data_generation = -1")
        try database.execute("UPDATE group_definitions SET data_generation = -1")
        try database.execute("DELETE FROM group_impact")
        try database.execute("DELETE FROM impact_summaries")
        try database.execute("DELETE FROM field_breakdowns")
        try database.execute("DELETE FROM collaboration_impact")
        try database.execute("UPDATE author_link_rankings SET data_generation = -1")
        let names = (KeptTotals.allCases.map(\.rawValue) + ["institution_generation"]).map { "'\($0)'" }.joined(separator: ", ")
        try database.execute("""
            UPDATE store_state SET value = -1 WHERE name IN (\(names)) OR name LIKE '\(Self.fieldTotalsCounter)%'
               OR name LIKE '\(Self.pairCoauthorsCounter)%' OR name LIKE '\(Self.pairJointYearsCounter)%' OR name LIKE '\(Self.corpusWindowPrefix)generation %'
               OR name LIKE '\(Self.setWindowPrefix)generation %' OR name LIKE '\(Self.keptCountPrefix)% generation'
            """)
    }

    /// SQL giving (country, authors, name_keyed) from `country_author_periods`: the distinct authors of each country
    /// with a dated work in `scope`'s period (each counted at their first year in it). Nil without a period (the
    /// authors of every year are `country_author_counts`, works without a year included).
    /// With `table` and `key`, the same from another table of such counts, for the rows under `key` (a condition
    /// ending in `AND`).
    static func keptAuthorPeriodSQL(_ scope: AnalysisScope, country: Bool = false, table: String = "country_author_periods",
                                    key: String = "") -> String? {
        guard scope.from != nil || scope.to != nil else { return nil }
        let first = scope.from.map { "(previous_year IS NULL OR previous_year < \($0))" } ?? "previous_year IS NULL"
        return """
            SELECT country, coalesce(sum(authors), 0), coalesce(sum(name_keyed), 0) FROM \(table)
            WHERE \(key) \(country ? "country = ? AND " : "")\(scope.yearCondition("year")) AND \(first) GROUP BY country
            """
    }

    private func fillCountryTotals() throws {
        try database.execute("DELETE FROM country_year_totals")
        try database.execute("DELETE FROM country_totals")
        // Both read work_countries' covering index (country, year, countries, weight, …) in order, as the figures do.
        let sums = """
            count(*), sum(weight), sum(is_lead), sum(CASE WHEN countries >= 2 THEN 1 ELSE 0 END), sum(countries - 1),
            coalesce(sum(citations), 0), sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END)
            """
        let columns = "works, weight, leads, international, links, citations, without_citations"
        try database.execute("""
            INSERT INTO country_year_totals (country, year, \(columns))
            SELECT country, year, \(sums) FROM work_countries GROUP BY country, year
            """)
        try database.execute("INSERT INTO country_totals (country, \(columns)) SELECT country, \(sums) FROM work_countries GROUP BY country")
    }

    private func fillPairTotals() throws {
        try database.execute("DELETE FROM country_pair_totals")
        // In key order (pair, work), as a figure over every pair sums them.
        try database.execute("""
            INSERT INTO country_pair_totals (a, b, works, link, weight_a, weight_b, lead_a, lead_b, citations, without_citations)
            SELECT a, b, count(*), sum(link), sum(weight_a), sum(weight_b), sum(lead_a), sum(lead_b), coalesce(sum(citations), 0),
                   sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END)
            FROM work_country_pairs GROUP BY a, b
            """)
    }

    private func fillPairYears() throws {
        try database.execute("DELETE FROM country_pair_years")
        // The statement of the figures per year over every year: the same groups in the same order.
        try database.execute("INSERT INTO country_pair_years (year, a, b, works, link) \(DerivedSources.pairYearsSQL("work_country_pairs", condition: "year IS NOT NULL"))")
    }

    private func fillYearTotals() throws {
        try database.execute("DELETE FROM year_totals")
        try database.execute("""
            INSERT INTO year_totals (year, collaboration, works, placed, links, citations, without_citations)
            SELECT year, collaboration, count(*), sum(CASE WHEN countries > 0 THEN 1 ELSE 0 END),
                   coalesce(sum(countries * (countries - 1)), 0), coalesce(sum(citations), 0),
                   sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END)
            FROM work_facts GROUP BY year, collaboration
            """)
    }
}

extension DatabaseError {
    /// Another connection held the write lock too long, or the file cannot be written (`SQLITE_READONLY`).
    var isBusyOrReadOnly: Bool { isBusy || code & 0xFF == 8 }
}
