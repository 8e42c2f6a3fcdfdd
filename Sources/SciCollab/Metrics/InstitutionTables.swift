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
            for table in ["institution_author_counts", "institutions"] {
                try database.execute("DELETE FROM \(table)")
            }
            try database.execute("""
                INSERT INTO institution_author_counts (institution, authors, name_keyed)
                SELECT institution, count(*), sum(name_key) FROM (
                    SELECT institution, author_id, max(name_key) AS name_key FROM work_institution_authors GROUP BY institution, author_id)
                GROUP BY institution
                """)
            // The name and country most affiliations give, ties to the smaller; the ROR id in one grouped pass (a
            // lookup per institution would read every affiliation again for each).
            try database.execute("""
                INSERT INTO institutions (institution, name, country, identity, ror, countries)
                WITH keyed AS (
                    SELECT institution_key AS institution, institution AS name, country, ror
                    FROM affiliations WHERE country IS NOT NULL AND institution_key IS NOT NULL
                ),
                names AS (
                    SELECT institution, name, row_number() OVER (PARTITION BY institution ORDER BY count(*) DESC, name) AS rank
                    FROM keyed GROUP BY institution, name
                ),
                countries AS (
                    SELECT institution, country, row_number() OVER (PARTITION BY institution ORDER BY count(*) DESC, country) AS rank,
                           count(*) OVER (PARTITION BY institution) AS distinct_countries
                    FROM keyed GROUP BY institution, country
                ),
                rors AS MATERIALIZED (SELECT institution, max(ror) AS ror FROM keyed GROUP BY institution)
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
            try database.prepare("UPDATE store_state SET value = ? WHERE name = 'institution_generation'").run([.integer(Int64(generation))])
        }
    }

    /// The derived tables of the institution level under the column names of the country tables (temporary views
    /// over the kept tables, so the country queries run on institutions unchanged).
    func institutionSources(_ scope: AnalysisScope) throws -> DerivedSources {
        try prepareInstitutionTables()
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
        return DerivedSources(countries: "temp.level_institution_countries", authors: "temp.level_institution_authors",
                              pairs: "work_institution_pairs",
                              authorCounts: scope.from == nil && scope.to == nil ? "temp.level_institution_author_counts" : nil,
                              pairSums: (years: "institution_pair_years", totals: "institution_pair_totals"))
    }
}
