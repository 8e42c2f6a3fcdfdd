/// co-authors(A|B) of a pair (definitions §6): the distinct authors of each side on the pair's joint works, over the
/// period and per year. They are kept per pair of countries and data generation, over every year and for any period
/// (`Schemas/023_pair_coauthors_institution_impact.sql`, `037_pair_coauthor_periods.sql`), and over every year per pair
/// and group definition where one side is a group whose rows are kept (`Schemas/025_kept_group_rows.sql`), computed by
/// the first `pair` of that pair after a change, so that a later one reads a few rows instead of the authors of every
/// joint work; in every other case (a group over a period, merged regions, institutions, an open transaction, a store
/// that cannot be written) they are counted from the derived tables on each call.
extension Store {
    /// The distinct co-authors of one side, over the period and per publication year.
    struct Coauthors: Equatable {
        var total = 0
        var byYear: [Int: Int] = [:]
        /// Per publication year and the same author's previous year with a joint work (nil: none before), the distinct
        /// authors (`Schemas/037_pair_coauthor_periods.sql`); filled only where they are kept.
        var steps: [Step: Int] = [:]

        struct Step: Hashable {
            var year: Int
            var previous: Int?
        }
    }

    /// The prefix of the `store_state` counter of each pair's kept co-authors (`pair_coauthors_generation CN US`).
    static let pairCoauthorsCounter = "pair_coauthors_generation "

    /// Whether the co-authors of the pair `low`, `high` (`low < high`, as the pair tables order them) in `scope` can
    /// be read from the kept counts, computed now when they are older than the data (call it before a second
    /// connection reads).
    /// - Complexity: one pass over the authors of the pair's joint works the first time after a change; then one lookup.
    func keptPairCoauthors(_ low: String, _ high: String, sources: DerivedSources, scope: AnalysisScope) throws -> Bool {
        if let group = sources.keptGroupID {
            guard scope.from == nil, scope.to == nil else { return false }
            guard database.isAutocommit else { return false }
            let key: [SQLValue] = [.integer(Int64(group)), .text(low), .text(high)]
            return try keptSet { _ in
                try database.scalar("SELECT count(*) FROM group_pair_coauthors WHERE group_id = ? AND a = ? AND b = ?", key).int ?? 0 > 0
            } fill: { _ in
                try fillPairCoauthors(low, high, sources: sources, tables: Self.groupPairCoauthorTables(group))
            }
        }
        guard sources.pairs == "work_country_pairs", sources.authors == "work_author_countries" else { return false }
        return try keptTotals(named: Self.pairCoauthorsCounter + "\(low) \(high)", for: scope, ranked: false) {
            try fillPairCoauthors(low, high, sources: DerivedSources(countries: "work_countries", authors: "work_author_countries",
                                                                     pairs: "work_country_pairs", authorCounts: nil),
                                  tables: Self.countryPairCoauthorTables)
        }
    }

    /// Where the kept co-authors of a pair are: the two tables, and the key columns and values before (a, b).
    struct PairCoauthorTables {
        var totals: String
        var years: String
        var keyColumns: [String]
        var key: [SQLValue]
        /// Whether a side with no co-author has a row (so that the pair is known to be counted).
        var zeroRows: Bool
        /// The table of the co-authors per year and previous year (nil: not kept, the pair is kept over every year only).
        var periods: String?

        /// The key columns and `a, b`, for an INSERT.
        var columns: String { (keyColumns + ["a", "b"]).joined(separator: ", ") }
        /// The condition on the key columns and `a`, `b`, with `arguments(low, high)`.
        var condition: String { (keyColumns + ["a", "b"]).map { "\($0) = ?" }.joined(separator: " AND ") }
        func arguments(_ low: String, _ high: String) -> [SQLValue] { key + [.text(low), .text(high)] }
    }

    static let countryPairCoauthorTables = PairCoauthorTables(totals: "country_pair_coauthors", years: "country_pair_coauthor_years",
                                                             keyColumns: [], key: [], zeroRows: false,
                                                             periods: "country_pair_coauthor_periods")

    static func groupPairCoauthorTables(_ group: Int) -> PairCoauthorTables {
        PairCoauthorTables(totals: "group_pair_coauthors", years: "group_pair_coauthor_years", keyColumns: ["group_id"],
                           key: [.integer(Int64(group))], zeroRows: true, periods: nil)
    }

    /// The co-authors of the sides `low` and `high` of the joint works in `scope`, under `identity`: read from the
    /// kept counts with `kept` (`keptPairCoauthors`), else counted from the derived tables.
    /// - Complexity: two lookups when kept; else one pass over the authors of the joint works, sorted.
    func pairCoauthors(_ low: String, _ high: String, sources: DerivedSources, scope: AnalysisScope, identity: AuthorIdentityOption,
                       kept: Bool) throws -> (low: Coauthors, high: Coauthors) {
        let tables = sources.keptGroupID.map(Self.groupPairCoauthorTables) ?? Self.countryPairCoauthorTables
        // Over a period only where the periods are kept.
        guard kept, (scope.from == nil && scope.to == nil) || tables.periods != nil else {
            let counted = try countPairCoauthors(low, high, sources: sources, scope: scope, identity: identity)
            return (counted[0][0], counted[0][1])
        }
        let column = identity == .ids ? "id_coauthors" : "coauthors"
        let (key, arguments) = (tables.condition, tables.arguments(low, high))
        var sides = [Coauthors(), Coauthors()]
        func side(_ country: SQLValue) -> Int? { country.string == low ? 0 : (country.string == high ? 1 : nil) }
        // Over a period, each author at their first year in it: a year of the period whose previous year is before it.
        let totals = scope.from == nil && scope.to == nil ? "SELECT country, \(column) FROM \(tables.totals) WHERE \(key)" : """
            SELECT country, sum(\(column)) FROM \(tables.periods ?? tables.totals) WHERE \(key) AND \(scope.yearCondition("year"))
              AND \(scope.from.map { "(previous_year IS NULL OR previous_year < \($0))" } ?? "previous_year IS NULL") GROUP BY country
            """
        for row in try database.rows(totals, arguments) {
            if let index = side(row[0]) { sides[index].total = row[1].int ?? 0 }
        }
        for row in try database.rows("""
            SELECT country, year, \(column) FROM \(tables.years) WHERE \(key) AND \(column) > 0 AND \(scope.yearCondition("year"))
            """, arguments) {
            if let index = side(row[0]), let year = row[1].int { sides[index].byYear[year] = row[2].int ?? 0 }
        }
        return (sides[0], sides[1])
    }

