import Foundation

/// The derived tables a figure reads under a scope: `work_countries` and `work_author_countries` as stored,
/// or, with `--merge-china-regions`, temporary copies in which Taiwan, Hong Kong and Macao are China (the
/// weights of a work's CN, TW, HK and MO rows added, the lead flags combined).
struct DerivedSources {
    /// A table with columns (work_id, country, weight, is_lead, year, countries, citations), one row per work and country.
    var countries: String
    /// A table with columns (work_id, country, author_id, year, name_key).
    var authors: String
    /// A table with columns (work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations), a < b.
    var pairs: String
    /// `country_author_counts` (Authors(X) over all years, kept by triggers) when the scope covers every year
    /// and the countries as stored; nil when the authors must be counted from `authors`.
    var authorCounts: String? = nil
    /// A table with (country, year, authors): the distinct authors per entity and publication year, kept over all works
    /// (institutions); nil when they are counted from `authors`.
    var authorYears: String? = nil
    /// Pair sums kept over all works (institutions, `Schemas/016_institution_rows.sql`): per pair and year
    /// (a, b, year, works, link, weight_a, weight_b), and per pair over every year (a, b, works, link, weight_a,
    /// weight_b); nil when the figures over every pair sum `pairs` itself.
    var pairSums: (years: String, totals: String)? = nil
    /// With groups: the table `authors` reads its rows from, and per group (and dated member) the condition on a row
    /// of it (alias `x`) that makes it one of the group's; nil without groups.
    var groupAuthorRows: (table: String, conditions: [String: String])? = nil
    /// With groups: per group (and dated member) the `FROM … WHERE …` of one SELECT per member whose rows are in author
    /// order when it selects `author_id`, to be followed by a condition starting with `AND`.
    var groupAuthorStreams: [String: [String]] = [:]
    /// With groups whose rows are kept (`Schemas/025_kept_group_rows.sql`): the id of their definition, under which
    /// figures over every year are kept too; nil otherwise.
    var keptGroupID: Int? = nil
    /// With groups: the SQL list of their member countries (`('BR', 'CN', …)`); nil otherwise.
    var groupMemberList: String? = nil

    /// SQL giving (authors, name-keyed authors) of a group or dated member on the rows under `condition` (on the
    /// columns of the author rows, starting with `AND`, or empty): the members' author streams, each in author order,
    /// merged by a compound UNION (no sort); nil for any other code. An author's name_key is the same on every row,
    /// so the name-keyed ones are a second union.
    func groupAuthorCountSQL(_ code: String, condition: String) -> String? {
        guard let streams = groupAuthorStreams[code], !streams.isEmpty else { return nil }
        func distinct(_ extra: String) -> String {
            streams.count == 1 ? "SELECT count(*) FROM (SELECT author_id \(streams[0]) \(condition) \(extra) GROUP BY author_id)"
                : "SELECT count(*) FROM (" + streams.map { "SELECT author_id \($0) \(condition) \(extra)" }.joined(separator: " UNION ") + " ORDER BY 1)"
        }
        return "SELECT (\(distinct(""))), (\(distinct("AND name_key = 1")))"
    }

    /// The table (alias `x`) and the condition that select the author rows of `code`, a country or group: on
    /// `authors` by name, or with groups on the table the view reads, where a group's rows are its members'.
    func authorRows(of code: String) -> (table: String, condition: String) {
        guard let groupAuthorRows else { return (authors, "x.country = \(Store.sqlLiteral(code))") }
        return (groupAuthorRows.table, groupAuthorRows.conditions[code] ?? "x.country = \(Store.sqlLiteral(code))")
    }

    /// SQL giving (a, b, works, link, weight_a, weight_b) for every pair with a joint work in `scope`: `C_AB`, the
    /// link weight and each side's fractional weight over the joint works. `filter` is a condition on `a` and `b`
    /// starting with `AND`, or empty.
    func pairFigures(_ scope: AnalysisScope, filter: String = "") -> String {
        guard let pairSums else {
            return """
                SELECT a, b, count(*), sum(link), sum(weight_a), sum(weight_b) FROM \(pairs)
                WHERE \(scope.yearCondition("year")) \(filter) GROUP BY a, b
                """
        }
        if scope.from == nil && scope.to == nil {
            return "SELECT a, b, works, link, weight_a, weight_b FROM \(pairSums.totals) WHERE 1 = 1 \(filter)"
        }
        return """
            SELECT a, b, sum(works), sum(link), sum(weight_a), sum(weight_b) FROM \(pairSums.years)
            WHERE \(scope.yearCondition("year")) \(filter) GROUP BY a, b
            """
    }

