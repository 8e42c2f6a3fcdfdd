/// The institution-level tables of `Schemas/012_institutions.sql`, filled from the base tables with set-based SQL
/// when an institution figure is first asked for and kept until the data change.
extension Store {
    /// Fills the institution tables when they are older than the data (or were never filled).
    /// - Complexity: one pass over the authorships and their affiliations; later calls read one counter.
    public func prepareInstitutionTables() throws {
        let generation = try Self.dataGeneration(database)
        let built = try database.scalar("SELECT value FROM store_state WHERE name = 'institution_generation'").int
        guard built != generation else { return }
        try database.transaction {
            for table in ["work_institution_pairs", "work_institution_authors", "work_institutions", "institution_author_counts", "institutions"] {
                try database.execute("DELETE FROM \(table)")
            }
            // f_I(p): r the resolved affiliations of the authorship, n_p (work_facts.resolved_authorships) the
            // authorships with one; the lead is the corresponding author when one has a resolved affiliation,
            // else the first author (as for countries).
            try database.execute("""
                INSERT INTO work_institutions (work_id, institution, weight, is_lead, year, countries, citations, institutions)
                WITH links AS (
                    SELECT au.work_id, au.position, au.is_corresponding, af.institution_key AS institution,
                           count(*) OVER (PARTITION BY au.id) AS r,
                           max(au.is_corresponding) OVER (PARTITION BY au.work_id) AS has_corresponding
                    FROM authorships au
                    JOIN authorship_affiliations x ON x.authorship_id = au.id
                    JOIN affiliations af ON af.id = x.affiliation_id
                    WHERE af.country IS NOT NULL
                )
                SELECT l.work_id, l.institution, sum(1.0 / (f.resolved_authorships * l.r)),
                       max(CASE WHEN (l.has_corresponding = 1 AND l.is_corresponding = 1)
                                  OR (l.has_corresponding = 0 AND l.position = 1) THEN 1 ELSE 0 END),
                       f.year, f.countries, f.citations, f.institutions
                FROM links l JOIN work_facts f ON f.work_id = l.work_id
                WHERE l.institution IS NOT NULL
                GROUP BY l.work_id, l.institution, f.work_id
                """)
            try database.execute("""
                INSERT INTO work_institution_pairs (work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations)
                SELECT x.work_id, x.institution, y.institution, x.year, 1.0 / (x.institutions - 1), x.weight, y.weight,
                       x.is_lead, y.is_lead, x.citations
                FROM work_institutions x JOIN work_institutions y ON y.work_id = x.work_id AND y.institution > x.institution
                """)
            try database.execute("""
                INSERT OR IGNORE INTO work_institution_authors (work_id, institution, author_id, year, name_key)
                SELECT au.work_id, af.institution_key, au.author_id, f.year, CASE WHEN a.identity_kind = 'name_key' THEN 1 ELSE 0 END
                FROM authorships au
                JOIN work_facts f ON f.work_id = au.work_id
                JOIN authors a ON a.id = au.author_id
                JOIN authorship_affiliations x ON x.authorship_id = au.id
                JOIN affiliations af ON af.id = x.affiliation_id
                WHERE af.country IS NOT NULL AND af.institution_key IS NOT NULL
                """)
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
                              authorCounts: scope.from == nil && scope.to == nil ? "temp.level_institution_author_counts" : nil)
    }
}