    /// The co-authors of each side (`[low, high]`) of the joint works in `scope` under `identity`, or with nil both
    /// under `.all` and under `.ids` (in that order): one pass over the authors of the joint works for both sides,
    /// each row packed as (author, year) into one integer per side, then sorted, so that repeats sit side by side
    /// (cheaper than DISTINCT in SQL or a hash set per row). Under `.ids` alone the name-keyed rows are left out in SQL.
    func countPairCoauthors(_ low: String, _ high: String, sources: DerivedSources, scope: AnalysisScope,
                            identity: AuthorIdentityOption?, steps: Bool = false) throws -> [[Coauthors]] {
        // The joint works drive the join (SQLite keeps the order of a CROSS JOIN): each one's author rows are a range of
        // the table's key (work, country, author), name_key among their columns. By country first, the planner would
        // read every author row of both countries. A group's rows are read from the table under the view, by its members.
        let both = identity == nil
        var keys = [[UInt64]](repeating: [], count: both ? 4 : 2)
        let (lowRows, highRows) = (sources.authorRows(of: low), sources.authorRows(of: high))
        let rows = try database.prepare("""
            SELECT CASE WHEN \(lowRows.condition) THEN 0 ELSE 1 END, p.year, x.author_id\(both ? ", x.name_key" : "") FROM \(sources.pairs) p
            CROSS JOIN \(lowRows.table) x
            WHERE p.a = ?1 AND p.b = ?2 AND \(scope.yearCondition("p.year"))
              AND x.work_id = p.work_id AND (\(lowRows.condition) OR \(highRows.condition))\(identity == .ids ? " AND x.name_key = 0" : "")
            """)
        try rows.bind([.text(low), .text(high)])
        while try rows.step() {
            guard let side = rows.value(at: 0).int, case .integer(let author) = rows.value(at: 2) else { continue }
            let key = Self.coauthorKey(author: author, year: rows.value(at: 1).int)
            keys[side].append(key)
            if both, rows.value(at: 3).int == 0 { keys[2 + side].append(key) }
        }
        rows.reset()
        return stride(from: 0, to: keys.count, by: 2).map { first in
            [first, first + 1].map { index in Self.distinctCoauthors(&keys[index], steps: steps) }
        }
    }

    /// Fills the kept co-authors of the pair (`low < high`) over every year, read from `sources`, into `tables`: every
    /// author and the authors identified by an id, in one pass.
    private func fillPairCoauthors(_ low: String, _ high: String, sources: DerivedSources, tables: PairCoauthorTables) throws {
        let counted = try countPairCoauthors(low, high, sources: sources, scope: AnalysisScope(), identity: nil, steps: tables.periods != nil)
        let columns = tables.columns
        for table in [tables.totals, tables.years] + (tables.periods.map { [$0] } ?? []) {
            try database.prepare("DELETE FROM \(table) WHERE \(tables.condition)").run(tables.arguments(low, high))
        }
        let places = Array(repeating: "?", count: tables.keyColumns.count + 2).joined(separator: ", ")
        let total = try database.prepare("""
            INSERT INTO \(tables.totals) (\(columns), country, coauthors, id_coauthors) VALUES (\(places), ?, ?, ?)
            """)
        let perYear = try database.prepare("""
            INSERT INTO \(tables.years) (\(columns), country, year, coauthors, id_coauthors) VALUES (\(places), ?, ?, ?, ?)
            """)
        for (side, country) in [low, high].enumerated() {
            let (all, ids) = (counted[0][side], counted[1][side])
            let prefix = tables.arguments(low, high) + [.text(country)]
            if all.total > 0 || tables.zeroRows { try total.run(prefix + [.integer(Int64(all.total)), .integer(Int64(ids.total))]) }
            for (year, count) in all.byYear.sorted(by: { $0.key < $1.key }) {
                try perYear.run(prefix + [.integer(Int64(year)), .integer(Int64(count)), .integer(Int64(ids.byYear[year] ?? 0))])
            }
            if let periods = tables.periods {
                let step = try database.prepare("""
                    INSERT INTO \(periods) (\(columns), country, year, previous_year, coauthors, id_coauthors) VALUES (\(places), ?, ?, ?, ?, ?)
                    """)
                for (key, count) in all.steps.sorted(by: { ($0.key.year, $0.key.previous ?? 0) < ($1.key.year, $1.key.previous ?? 0) }) {
                    try step.run(prefix + [.integer(Int64(key.year)), key.previous.map { .integer(Int64($0)) } ?? .null,
                                           .integer(Int64(count)), .integer(Int64(ids.steps[key] ?? 0))])
                }
            }
        }
    }
}
