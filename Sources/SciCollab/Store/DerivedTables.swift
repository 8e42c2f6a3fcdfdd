/// Fills the derived per-work tables of `Schemas/003_derived.sql` (definitions §3–§4) with set-based SQL.
///
/// `work_countries` holds `K_p` with the fractional weights and the lead flag, `work_author_countries` the
/// authors of each country, and `work_facts` `n_p`, `|K_p|`, the institutions and the collaboration type.
/// Rows are removed with their works (foreign-key cascades). An import writes each work's rows as it writes the
/// work (`DerivedRows`); the SQL here rebuilds them all from the base tables.
extension Store {
    /// Rebuilds the derived tables for every work (after the migration that adds them, or on request).
    public func rebuildDerivedTables() throws {
        try database.transaction {
            // Emptied first, the author counts stay empty through the deletes below and are counted again after.
            try database.execute("DELETE FROM country_authors")
            try database.execute("DELETE FROM country_author_counts")
            try database.execute("DELETE FROM work_facts")
            try database.execute("DELETE FROM work_countries")
            try database.execute("DELETE FROM work_author_countries")
            try database.execute("DELETE FROM work_country_pairs")
            try database.execute("DELETE FROM work_institutions")
            try database.execute("DELETE FROM work_institution_authors")
            try database.execute("DROP TABLE IF EXISTS temp.derive_queue")
            try database.execute("CREATE TEMP TABLE derive_queue (work_id INTEGER PRIMARY KEY)")
            try database.execute("INSERT INTO temp.derive_queue SELECT id FROM works")
            try deriveQueuedWorks()
            try database.execute("""
                INSERT INTO country_authors (country, author_id, name_key, works)
                SELECT country, author_id, max(name_key), count(*) FROM work_author_countries GROUP BY country, author_id
                """)
            try database.execute("""
                INSERT INTO country_author_counts (country, authors, name_keyed)
                SELECT country, count(*), sum(name_key) FROM country_authors GROUP BY country
                """)
            try invalidateKeptTotals()
        }
    }

    /// SQL for the collaboration type from the columns of `work_facts` (definitions §3, SciVal cascade).
    private static func collaborationType(countries: String) -> String {
        """
        CASE WHEN \(countries) = 0 THEN NULL
             WHEN \(countries) >= 2 THEN 'international'
             WHEN institutions >= 2 THEN 'national'
             WHEN authors >= 2 THEN 'institutional'
             ELSE 'single' END
        """
    }

    /// Rebuilds the institution rows of every work (`work_institutions`, `work_institution_authors`) from the base
    /// tables and `work_facts` (after the migration that makes them rows kept with their works).
    func rebuildInstitutionRows() throws {
        try database.transaction {
            try database.execute("DELETE FROM work_institutions")
            try database.execute("DELETE FROM work_institution_authors")
            try database.execute("DROP TABLE IF EXISTS temp.derive_queue")
            try database.execute("CREATE TEMP TABLE derive_queue (work_id INTEGER PRIMARY KEY)")
            try database.execute("INSERT INTO temp.derive_queue SELECT id FROM works")
            try deriveQueuedInstitutions()
            try database.execute("DROP TABLE temp.derive_queue")
        }
    }

    /// The institution rows of the works in `temp.derive_queue`, whose `work_facts` rows are written (definitions §1,
    /// §4 applied to institutions): f_I(p) with r every resolved link of the authorship and n_p
    /// (`work_facts.resolved_authorships`) the authorships with one; the institutions of the lead author lead (§6, as
    /// for countries: the first corresponding author in byline order with a resolved affiliation, else the first author).
    private func deriveQueuedInstitutions() throws {
        try database.execute("""
            INSERT INTO work_institutions (work_id, institution, weight, is_lead, year, countries, citations, institutions)
            WITH links AS (
                SELECT au.work_id, au.position, af.institution_key AS institution,
                       count(*) OVER (PARTITION BY au.id) AS r,
                       min(CASE WHEN au.is_corresponding = 1 THEN au.position END) OVER (PARTITION BY au.work_id) AS lead_position
                FROM temp.derive_queue q
                JOIN authorships au ON au.work_id = q.work_id
                JOIN authorship_affiliations x ON x.authorship_id = au.id
                JOIN affiliations af ON af.id = x.affiliation_id
                WHERE af.country IS NOT NULL
            )
            SELECT l.work_id, l.institution, sum(1.0 / (f.resolved_authorships * l.r)),
                   max(CASE WHEN l.position = coalesce(l.lead_position, 1) THEN 1 ELSE 0 END),
                   f.year, f.countries, f.citations, f.institutions
            FROM links l JOIN work_facts f ON f.work_id = l.work_id
            WHERE l.institution IS NOT NULL
            GROUP BY l.work_id, l.institution, f.work_id
            """)
        try database.execute("""
            INSERT INTO work_institution_authors (work_id, institution, author_id, year, name_key)
            SELECT DISTINCT au.work_id, af.institution_key, au.author_id, w.year, CASE WHEN a.identity_kind = 'name_key' THEN 1 ELSE 0 END
            FROM temp.derive_queue q
            JOIN works w ON w.id = q.work_id
            JOIN authorships au ON au.work_id = q.work_id
            JOIN authors a ON a.id = au.author_id
            JOIN authorship_affiliations x ON x.authorship_id = au.id
            JOIN affiliations af ON af.id = x.affiliation_id
            WHERE af.country IS NOT NULL AND af.institution_key IS NOT NULL
            ON CONFLICT DO NOTHING
            """)
    }

