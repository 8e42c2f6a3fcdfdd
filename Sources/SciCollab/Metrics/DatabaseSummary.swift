/// What the database holds: works by source and year, document types, country coverage, unresolved
/// affiliations and import diagnostics.
public struct DatabaseSummary: Sendable {
    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
    }

    public struct Coverage: Sendable, Equatable {
        public var works = 0
        /// Works with at least one authorship linked to an affiliation with a country.
        public var worksWithCountry = 0
        public var authorships = 0
        /// Authorships linked to at least one affiliation with a country.
        public var authorshipsWithCountry = 0
        public var authors = 0
        public var nameKeyedAuthors = 0
        public var affiliations = 0
        public var unresolvedAffiliations = 0
        public var worksWithoutCitationCount = 0
    }

    public struct ImportRow: Sendable, Equatable {
        public var path: String
        public var format: String
        public var startedAt: String
        public var read: Int
        public var imported: Int
        public var skipped: Int
    }

    public var coverage: Coverage
    /// Affiliations per source: how many, how many resolved, and where their countries came from (definitions §2).
    public struct Resolution: Sendable, Equatable {
        public var source: String
        public var affiliations = 0
        public var resolved = 0
        public var structured = 0
        public var address = 0
        public var correspondence = 0
    }
    public var resolutionBySource: [Resolution] = []
    /// (source, year, works); a nil year is a work without one.
    public var worksBySourceAndYear: [(source: String, year: Int?, works: Int)]
    public var documentTypes: [Count]
    public var topUnresolvedAffiliations: [Count]
    public var imports: [ImportRow]
    public var diagnosticCounts: (errors: Int, warnings: Int)
    public var recentDiagnostics: [Diagnostic]
    /// How the works were formed from source records (definitions §9).
    public var merge = MergeSummary(merging: "none")
}

extension Store {
    /// The summary of everything in the database.
    /// - Parameter limit: how many unresolved affiliations and diagnostics to list.
    public func summary(limit: Int = 10) throws -> DatabaseSummary {
        var coverage = DatabaseSummary.Coverage()
        let counts = try workCounts()
        coverage.works = counts.works
        coverage.worksWithCountry = counts.withCountry
        // Kept per data generation (`Schemas/021_kept_summary_pair_years.sql`), else counted from the base tables by the same SQL.
        let kept = try keptTotals(.summary, for: AnalysisScope())
        let authors = try authorTotals(kept: kept)
        coverage.authorships = authors.authorships
        coverage.authorshipsWithCountry = authors.resolvedAuthorships
        coverage.authors = authors.authors
        coverage.nameKeyedAuthors = authors.nameKeyed
        let affiliations = kept ? "affiliation_source_totals" : "(\(Self.affiliationSourceTotalsSQL)) t"
        let resolution = try database.rows("""
            SELECT source, affiliations, resolved, structured, address, correspondence FROM \(affiliations) ORDER BY source
            """).map {
            DatabaseSummary.Resolution(source: $0[0].string ?? "", affiliations: $0[1].int ?? 0, resolved: $0[2].int ?? 0,
                                       structured: $0[3].int ?? 0, address: $0[4].int ?? 0, correspondence: $0[5].int ?? 0)
        }
        coverage.affiliations = resolution.map(\.affiliations).reduce(0, +)
        coverage.unresolvedAffiliations = coverage.affiliations - resolution.map(\.resolved).reduce(0, +)
        let works = kept ? "work_source_totals" : "(\(Self.workSourceTotalsSQL)) t"
        coverage.worksWithoutCitationCount = try database.scalar("SELECT coalesce(sum(without_citations), 0) FROM \(works)").int ?? 0

        let byYear = try database.rows("SELECT source, year, sum(works) FROM \(works) GROUP BY source, year ORDER BY source, year")
            .map { (source: $0[0].string ?? "", year: $0[1].int, works: $0[2].int ?? 0) }
        let types = try database.rows("""
            SELECT coalesce(doc_type, '(none)'), sum(works) FROM \(works) GROUP BY 1 ORDER BY 2 DESC, 1
            """).map { DatabaseSummary.Count(label: $0[0].string ?? "", count: $0[1].int ?? 0) }
        let unresolved = try database.rows("""
            SELECT raw, count(*) FROM affiliations WHERE country IS NULL GROUP BY raw ORDER BY 2 DESC, 1 LIMIT ?
            """, [.integer(Int64(limit))]).map { DatabaseSummary.Count(label: $0[0].string ?? "", count: $0[1].int ?? 0) }
        let imports = try database.rows("""
            SELECT path, format, started_at, records_read, records_imported, records_skipped FROM imports ORDER BY id
            """).map {
            DatabaseSummary.ImportRow(path: $0[0].string ?? "", format: $0[1].string ?? "", startedAt: $0[2].string ?? "",
                                      read: $0[3].int ?? 0, imported: $0[4].int ?? 0, skipped: $0[5].int ?? 0)
        }
        let severity = try database.rows("""
            SELECT sum(CASE WHEN severity = 'error' THEN 1 ELSE 0 END), sum(CASE WHEN severity = 'warning' THEN 1 ELSE 0 END)
            FROM diagnostics
            """).first
        let recent = try database.rows("""
            SELECT file, line, record_id, severity, message FROM diagnostics ORDER BY severity, id LIMIT ?
            """, [.integer(Int64(limit))]).map {
            Diagnostic(file: $0[0].string ?? "", line: $0[1].int, recordID: $0[2].string,
                       severity: Diagnostic.Severity(rawValue: $0[3].string ?? "") ?? .error, message: $0[4].string ?? "")
        }
        var summary = DatabaseSummary(coverage: coverage, resolutionBySource: resolution, worksBySourceAndYear: byYear, documentTypes: types,
                                      topUnresolvedAffiliations: unresolved, imports: imports,
                                      diagnosticCounts: (severity?[0].int ?? 0, severity?[1].int ?? 0), recentDiagnostics: recent)
        summary.merge = try mergeSummary(details: true)
        return summary
    }
}