    /// SQL giving (year, a, b, works, link) for every publication year and pair with a joint work in `scope` (works
    /// without a year left out); `filter` as in `pairFigures`.
    func pairYearFigures(_ scope: AnalysisScope, filter: String = "") -> String {
        let condition = "year IS NOT NULL AND \(scope.yearCondition("year")) \(filter)"
        guard let pairSums else { return Self.pairYearsSQL(pairs, condition: condition) }
        return "SELECT year, a, b, works, link FROM \(pairSums.years) WHERE \(condition)"
    }

    /// SQL giving (year, a, b, works, link) from a table of pair rows under `condition`: one group per year and pair
    /// (on `work_country_pairs`, read in the order of its covering index (year, a, b, link)).
    static func pairYearsSQL(_ pairs: String, condition: String) -> String {
        "SELECT year, a, b, count(*), sum(link) FROM \(pairs) WHERE \(condition) GROUP BY year, a, b"
    }
}

extension Store {
    func derivedSources(_ scope: AnalysisScope) throws -> DerivedSources {
        if scope.level == .institution { return try institutionSources(scope) }
        let countries = try countrySources(scope)
        return scope.groups.isEmpty ? countries : try groupedSources(countries, scope: scope)
    }

    /// The derived tables with countries as stored or with China's regions merged.
    private func countrySources(_ scope: AnalysisScope) throws -> DerivedSources {
        guard scope.mergeChinaRegions else {
            return DerivedSources(countries: "work_countries", authors: "work_author_countries", pairs: "work_country_pairs",
                                  authorCounts: scope.from == nil && scope.to == nil ? "country_author_counts" : nil)
        }
        return try mappedSources(
            name: "merged",
            countries: """
                SELECT wc.work_id, wc.country, wc.weight, wc.is_lead, wc.year, f.countries_merged AS countries, wc.citations
                FROM work_countries wc JOIN work_facts f ON f.work_id = wc.work_id
                """,
            authors: "work_author_countries", mapping: CountryResolver.mergedSQL("country"))
    }

    /// Temporary copies of the derived tables with every country renamed by `mapping` (an SQL expression on the
    /// column `country`): the rows a work has under one name become one row (weights added, lead flags combined,
    /// authors as one set), and the pairs are formed again from them. `countries`: a query or table with the
    /// columns (work_id, country, weight, is_lead, year, countries, citations); `authors`: one with (work_id,
    /// country, author_id, year, name_key). A pair row's link weight is `1 / (|K_p| − 1)`.
    ///
    /// The tables are kept for the connection: filled again only when the inputs or the data generation differ
    /// from those they were filled from (an audit's claims over one group copy the rows once).
    func mappedSources(name: String, countries: String, authors: String, mapping: String) throws -> DerivedSources {
        let (countriesTable, authorsTable, pairsTable) = ("\(name)_work_countries", "\(name)_work_author_countries", "\(name)_work_country_pairs")
        let sources = DerivedSources(countries: "temp.\(countriesTable)", authors: "temp.\(authorsTable)", pairs: "temp.\(pairsTable)")
        let inputs = [countries, authors, mapping, String(try Self.dataGeneration(database))].joined(separator: "\u{1F}")
        // On SQLite the tables are also looked for: a transaction rolled back after they were filled takes them away.
        if mappedSourceInputs[name] == inputs, try database.engine == .postgresql
            || database.scalar("SELECT count(*) FROM sqlite_temp_master WHERE name = ?", [.text(pairsTable)]).int == 1 {
            return sources
        }
        mappedSourceInputs[name] = nil
        try fillRenamedCountries(countriesTable, from: "(\(countries))", mapping: mapping)
        try database.execute("DROP TABLE IF EXISTS temp.\(authorsTable)")
        try database.execute("""
            CREATE TEMP TABLE \(authorsTable) (
                work_id INTEGER NOT NULL, country TEXT NOT NULL, author_id INTEGER NOT NULL, year INTEGER,
                name_key INTEGER NOT NULL, PRIMARY KEY (country, author_id, work_id)
            ) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT OR IGNORE INTO temp.\(authorsTable)
            SELECT work_id, \(mapping), author_id, year, name_key FROM \(authors)
            """)
        try database.execute("CREATE INDEX temp.\(authorsTable)_work ON \(authorsTable) (work_id)")
        try database.execute("DROP TABLE IF EXISTS temp.\(pairsTable)")
        try database.execute("""
            CREATE TEMP TABLE \(pairsTable) (
                work_id INTEGER NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, year INTEGER, link REAL NOT NULL,
                weight_a REAL NOT NULL, weight_b REAL NOT NULL, lead_a INTEGER NOT NULL, lead_b INTEGER NOT NULL,
                citations INTEGER, PRIMARY KEY (a, b, work_id)
            ) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT INTO temp.\(pairsTable)
            SELECT x.work_id, x.country, y.country, x.year, 1.0 / (x.countries - 1), x.weight, y.weight, x.is_lead, y.is_lead, x.citations
            FROM temp.\(countriesTable) x JOIN temp.\(countriesTable) y ON y.work_id = x.work_id AND y.country > x.country
            """)
        mappedSourceInputs[name] = inputs
        return sources
    }