    private func deriveQueuedWorks() throws {
        for table in ["work_facts", "work_countries", "work_author_countries", "work_country_pairs", "work_institutions", "work_institution_authors"] {
            try database.execute("DELETE FROM \(table) WHERE work_id IN (SELECT work_id FROM temp.derive_queue)")
        }
        // K_p, f_X(p) and the lead flag. r: resolved affiliations of the authorship; n: authorships of the
        // work with at least one; the lead is the first corresponding author in byline order with a resolved
        // affiliation, else the first author.
        try database.execute("""
            INSERT INTO work_countries (work_id, country, weight, is_lead, year, countries, citations)
            WITH links AS (
                SELECT au.work_id, au.id AS authorship_id, au.position, au.is_corresponding, af.country, w.year, w.citations,
                       count(*) OVER (PARTITION BY au.id) AS r,
                       row_number() OVER (PARTITION BY au.id ORDER BY af.id) AS nth
                FROM temp.derive_queue q
                JOIN works w ON w.id = q.work_id
                JOIN authorships au ON au.work_id = q.work_id
                JOIN authorship_affiliations x ON x.authorship_id = au.id
                JOIN affiliations af ON af.id = x.affiliation_id
                WHERE af.country IS NOT NULL
            ),
            counted AS (
                SELECT work_id, country, position, is_corresponding, r, year, citations,
                       sum(CASE WHEN nth = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY work_id) AS n,
                       min(CASE WHEN is_corresponding = 1 THEN position END) OVER (PARTITION BY work_id) AS lead_position
                FROM links
            )
            SELECT work_id, country, sum(1.0 / (n * r)),
                   max(CASE WHEN position = coalesce(lead_position, 1) THEN 1 ELSE 0 END),
                   year, count(*) OVER (PARTITION BY work_id), citations
            FROM counted
            GROUP BY work_id, country
            """)
        try database.execute("""
            INSERT INTO work_country_pairs (work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations)
            SELECT x.work_id, x.country, y.country, x.year, 1.0 / (x.countries - 1), x.weight, y.weight, x.is_lead, y.is_lead, x.citations
            FROM temp.derive_queue q
            JOIN work_countries x ON x.work_id = q.work_id
            JOIN work_countries y ON y.work_id = x.work_id AND y.country > x.country
            """)
        try database.execute("""
            INSERT OR IGNORE INTO work_author_countries (work_id, country, author_id, year, name_key)
            SELECT au.work_id, af.country, au.author_id, w.year, CASE WHEN a.identity_kind = 'name_key' THEN 1 ELSE 0 END
            FROM temp.derive_queue q
            JOIN works w ON w.id = q.work_id
            JOIN authorships au ON au.work_id = q.work_id
            JOIN authors a ON a.id = au.author_id
            JOIN authorship_affiliations x ON x.authorship_id = au.id
            JOIN affiliations af ON af.id = x.affiliation_id
            WHERE af.country IS NOT NULL
            """)
        try database.execute("""
            INSERT INTO work_facts (work_id, year, citations, authors, resolved_authorships, countries, countries_merged, institutions)
            SELECT w.id, w.year, w.citations,
                   (SELECT count(*) FROM authorships au WHERE au.work_id = w.id),
                   (SELECT count(*) FROM authorships au
                    WHERE au.work_id = w.id AND EXISTS (
                        SELECT 1 FROM authorship_affiliations x JOIN affiliations af ON af.id = x.affiliation_id
                        WHERE x.authorship_id = au.id AND af.country IS NOT NULL)),
                   (SELECT count(*) FROM work_countries wc WHERE wc.work_id = w.id),
                   (SELECT count(DISTINCT \(CountryResolver.mergedSQL("wc.country")))
                    FROM work_countries wc WHERE wc.work_id = w.id),
                   (SELECT count(DISTINCT af.institution_key)
                    FROM authorships au
                    JOIN authorship_affiliations x ON x.authorship_id = au.id
                    JOIN affiliations af ON af.id = x.affiliation_id
                    WHERE au.work_id = w.id AND af.country IS NOT NULL AND af.institution_key IS NOT NULL)
            FROM temp.derive_queue q JOIN works w ON w.id = q.work_id
            """)
        try database.execute("""
            UPDATE work_facts SET collaboration = \(Self.collaborationType(countries: "countries")),
                                  collaboration_merged = \(Self.collaborationType(countries: "countries_merged"))
            WHERE work_id IN (SELECT work_id FROM temp.derive_queue)
            """)
        try deriveQueuedInstitutions()
        try database.execute("DROP TABLE temp.derive_queue")
    }
}

