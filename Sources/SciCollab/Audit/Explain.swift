/// One work behind a figure.
public struct ExplainedWork: Sendable, Equatable {
    /// The work's id in the database.
    public var id: Int64 = 0
    public var source: String
    public var sourceID: String
    public var doi: String?
    public var year: Int?
    public var citations: Int?
    /// The work's countries (K_p).
    public var countries: [String]
    /// The affiliation strings that placed it in the countries asked about.
    public var affiliations: [String]
    /// `file:line` of each of its source records, in the order they were imported.
    public var records: [String] = []
}

/// One author behind an author figure.
public struct ExplainedAuthor: Sendable, Equatable {
    public var identityKind: String
    public var identity: String
    public var name: String
    /// Works of the set the author is on.
    public var works: Int
}

extension Store {
    /// The works `ids`, with the affiliations that place them in `countries` and their citation count under
    /// `citationSource` (definitions §9), ordered by year and id.
    public func explainWorks(_ ids: [Int64], countries: [String], citationSource: CitationSource = .precedence,
                             limit: Int? = nil) throws -> [ExplainedWork] {
        try fillExplainIDs(ids)
        return try explainSelectedWorks(countries: countries, citationSource: citationSource, limit: limit)
    }

    /// Selects the works of `set` in `scope` for `explainSelectedWorks` and `explainSelectedAffiliations`, in SQL
    /// (the ids are not read), and returns how many rows the set has (its works, as `works(of:)` lists them).
    public func selectExplainedWorks(_ set: ImpactSet, scope: AnalysisScope = AnalysisScope()) throws -> Int {
        let query = try workSetQuery(set, counting: .full, scope: scope)
        try database.execute("DROP TABLE IF EXISTS temp.explain_ids")
        try database.execute("CREATE TEMP TABLE explain_ids (id INTEGER PRIMARY KEY)")
        try database.prepare("INSERT INTO temp.explain_ids (id) SELECT work_id FROM (\(query.sql)) s WHERE 1 = 1 ON CONFLICT DO NOTHING").run(query.arguments)
        return try database.scalar("SELECT count(*) FROM (\(query.sql)) s", query.arguments).int ?? 0
    }

    /// The selected works (`selectExplainedWorks`, or the ids given to `explainWorks`): the first `limit` in order of
    /// year and id, each with the affiliations that place it in `countries` and its citation count under
    /// `citationSource` (definitions §9). The listed works are chosen before their countries and affiliations are
    /// read.
    public func explainSelectedWorks(countries: [String], citationSource: CitationSource = .precedence,
                                     limit: Int? = nil) throws -> [ExplainedWork] {
        var works: [ExplainedWork] = []
        try forEachSelectedWork(countries: countries, citationSource: citationSource, limit: limit) { works.append($0) }
        return works
    }

    /// `explainSelectedWorks` handed to `body` one work at a time, in order. On SQLite a long list is read in chunks by
    /// two connections at once (`AlternatingReader`): each listed work's countries, affiliations and records are
    /// lookups of their own (1 s for the 24,015 joint works of the US and China on a million works). Each chunk is
    /// then a read of its own: an import committed by another process while the list is read shows in its later chunks.
    public func forEachSelectedWork(countries: [String], citationSource: CitationSource = .precedence, limit: Int? = nil,
                                    _ body: (ExplainedWork) throws -> Void) throws {
        try forEachSelectedWork(countries: countries, citationSource: citationSource, limit: limit, chunk: Self.explainChunk, body)
    }

