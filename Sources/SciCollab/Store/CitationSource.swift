/// Whose citation count a figure gives each work (definitions §9): the count the work carries (one record's, by the
/// precedence of §9.1) or the count of the work's record from one source (`--citations-from wos`). Counts of
/// different sources are never summed or mixed; a work without a record of the chosen source, or whose record has
/// no count, has an unknown count and is left out of citation figures.
///
/// The SQL that reads a work's count under a choice is built here and nowhere else.
public enum CitationSource: Sendable, Hashable, CustomStringConvertible {
    /// The count the work carries: its first record with a known count by `MergePrecedence.citationOrder`.
    case precedence
    /// The count of the work's record from this source.
    case source(SourceDatabase)

    /// The words `--citations-from` accepts.
    public static let argumentValues = ["precedence"] + SourceDatabase.allCases.map(\.rawValue)

    /// Reads `precedence` or a source name (`scopus`, `wos`, `openalex`, …); nil for anything else.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "precedence" {
            self = .precedence
        } else if let source = SourceDatabase(rawValue: text) {
            self = .source(source)
        } else {
            return nil
        }
    }

    /// `precedence` or the source's name, as `--citations-from` takes it.
    public var description: String {
        switch self {
        case .precedence: return "precedence"
        case .source(let source): return source.rawValue
        }
    }

    /// What the figures' `citations_from` parameter says.
    public var parameterText: String {
        switch self {
        case .precedence:
            return "precedence: one record per work, the first with a count of \(MergePrecedence.citationOrder.joined(separator: ", ")) (never summed)"
        case .source(let source):
            return "\(source.rawValue): each work's \(source.rawValue) record (works without one have no count)"
        }
    }

    /// The record of a source that gives a work its count when the work holds several records of that source
    /// (two records merged on DOI, the RIS and BibTeX exports of one record): the smallest source id with a
    /// count, and of that id the highest count. `MergePrecedence.citationRecord` ranks records of one source the
    /// same way.
    static let recordOrder = "sr.source_id, sr.citations DESC"

    /// SQL for the citation count of the work whose id is the SQL expression `workID` (a qualified column such as
    /// `w.id`: a bare `id` or `work_id` would name the looked-up record's own column); `stored` names the
    /// column that holds the count the work carries (`works.citations` or a derived table's copy of it), read as
    /// it is under the precedence. Under a source, a correlated lookup in `source_records` (indexed by work).
    func sql(workID: String, stored: String) -> String {
        switch self {
        case .precedence:
            return stored
        case .source(let source):
            return """
                (SELECT sr.citations FROM source_records sr WHERE sr.work_id = \(workID) AND \(Self.sourceCondition(source)) \
                AND sr.citations IS NOT NULL ORDER BY \(Self.recordOrder) LIMIT 1)
                """
        }
    }

    /// SQL true for the records `sr` of `source`. The unary `+` keeps SQLite from reading the lookup through the
    /// (source, source id) index, which would scan every record of the source for each work: the work's own few
    /// records, through the work_id index, are what is wanted.
    static func sourceCondition(_ source: SourceDatabase) -> String {
        "+sr.source = '\(source.rawValue)'"
    }

    /// SQL true when the per-year counts stored for the work `workID` (`citations_by_year`, those of the record
    /// that gives the work its count under the precedence) are the chosen source's: always under the
    /// precedence; under a source, when that record is of the source.
    func perYearSQL(workID: String) -> String {
        switch self {
        case .precedence:
            return "1 = 1"
        case .source(let source):
            let rank = MergePrecedence.citationOrder.enumerated().map { "WHEN '\($0.element)' THEN \($0.offset)" }.joined(separator: " ")
            return """
                (SELECT sr.source FROM source_records sr WHERE sr.work_id = \(workID) AND sr.citations IS NOT NULL \
                ORDER BY CASE sr.source \(rank) ELSE \(MergePrecedence.citationOrder.count) END, sr.source, \(Self.recordOrder) \
                LIMIT 1) = '\(source.rawValue)'
                """
        }
    }

    /// SQL for the citation count of the `works` row aliased `alias`.
    func worksSQL(_ alias: String) -> String { sql(workID: alias + ".id", stored: alias + ".citations") }

    /// The part of an impact model's cache key that names the choice.
    var cacheKey: String { "citations=\(description)" }
}

extension AnalysisScope {
    /// SQL for the citation count of the rows of a derived table aliased `alias` (with its columns `work_id` and
    /// `citations`) under this scope's citation source: the table's `citations`, or the chosen source's count
    /// looked up by `work_id`. The alias is needed: inside the lookup a bare `work_id` would be the record's.
    func citations(_ alias: String) -> String {
        citationSource.sql(workID: alias + ".work_id", stored: alias + ".citations")
    }
}

/// How many works of a scope have a citation count under its citation source (definitions §9).
public struct CitationCoverage: Sendable, Equatable {
    /// The works of the scope's period.
    public var works: Int
    /// Those without a count under the citation source: no record of the source, or a record without a count.
    public var withoutCount: Int
    /// Those among `withoutCount` that hold no record of the source at all.
    public var withoutRecord: Int
}

extension Store {
    /// The works of `scope`'s period with and without a citation count under its citation source.
    public func citationCoverage(scope: AnalysisScope) throws -> CitationCoverage {
        let sourceCondition: String
        if case .source(let source) = scope.citationSource {
            sourceCondition = "NOT EXISTS (SELECT 1 FROM source_records sr WHERE sr.work_id = f.work_id AND \(CitationSource.sourceCondition(source)))"
        } else {
            sourceCondition = "0"
        }
        let row = try database.rows("""
            SELECT count(*), coalesce(sum(CASE WHEN \(scope.citations("f")) IS NULL THEN 1 ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN \(sourceCondition) THEN 1 ELSE 0 END), 0)
            FROM work_facts f WHERE \(scope.factsCondition)
            """).first
        return CitationCoverage(works: row?[0].int ?? 0, withoutCount: row?[1].int ?? 0, withoutRecord: row?[2].int ?? 0)
    }
}