/// The derived rows of one work, computed from the work itself as it is written (the same figures as the
/// set-based SQL of `rebuildDerivedTables`, which a test compares row by row). Computing them here spares
/// the import a second pass over the rows it has just written.
struct DerivedRows: Equatable {
    struct CountryRow: Equatable {
        var country: String
        /// f_X(p): the sum over the country's author links of 1 / (n_p · r).
        var weight: Double
        var isLead: Bool
    }

    struct AuthorCountryRow: Hashable {
        var country: String
        /// Index into `Work.authorships`.
        var authorship: Int
    }

    /// An institution of the work (`Schemas/012_institutions.sql`, `work_institutions`).
    struct InstitutionRow: Equatable {
        /// The institution key (definitions §1).
        var institution: String
        /// f_I(p): the sum over the institution's author links of 1 / (n_p · r), r counting every resolved link.
        var weight: Double
        var isLead: Bool
    }

    struct AuthorInstitutionRow: Hashable {
        var institution: String
        /// Index into `Work.authorships`.
        var authorship: Int
    }

    /// K_p in code order.
    var countries: [CountryRow] = []
    /// Distinct (country, authorship) links with a resolved country, in byline order.
    var authorCountries: [AuthorCountryRow] = []
    /// The institutions of the resolved affiliations, in the order of their first link.
    var institutionRows: [InstitutionRow] = []
    /// Distinct (institution, authorship) links of the resolved affiliations with an institution, in byline order.
    var authorInstitutions: [AuthorInstitutionRow] = []
    var authors = 0
    /// n_p: the authorships with at least one resolved affiliation.
    var resolvedAuthorships = 0
    var countriesMerged = 0
    var institutions = 0

    /// SQL value of the collaboration type for `countries` countries (definitions §3, SciVal cascade).
    func collaboration(countries: Int) -> String? {
        if countries == 0 { return nil }
        if countries >= 2 { return "international" }
        if institutions >= 2 { return "national" }
        if authors >= 2 { return "institutional" }
        return "single"
    }

    init(_ work: Work) {
        authors = work.authorships.count
        // Each authorship's resolved links: distinct valid affiliation indices with a country.
        var linksOfAuthorship: [[Int]] = []
        linksOfAuthorship.reserveCapacity(work.authorships.count)
        var authorsWithLinks = 0
        // The lead (definitions §6, for countries and institutions alike): the first corresponding author in byline
        // order with a resolved affiliation, else the first author; each country and institution of its resolved
        // affiliations leads.
        var leadOffset: Int?
        for authorship in work.authorships {
            var links: [Int] = []
            for index in authorship.affiliationIndices
            where work.affiliations.indices.contains(index) && work.affiliations[index].country != nil && !links.contains(index) {
                links.append(index)
            }
            if !links.isEmpty {
                authorsWithLinks += 1
                if authorship.isCorresponding && leadOffset == nil { leadOffset = linksOfAuthorship.count }
            }
            linksOfAuthorship.append(links)
        }
        resolvedAuthorships = authorsWithLinks
        guard authorsWithLinks > 0 else { return }
        var weights: [String: Double] = [:]
        var leads: Set<String> = []
        // The position of each institution in `institutionRows` (one lookup per link).
        var institutionIndex: [String: Int] = [:]
        var seenAuthorCountries: Set<AuthorCountryRow> = []
        for (offset, authorship) in work.authorships.enumerated() {
            let links = linksOfAuthorship[offset]
            guard !links.isEmpty else { continue }
            let share = 1.0 / Double(authorsWithLinks * links.count)
            let isLead = leadOffset.map { $0 == offset } ?? (authorship.position == 1)
            let firstInstitutionLink = authorInstitutions.count
            for index in links {
                let affiliation = work.affiliations[index]
                let country = affiliation.country!
                weights[country, default: 0] += share
                if isLead { leads.insert(country) }
                let row = AuthorCountryRow(country: country, authorship: offset)
                if seenAuthorCountries.insert(row).inserted { authorCountries.append(row) }
                guard let key = affiliation.institutionKey else { continue }
                if let position = institutionIndex[key] {
                    institutionRows[position].weight += share
                    institutionRows[position].isLead = institutionRows[position].isLead || isLead
                } else {
                    institutionIndex[key] = institutionRows.count
                    institutionRows.append(InstitutionRow(institution: key, weight: share, isLead: isLead))
                }
                // An author's links are few: a scan of this authorship's rows is cheaper than a set.
                if !authorInstitutions[firstInstitutionLink...].contains(where: { $0.institution == key }) {
                    authorInstitutions.append(AuthorInstitutionRow(institution: key, authorship: offset))
                }
            }
        }
        countries = weights.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
            CountryRow(country: $0, weight: weights[$0]!, isLead: leads.contains($0))
        }
        countriesMerged = Set(weights.keys.map { CountryResolver.merged($0, mergeChinaRegions: true) }).count
        institutions = institutionRows.count
    }
}
