import Foundation

/// One affiliation of a work behind a figure, with the file and line of the work's source record: the audit
/// trail of `explain` in CSV, one row per affiliation.
public struct ExplainedAffiliation: Sendable, Equatable {
    public var source: String
    public var sourceID: String
    /// The file the work was read from (its latest source record) and the record's first line.
    public var file: String?
    public var line: Int?
    /// The byline position and name of the author the affiliation belongs to (nil for an affiliation linked
    /// to no author).
    public var authorPosition: Int?
    public var author: String?
    public var affiliation: String
    public var institution: String?
    public var country: String?
}

extension Store {
    /// Selects the works `ids` for `explainSelectedWorks` and `explainSelectedAffiliations`.
    public func fillExplainIDs(_ ids: [Int64]) throws {
        try fillTemporaryIDs("explain_ids", ids)
    }

    /// `file:line` of every source record of the works `ids`, keyed by `source` and source id (`scopus 2-s2.0-…`).
    /// (A table of its own: the works selected for `explainSelectedWorks` stay selected.)
    public func explainRecords(_ ids: [Int64]) throws -> [String: [String]] {
        try fillTemporaryIDs("explain_record_ids", ids)
        defer { try? database.execute("DROP TABLE IF EXISTS temp.explain_record_ids") }
        var records: [String: [String]] = [:]
        for row in try database.rows("""
            SELECT w.source, w.source_id, i.path, sr.line FROM works w JOIN temp.explain_record_ids e ON e.id = w.id
            JOIN source_records sr ON sr.work_id = w.id JOIN imports i ON i.id = sr.import_id ORDER BY sr.id
            """) {
            records["\(row[0].string ?? "") \(row[1].string ?? "")", default: []].append("\(row[2].string ?? ""):\(row[3].int ?? 0)")
        }
        return records
    }

    /// Every affiliation of the works `ids` (the first `limit` works in the order `explainWorks` lists them),
    /// one per author it belongs to, with the file and line of the work's latest source record.
    public func explainAffiliations(_ ids: [Int64], limit: Int? = nil) throws -> [ExplainedAffiliation] {
        try fillExplainIDs(ids)
        return try explainSelectedAffiliations(limit: limit)
    }

    /// `explainAffiliations` of the selected works (`selectExplainedWorks`, or the ids last given to `explainWorks`).
    public func explainSelectedAffiliations(limit: Int? = nil) throws -> [ExplainedAffiliation] {
        var rows: [ExplainedAffiliation] = []
        try forEachSelectedAffiliation(limit: limit) { rows.append($0) }
        return rows
    }

    /// `explainSelectedAffiliations` handed to `body` one row at a time, as the database returns them.
    ///
    /// On SQLite the listed works are read in order and each work's affiliations by a second statement: sorting every
    /// affiliation of a large set at once (two million rows for the joint works of two large countries) spills to disk
    /// and costs several times the reading.
    public func forEachSelectedAffiliation(limit: Int? = nil, _ body: (ExplainedAffiliation) throws -> Void) throws {
        let listed = """
            SELECT w.id, w.year, w.source, w.source_id, (SELECT max(s2.id) FROM source_records s2 WHERE s2.work_id = w.id) AS record_id
            FROM temp.explain_ids e CROSS JOIN works w WHERE w.id = e.id
            ORDER BY w.year, w.source, w.source_id \(limit.map { "LIMIT \($0)" } ?? "")
            """
        func row(_ work: [SQLValue], _ values: [SQLValue], offset: Int) -> ExplainedAffiliation {
            ExplainedAffiliation(source: work[0].string ?? "", sourceID: work[1].string ?? "", file: work[2].string, line: work[3].int,
                                 authorPosition: values[offset].int, author: values[offset + 1].string,
                                 affiliation: values[offset + 2].string ?? "", institution: values[offset + 3].string,
                                 country: values[offset + 4].string)
        }
        guard database.engine == .sqlite else {
            return try database.forEachRow("""
                WITH listed AS (\(listed))
                SELECT l.source, l.source_id, i.path, CASE WHEN i.id IS NOT NULL THEN sr.line END, au.position, au.name_raw, af.raw,
                       af.institution, af.country
                FROM listed l CROSS JOIN affiliations af
                LEFT JOIN source_records sr ON sr.id = l.record_id
                LEFT JOIN imports i ON i.id = sr.import_id
                LEFT JOIN authorship_affiliations aa ON aa.affiliation_id = af.id
                LEFT JOIN authorships au ON au.id = aa.authorship_id
                WHERE af.work_id = l.id
                ORDER BY l.year, l.source, l.source_id, au.position, af.id
                """) { try body(row(Array($0[0..<4]), $0, offset: 4)) }
        }
        let affiliations = try database.prepare("""
            SELECT au.position, au.name_raw, af.raw, af.institution, af.country
            FROM affiliations af
            LEFT JOIN authorship_affiliations aa ON aa.affiliation_id = af.id
            LEFT JOIN authorships au ON au.id = aa.authorship_id
            WHERE af.work_id = ?
            ORDER BY au.position, af.id
            """)
        try database.forEachRow("""
            SELECT l.id, l.source, l.source_id, i.path, CASE WHEN i.id IS NOT NULL THEN sr.line END
            FROM (\(listed)) l
            LEFT JOIN source_records sr ON sr.id = l.record_id
            LEFT JOIN imports i ON i.id = sr.import_id
            ORDER BY l.year, l.source, l.source_id
            """) { work in
            let listedWork = Array(work[1...])
            defer { affiliations.reset() }
            try affiliations.bind([work[0]])
            while try affiliations.step() {
                try body(row(listedWork, (0..<5).map { affiliations.value(at: $0) }, offset: 0))
            }
        }
    }
}

extension StandardReports {
    /// The audit trail: one row per affiliation of the listed works, with file and line.
    public static func explainedAffiliations(_ rows: [ExplainedAffiliation]) -> ReportTable {
        var table = explainedAffiliations()
        table.rows = rows.map(explainedAffiliationRow)
        return table
    }

    /// The audit trail without its rows (`explainedAffiliationRow` makes them).
    public static func explainedAffiliations() -> ReportTable {
        ReportTable(
            key: "affiliations", title: "Affiliations of the listed works, with the file and line of each record",
            columns: [ReportColumn("source", "Source"), ReportColumn("source_id", "Source id"), ReportColumn("file", "File"),
                      ReportColumn("line", "Line"), ReportColumn("author_position", "#", kind: .plain), ReportColumn("author", "Author"),
                      ReportColumn("affiliation", "Affiliation"), ReportColumn("institution", "Institution"),
                      ReportColumn("country", "Country")],
            notes: ["One row per affiliation and author: the record's file and first line as imported (definitions §1)."])
    }

    /// One row of `explainedAffiliations`.
    public static func explainedAffiliationRow(_ row: ExplainedAffiliation) -> [ReportValue] {
        [.text(row.source), .text(row.sourceID), row.file.map { .text($0) } ?? .null, .count(row.line), .count(row.authorPosition),
         row.author.map { .text($0) } ?? .null, .text(row.affiliation), row.institution.map { .text($0) } ?? .null,
         row.country.map { .text($0) } ?? .null]
    }
}