    /// Fills the temporary table `table` (made afresh) with the country rows read `from` (a table or subquery, with
    /// any condition) renamed by `mapping`: one row per work and name, weights added, lead flags combined, the rows
    /// merged counted in `members`; indexed by name and year (with every column after them, with `coveringIndex`).
    func fillRenamedCountries(_ table: String, from source: String, mapping: String, coveringIndex: Bool = false) throws {
        try database.execute("DROP TABLE IF EXISTS temp.\(table)")
        try database.execute("""
            CREATE TEMP TABLE \(table) (
                work_id INTEGER NOT NULL, country TEXT NOT NULL, weight REAL NOT NULL, is_lead INTEGER NOT NULL,
                year INTEGER, countries INTEGER NOT NULL, citations INTEGER, members INTEGER NOT NULL,
                PRIMARY KEY (work_id, country)
            ) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT INTO temp.\(table) \(Self.renamedCountriesSQL(from: source, mapping: mapping))
            """)
        try database.execute("CREATE INDEX temp.\(table)_country ON \(table) (country, year\(coveringIndex ? ", work_id, weight, is_lead, countries, citations, members" : ""))")
    }

    /// The SELECT of the rows of `fillRenamedCountries` (work_id, country, weight, is_lead, year, countries, citations,
    /// members), also the rows kept per group definition.
    static func renamedCountriesSQL(from source: String, mapping: String) -> String {
        """
        SELECT work_id, \(mapping), sum(weight), max(is_lead), max(year), max(countries), max(citations), count(*)
        FROM \(source) GROUP BY work_id, \(mapping)
        """
    }

    /// The first and last publication year of the scope: its bounds, else the years present in the data.
    func periodBounds(_ scope: AnalysisScope) throws -> (from: Int, to: Int)? {
        if let from = scope.from, let to = scope.to { return (from, to) }
        // Two subqueries: SQLite answers a lone min() or max() from the index, both in one SELECT by a scan.
        let condition = "f.year IS NOT NULL AND \(scope.factsCondition)"
        let row = try database.rows("""
            SELECT (SELECT min(f.year) FROM work_facts f WHERE \(condition)), (SELECT max(f.year) FROM work_facts f WHERE \(condition))
            """).first
        guard let low = row?[0].int, let high = row?[1].int else { return nil }
        return (scope.from ?? low, scope.to ?? high)
    }
}

/// Why a period cannot be resolved.
public struct PeriodError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

extension Store {
    /// `scope` with the years its data hold (for headers), and with `--last N` resolved to the last `N` complete
    /// publication years: `to` = the last year before the current one that has works, `from` = `to − N + 1`.
    public func resolvedScope(_ scope: AnalysisScope, last: Int? = nil) throws -> AnalysisScope {
        var scope = scope
        if let last {
            guard last >= 1 else { throw PeriodError(description: "--last takes a number of years, at least 1") }
            guard let to = try database.scalar("SELECT max(year) FROM work_facts WHERE year < ?", [.integer(Int64(scope.currentYear))]).int else {
                throw PeriodError(description: "--last \(last): no works of a complete publication year (before \(scope.currentYear))")
            }
            scope.from = to - last + 1
            scope.to = to
        }
        if let bounds = try periodBounds(scope) { scope.yearsPresent = bounds.from...bounds.to }
        return scope
    }
}

/// Growth between the first and last year of a period (definitions §5).
public struct Growth: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var first: Double
    public var last: Double

    /// `(v_to − v_from) / v_from` in percent; nil when `v_from = 0`.
    public var percent: Double? { first == 0 ? nil : (last - first) / first * 100 }

    /// `(v_to / v_from)^(1/(to − from)) − 1` in percent; nil when `v_from = 0` or the period is one year.
    public var cagr: Double? {
        guard first != 0, to > from else { return nil }
        return (pow(last / first, 1.0 / Double(to - from)) - 1) * 100
    }

    public init(from: Int, to: Int, first: Double, last: Double) {
        self.from = from
        self.to = to
        self.first = first
        self.last = last
    }
}
