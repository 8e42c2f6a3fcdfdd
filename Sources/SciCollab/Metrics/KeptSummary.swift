/// What `summary` counts over the whole database, kept per data generation (`Schemas/021_kept_summary_pair_years.sql`) as the
/// totals of `KeptTotals.swift` are: the works per source, year and type, the affiliations per source and how their
/// countries were read, and the authorship and author counts. The same SQL computes them into the kept tables and,
/// where they cannot be kept (a read-only store, an open transaction), gives the summary its figures directly.
extension Store {
    /// The authorships, those with a resolved country, the distinct authors of the authorships and those identified
    /// by a name key only.
    struct AuthorTotals: Equatable {
        var authorships = 0
        var resolvedAuthorships = 0
        var authors = 0
        var nameKeyed = 0
    }

    /// SQL giving (source, year, doc_type, works, without_citations) for every source, publication year and
    /// document type of the works (one pass over the covering index `works_source_year`, in its key order).
    static let workSourceTotalsSQL = """
        SELECT source, year, doc_type, count(*) AS works, sum(CASE WHEN citations IS NULL THEN 1 ELSE 0 END) AS without_citations
        FROM works GROUP BY source, year, doc_type
        """

    /// SQL giving (source, affiliations, resolved, structured, address, correspondence) for every source of the
    /// works: their affiliations, those with a country, and where the country came from (definitions §2).
    static let affiliationSourceTotalsSQL = """
        SELECT w.source, count(*) AS affiliations, sum(CASE WHEN af.country IS NULL THEN 0 ELSE 1 END) AS resolved,
               sum(CASE WHEN af.country_source = 'structured' THEN 1 ELSE 0 END) AS structured,
               sum(CASE WHEN af.country_source = 'address' THEN 1 ELSE 0 END) AS address,
               sum(CASE WHEN af.country_source = 'correspondence' THEN 1 ELSE 0 END) AS correspondence
        FROM affiliations af JOIN works w ON w.id = af.work_id GROUP BY w.source
        """

    /// The author totals: kept in `author_totals` with `kept`, else counted from the base tables.
    func authorTotals(kept: Bool) throws -> AuthorTotals {
        guard kept else { return try countedAuthorTotals() }
        let row = try database.rows("SELECT authorships, resolved_authorships, authors, name_keyed FROM author_totals").first
        return AuthorTotals(authorships: row?[0].int ?? 0, resolvedAuthorships: row?[1].int ?? 0, authors: row?[2].int ?? 0,
                            nameKeyed: row?[3].int ?? 0)
    }

    /// The author totals from the base tables.
    /// - Complexity: one pass over `work_facts` and over the author index of `authorships`, and a count of the
    ///   authors by kind; only when some author has no authorship (then not every author is counted) are the
    ///   distinct authors of the authorships joined with `authors` to tell those by a name key apart.
    func countedAuthorTotals() throws -> AuthorTotals {
        let authorships = try database.rows("SELECT coalesce(sum(authors), 0), coalesce(sum(resolved_authorships), 0) FROM work_facts").first
        let used = try database.scalar("SELECT count(DISTINCT author_id) FROM authorships").int ?? 0
        let stored = try database.scalar("SELECT count(*) FROM authors").int ?? 0
        let nameKeyed: Int
        if used == stored {
            // Every author has an authorship: the name-keyed authors of the authorships are all of them.
            nameKeyed = try database.scalar("SELECT count(*) FROM authors WHERE identity_kind = 'name_key'").int ?? 0
        } else {
            nameKeyed = try database.scalar("""
                SELECT count(*) FROM (SELECT DISTINCT author_id FROM authorships) d JOIN authors a ON a.id = d.author_id
                WHERE a.identity_kind = 'name_key'
                """).int ?? 0
        }
        return AuthorTotals(authorships: authorships?[0].int ?? 0, resolvedAuthorships: authorships?[1].int ?? 0, authors: used, nameKeyed: nameKeyed)
    }

    /// Fills `work_source_totals`, `affiliation_source_totals` and `author_totals` from the base tables.
    func fillSummaryTotals() throws {
        try database.execute("DELETE FROM work_source_totals")
        try database.execute("INSERT INTO work_source_totals (source, year, doc_type, works, without_citations) \(Self.workSourceTotalsSQL)")
        try database.execute("DELETE FROM affiliation_source_totals")
        try database.execute("""
            INSERT INTO affiliation_source_totals (source, affiliations, resolved, structured, address, correspondence)
            \(Self.affiliationSourceTotalsSQL)
            """)
        try database.execute("DELETE FROM author_totals")
        let authors = try countedAuthorTotals()
        try database.prepare("INSERT INTO author_totals (authorships, resolved_authorships, authors, name_keyed) VALUES (?, ?, ?, ?)")
            .run([authors.authorships, authors.resolvedAuthorships, authors.authors, authors.nameKeyed].map { .integer(Int64($0)) })
    }
}
