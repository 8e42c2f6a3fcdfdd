/// The derived tables with country groups counted as one country each (SPEC §12).
///
/// The members of each group become one row per work: `N_G` counts the works with `K_p ∩ G ≠ ∅`, the weight is
/// `Σ_{X∈G} f_X(p)`, the lead flag is set when a member leads, `|K_p|` stays the work's number of countries
/// (so its collaboration type and international status are those of its countries), and the authors of the
/// members on a work are one set (`Authors(G)` is their union). A pair row of a group G and a country or
/// group H carries the fractional link weight `Σ_{X∈G, Y∈H} 1/(|K_p| − 1)`.
extension Store {
    func groupedSources(_ base: DerivedSources, scope: AnalysisScope) throws -> DerivedSources {
        let mapping = Self.groupMappingSQL("country", scope: scope)
        try database.execute("DROP TABLE IF EXISTS temp.grouped_work_countries")
        try database.execute("""
            CREATE TEMP TABLE grouped_work_countries (
                work_id INTEGER NOT NULL, country TEXT NOT NULL, weight REAL NOT NULL, is_lead INTEGER NOT NULL,
                year INTEGER, countries INTEGER NOT NULL, citations INTEGER, members INTEGER NOT NULL,
                PRIMARY KEY (work_id, country)
            ) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT INTO temp.grouped_work_countries
            SELECT work_id, \(mapping), sum(weight), max(is_lead), year, countries, citations, count(*)
            FROM \(base.countries) GROUP BY work_id, \(mapping)
            """)
        try database.execute("CREATE INDEX temp.grouped_work_countries_country ON grouped_work_countries (country, year)")
        try database.execute("DROP TABLE IF EXISTS temp.grouped_work_author_countries")
        try database.execute("""
            CREATE TEMP TABLE grouped_work_author_countries (
                work_id INTEGER NOT NULL, country TEXT NOT NULL, author_id INTEGER NOT NULL, year INTEGER,
                name_key INTEGER NOT NULL, PRIMARY KEY (country, author_id, work_id)
            ) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT OR IGNORE INTO temp.grouped_work_author_countries
            SELECT work_id, \(mapping), author_id, year, name_key FROM \(base.authors)
            """)
        try database.execute("CREATE INDEX temp.grouped_work_author_countries_work ON grouped_work_author_countries (work_id)")
        try database.execute("DROP TABLE IF EXISTS temp.grouped_work_country_pairs")
        try database.execute("""
            CREATE TEMP TABLE grouped_work_country_pairs (
                work_id INTEGER NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, year INTEGER, link REAL NOT NULL,
                weight_a REAL NOT NULL, weight_b REAL NOT NULL, lead_a INTEGER NOT NULL, lead_b INTEGER NOT NULL,
                citations INTEGER, PRIMARY KEY (a, b, work_id)
            ) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT INTO temp.grouped_work_country_pairs
            SELECT x.work_id, x.country, y.country, x.year, 1.0 * x.members * y.members / (x.countries - 1), x.weight, y.weight,
                   x.is_lead, y.is_lead, x.citations
            FROM temp.grouped_work_countries x JOIN temp.grouped_work_countries y ON y.work_id = x.work_id AND y.country > x.country
            """)
        return DerivedSources(countries: "temp.grouped_work_countries", authors: "temp.grouped_work_author_countries",
                              pairs: "temp.grouped_work_country_pairs")
    }

    /// `CASE WHEN column IN ('BR', …) THEN 'BRICS' … ELSE column END` for the groups of `scope` (members as the
    /// scope counts them, so a group holding TW holds CN under `--merge-china-regions`).
    static func groupMappingSQL(_ column: String, scope: AnalysisScope) -> String {
        let cases = scope.groups.map { group -> String in
            let members = Set(group.countries.map(scope.country)).sorted().map(sqlLiteral).joined(separator: ", ")
            return "WHEN \(column) IN (\(members)) THEN \(sqlLiteral(group.name))"
        }
        return "CASE \(cases.joined(separator: " ")) ELSE \(column) END"
    }

    /// A string as an SQL literal (quotes doubled).
    static func sqlLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension Store {
    /// The row of one country or group (`code` as `scope.country` names it) of `countryTable(scope:)`; a row of
    /// zeros when it has no works in the scope.
    public func countryRow(_ code: String, scope: AnalysisScope) throws -> CountryRow {
        try countryTable(scope: scope).first { $0.country == code }
            ?? CountryRow(country: code, works: 0, worksFractional: 0, authors: 0, nameKeyedAuthors: 0, citations: 0, worksWithoutCitationCount: 0)
    }
}