    /// `forEachSelectedWork`, reading chunks of `chunk` works on two connections from two chunks on.
    func forEachSelectedWork(countries: [String], citationSource: CitationSource, limit: Int?, chunk: Int,
                             _ body: (ExplainedWork) throws -> Void) throws {
        let placeholders = countries.isEmpty ? "NULL" : countries.map { _ in "?" }.joined(separator: ", ")
        let columns = """
            SELECT w.source, w.source_id, w.doi, w.year, \(citationSource.worksSQL("w")),
                   (SELECT group_concat(wc.country, ' ') FROM (SELECT country FROM work_countries WHERE work_id = w.id ORDER BY country) wc),
                   (SELECT group_concat(af.raw, ' | ') FROM (SELECT raw FROM affiliations WHERE work_id = w.id AND country IN (\(placeholders))
                                                             ORDER BY id) af),
                   w.id,
                   (SELECT group_concat(r.place, ?) FROM (SELECT coalesce(i.path, '') || ':' || coalesce(sr.line, 0) AS place
                                                           FROM source_records sr JOIN imports i ON i.id = sr.import_id
                                                           WHERE sr.work_id = w.id ORDER BY sr.id) r)
            """
        let order = "ORDER BY w.year, w.source, w.source_id"
        let arguments = countries.map { SQLValue.text($0) } + [.text(String(Self.recordSeparator))]
        // With a limit, the listed ids first (the selected works probed in `works`, sorted on their keys alone);
        // without, every selected work. Either way each is looked up in `works` (the planner would otherwise read every
        // work in year order to save the sort, probing the selection with each).
        let listed = limit.map {
            "(SELECT w.id FROM temp.explain_ids e CROSS JOIN works w WHERE w.id = e.id \(order) LIMIT \($0))"
        } ?? "temp.explain_ids"
        if database.engine == .sqlite, database.isAutocommit,
           min(limit ?? .max, try database.scalar("SELECT count(*) FROM temp.explain_ids").int ?? 0) >= 2 * chunk {
            // The listed ids in order, in chunks each sorted again by the same key (unique per work): the same order.
            let ids = try database.rows("SELECT w.id FROM \(listed) l CROSS JOIN works w WHERE w.id = l.id \(order)").compactMap(\.[0].int)
            let chunks = stride(from: 0, to: ids.count, by: chunk).map { ids[$0..<min($0 + chunk, ids.count)] }
            let sql = "\(columns) FROM works w WHERE w.id IN (SELECT value FROM json_each(?)) \(order)"
            let reader = AlternatingReader<[ExplainedWork]>(database, chunks: chunks.count) { connection, index in
                var works: [ExplainedWork] = []
                let list = SQLValue.text("[" + chunks[index].map(String.init).joined(separator: ",") + "]")
                try connection.forEachRow(sql, arguments + [list]) { works.append(Self.explainedWork($0)) }
                return works
            }
            if let reader {
                try reader.forEachChunk(on: database) { works in try works.forEach(body) }
                return
            }
        }
        try database.forEachRow("\(columns) FROM \(listed) l CROSS JOIN works w WHERE w.id = l.id \(order)", arguments) {
            try body(Self.explainedWork($0))
        }
    }

    /// The works `forEachSelectedWork` reads as one chunk.
    static let explainChunk = 2_000

    /// A row of `forEachSelectedWork`'s statement as a work.
    private static func explainedWork(_ row: [SQLValue]) -> ExplainedWork {
        var work = ExplainedWork(source: row[0].string ?? "", sourceID: row[1].string ?? "", doi: row[2].string, year: row[3].int,
                                 citations: row[4].int, countries: (row[5].string ?? "").split(separator: " ").map(String.init),
                                 affiliations: affiliationList(row[6].string ?? ""))
        if case .integer(let id) = row[7] { work.id = id }
        work.records = (row[8].string ?? "").split(separator: recordSeparator, omittingEmptySubsequences: true).map(String.init)
        return work
    }

    /// Joins the `file:line` of a work's records in one column (the unit separator: no path holds it).
    static let recordSeparator: Character = "\u{1F}"

    /// The affiliations of `group_concat(raw, ' | ')`, empty ones left out. ASCII text is split on its bytes (the
    /// same parts: no ASCII character joins another into one `Character` across the separator); other text as
    /// Foundation splits it.
    static func affiliationList(_ text: String) -> [String] {
        // One pass over the bytes in place: split while they are ASCII, nil at the first that is not.
        let ascii: [String]? = text.withUTF8Bytes { bytes in
            var parts: [String] = []
            var start = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 { return nil }
                if byte == 0x20, index + 2 < bytes.count, bytes[index + 1] == 0x7C, bytes[index + 2] == 0x20 {
                    if index > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                    index += 3
                    start = index
                } else {
                    index += 1
                }
            }
            if bytes.count > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return parts
        }
        return ascii ?? text.components(separatedBy: " | ").filter { !$0.isEmpty }
    }

    /// The distinct authors affiliated to `country` on the works `ids`, with how many of those works each is on.
    public func explainAuthors(_ ids: [Int64], country: String, scope: AnalysisScope = AnalysisScope(), limit: Int? = nil) throws -> [ExplainedAuthor] {
        try fillExplainIDs(ids)
        var authors: [ExplainedAuthor] = []
        try forEachSelectedAuthor(country: country, scope: scope, limit: limit) { authors.append($0) }
        return authors
    }

    /// How many distinct authors affiliated to `country` the selected works (`selectExplainedWorks`,
    /// `fillExplainIDs`) have.
    public func selectedAuthorCount(country: String, scope: AnalysisScope = AnalysisScope()) throws -> Int {
        let sources = try derivedSources(scope)
        return try database.scalar("""
            SELECT count(DISTINCT x.author_id) FROM \(sources.authors) x JOIN temp.explain_ids e ON e.id = x.work_id WHERE x.country = ?
            """, [.text(scope.country(country))]).int ?? 0
    }

    /// The distinct authors affiliated to `country` on the selected works, most works first (then by name and id),
    /// the first `limit` of them, handed to `body` one at a time.
    public func forEachSelectedAuthor(country: String, scope: AnalysisScope = AnalysisScope(), limit: Int? = nil,
                                      _ body: (ExplainedAuthor) throws -> Void) throws {
        let sources = try derivedSources(scope)
        try database.forEachRow("""
            SELECT a.identity_kind, a.identity, a.display_name, c.works FROM
                (SELECT x.author_id, count(DISTINCT x.work_id) AS works FROM \(sources.authors) x JOIN temp.explain_ids e ON e.id = x.work_id
                 WHERE x.country = ? GROUP BY x.author_id) c
            JOIN authors a ON a.id = c.author_id
            ORDER BY c.works DESC, a.display_name, a.id
            \(limit.map { "LIMIT \($0)" } ?? "")
            """, [.text(scope.country(country))]) {
            try body(ExplainedAuthor(identityKind: $0[0].string ?? "", identity: $0[1].string ?? "", name: $0[2].string ?? "", works: $0[3].int ?? 0))
        }
    }
}

