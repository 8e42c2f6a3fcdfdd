/// The institution-level tables of `Schemas/012_institutions.sql` and `016_institution_rows.sql`. The institutions of each
/// work and their authors are written with the work (`DerivedRows`); the tables over all works (authors per
/// institution, what identifies each institution, the pair sums) are filled when an institution figure is first
/// asked for and kept until the data change.
extension Store {
    /// Fills the institution tables over all works when they are older than the data (or were never filled).
    /// - Complexity: one pass over the institutions' author rows, the affiliations and the works' institutions;
    ///   later calls read one counter.
    public func prepareInstitutionTables() throws {
        let generation = try Self.dataGeneration(database)
        let built = try database.scalar("SELECT value FROM store_state WHERE name = 'institution_generation'").int
        guard built != generation else { return }
        try database.transaction {
            for table in ["institution_author_counts", "institution_author_years", "institutions", "institution_totals"] {
                try database.execute("DELETE FROM \(table)")
            }
            // Read in institution order from the index of work_institution_authors: a distinct count per institution
            // (and per institution and year) instead of a sort of every (institution, author) row. An author's name-key
            // flag is the same on every row, so the name-keyed authors are the distinct authors flagged on any.
            try database.execute("""
                INSERT INTO institution_author_counts (institution, authors, name_keyed)
                SELECT institution, count(DISTINCT author_id), count(DISTINCT CASE WHEN name_key = 1 THEN author_id END)
                FROM work_institution_authors GROUP BY institution
                """)
            try database.execute("""
                INSERT INTO institution_author_years (institution, year, authors)
                SELECT institution, year, count(DISTINCT author_id) FROM work_institution_authors WHERE year IS NOT NULL GROUP BY institution, year
                """)
            // The name and country most affiliations give, ties to the smaller, and the ROR id: the affiliations are
            // read once, grouped into their variants (key, name, country), and the choices are made on the variants.
            try database.execute("DROP TABLE IF EXISTS temp.institution_variants")
            try database.execute("""
                CREATE TEMP TABLE institution_variants AS
                SELECT institution_key AS institution, institution AS name, country, max(ror) AS ror, count(*) AS affiliations
                FROM affiliations WHERE country IS NOT NULL AND institution_key IS NOT NULL
                GROUP BY institution_key, institution, country
                """)
            defer { try? database.execute("DROP TABLE IF EXISTS temp.institution_variants") }
            try database.execute("""
                INSERT INTO institutions (institution, name, country, identity, ror, countries)
                WITH names AS (
                    SELECT institution, name, row_number() OVER (PARTITION BY institution ORDER BY sum(affiliations) DESC, name) AS rank
                    FROM temp.institution_variants GROUP BY institution, name
                ),
                countries AS (
                    SELECT institution, country, row_number() OVER (PARTITION BY institution ORDER BY sum(affiliations) DESC, country) AS rank,
                           count(*) OVER (PARTITION BY institution) AS distinct_countries
                    FROM temp.institution_variants GROUP BY institution, country
                ),
                rors AS (SELECT institution, max(ror) AS ror FROM temp.institution_variants GROUP BY institution)
                SELECT c.institution, n.name, c.country,
                       CASE WHEN c.institution LIKE 'openalex:%' THEN 'openalex'
                            WHEN c.institution LIKE 'ror:%' OR c.institution LIKE 'https://ror.org/%' THEN 'ror'
                            ELSE 'name' END,
                       r.ror, c.distinct_countries
                FROM countries c LEFT JOIN names n ON n.institution = c.institution AND n.rank = 1
                JOIN rors r ON r.institution = c.institution
                WHERE c.rank = 1
                """)
            try fillInstitutionPairSums()
            try fillInstitutionTotals()
            try database.prepare("UPDATE store_state SET value = ? WHERE name = 'institution_generation'").run([.integer(Int64(generation))])
        }
    }

    /// `institution_totals` (`Schemas/036_institution_totals.sql`): each institution's row over every year, summed by
    /// the statement of a figure that reads `work_institutions`, so that every value is the same to the last bit.
    private func fillInstitutionTotals() throws {
        var scope = AnalysisScope()
        scope.level = .institution
        let insert = try database.prepare("""
            INSERT INTO institution_totals (institution, works, weight, citations, without_citations, international) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for row in try summedCountryTotals(scope: scope, sources: try institutionViews(scope), bounds: nil, filter: "") {
            try insert.run(Array(row.prefix(6)))
        }
    }

    /// The derived tables of the institution level under the column names of the country tables (temporary views
    /// over the kept tables, so the country queries run on institutions unchanged).
    func institutionSources(_ scope: AnalysisScope) throws -> DerivedSources {
        try prepareInstitutionTables()
        return try institutionViews(scope)
    }

    /// The temporary views of `institutionSources`, created where missing.
    private func institutionViews(_ scope: AnalysisScope) throws -> DerivedSources {
        try database.execute("""
            CREATE TEMP VIEW IF NOT EXISTS level_institution_countries AS
            SELECT work_id, institution AS country, weight, is_lead, year, countries, citations FROM work_institutions
            """)
        try database.execute("""
            CREATE TEMP VIEW IF NOT EXISTS level_institution_authors AS
            SELECT work_id, institution AS country, author_id, year, name_key FROM work_institution_authors
            """)
        try database.execute("""
            CREATE TEMP VIEW IF NOT EXISTS level_institution_author_counts AS
            SELECT institution AS country, authors, name_keyed FROM institution_author_counts
            """)
        try database.execute("""
            CREATE TEMP VIEW IF NOT EXISTS level_institution_author_years AS
            SELECT institution AS country, year, authors FROM institution_author_years
            """)
        return DerivedSources(countries: "temp.level_institution_countries", authors: "temp.level_institution_authors",
                              pairs: "work_institution_pairs",
                              authorCounts: scope.from == nil && scope.to == nil ? "temp.level_institution_author_counts" : nil,
                              authorYears: "temp.level_institution_author_years",
                              pairSums: (years: "institution_pair_years", totals: "institution_pair_totals"))
    }
}