extension StandardReports {
    /// A column of per-work weights in a list of works: its key, its header and work id → weight.
    public typealias WorkWeights = (key: String, header: String, values: [Int64: Double])

    /// A list of works behind a figure. `weights`: columns of per-work weights, after the year.
    public static func explainedWorks(_ works: [ExplainedWork], key: String, title: String, total: Int,
                                      weights: [WorkWeights] = []) -> ReportTable {
        var table = explainedWorks(key: key, title: title, total: total, listed: works.count, weights: weights)
        table.rows = works.map { explainedWorkRow($0, weights: weights) }
        return table
    }

    /// The list of works behind a figure without its rows (`explainedWorkRow` makes them): `total` works in the
    /// set, `listed` of them listed.
    public static func explainedWorks(key: String, title: String, total: Int, listed: Int, weights: [WorkWeights] = []) -> ReportTable {
        ReportTable(
            key: key, title: "\(title): \(total) works\(listed < total ? ", first \(listed) listed" : "")",
            columns: [ReportColumn("source", "Source"), ReportColumn("source_id", "Source id"), ReportColumn("doi", "DOI"),
                      ReportColumn("year", "Year")]
                + weights.map { ReportColumn($0.key, $0.header, kind: .index) }
                + [ReportColumn("countries", "Countries"), ReportColumn("citations", "Citations"),
                   ReportColumn("affiliations", "Affiliations that place it"), ReportColumn("files", "File:line")])
    }

    /// One row of `explainedWorks`.
    public static func explainedWorkRow(_ work: ExplainedWork, weights: [WorkWeights] = []) -> [ReportValue] {
        [.text(work.source), .text(work.sourceID), work.doi.map { .text($0) } ?? .null, .count(work.year)]
            + weights.map { column in column.values[work.id].map { .real($0, decimals: 3) } ?? .null }
            + [.list(work.countries), .count(work.citations), .list(work.affiliations), .list(work.records)]
    }

    /// A list of authors behind an author figure.
    public static func explainedAuthors(_ authors: [ExplainedAuthor], key: String, title: String, total: Int) -> ReportTable {
        var table = explainedAuthors(key: key, title: title, total: total, listed: authors.count)
        table.rows = authors.map(explainedAuthorRow)
        return table
    }

    /// The list of authors behind an author figure without its rows (`explainedAuthorRow` makes them): `total`
    /// authors, `listed` of them listed.
    public static func explainedAuthors(key: String, title: String, total: Int, listed: Int) -> ReportTable {
        ReportTable(
            key: key, title: "\(title): \(total) authors\(listed < total ? ", first \(listed) listed" : "")",
            columns: [ReportColumn("identity_kind", "Identified by"), ReportColumn("identity", "Identity"), ReportColumn("name", "Name"),
                      ReportColumn("works", "Works")])
    }

    /// One row of `explainedAuthors`.
    public static func explainedAuthorRow(_ author: ExplainedAuthor) -> [ReportValue] {
        [.text(author.identityKind), .text(author.identity), .text(author.name), .int(author.works)]
    }
}
