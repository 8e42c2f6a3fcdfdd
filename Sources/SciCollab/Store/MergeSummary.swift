import Foundation

/// How the works of a database were formed from source records (definitions §9): whether the imports merged, how
/// many works hold records of one, two or more sources, and the overlap between sources.
public struct MergeSummary: Sendable, Equatable {
    /// `on` (every import merged), `off` (none did: `--no-merge`), `mixed`, or `none` (no import yet).
    public var merging: String
    public var works = 0
    public var records = 0
    /// Works by their number of distinct sources: `[(sources, works)]`, ascending.
    public var worksBySourceCount: [Count] = []
    /// Works holding records of both sources (a ≤ b; a = b: works of that source at all).
    public var overlap: [Overlap] = []

    public struct Count: Sendable, Equatable {
        public var sources: Int
        public var works: Int
    }

    public struct Overlap: Sendable, Equatable {
        public var a: String
        public var b: String
        public var works: Int
    }

    /// The parameter every figure states: `on`, `off` or `mixed`, with the records and works.
    public var parameterText: String {
        "\(merging) (\(records) source records in \(works) works)"
    }
}

/// One source record behind a work (`scicollab explain work`).
public struct SourceRecordRow: Sendable, Equatable {
    public var source: String
    public var sourceID: String
    public var file: String
    public var line: Int
    public var doi: String?
    public var pmid: String?
    public var mergedBy: String?
    public var citations: Int?
    /// Authorships and affiliations with a country in the record (nil for a record whose copy is its work's rows).
    public var authorships: Int?
    public var countries: [String]
    /// Whether the work's authorships (and countries) are this record's.
    public var givesAuthorships: Bool
    /// Whether the work's citation count is this record's.
    public var givesCitations: Bool
}

extension Store {
    /// Whether the imports merged: `on`, `off`, `mixed` or `none`, and the records and works.
    public func mergeSummary(details: Bool = false) throws -> MergeSummary {
        let row = try database.rows("SELECT count(*), coalesce(sum(merge), 0) FROM imports WHERE format NOT LIKE 'worldbank%'").first
        let imports = row?[0].int ?? 0, merged = row?[1].int ?? 0
        var summary = MergeSummary(merging: imports == 0 ? "none" : merged == imports ? "on" : merged == 0 ? "off" : "mixed")
        // Every figure command prints them: kept per data generation (`keptCounts`).
        let counts = try keptCounts("merge") {
            ["works": try database.scalar("SELECT count(*) FROM works").int ?? 0,
             "records": try database.scalar("SELECT count(*) FROM source_records").int ?? 0]
        }
        summary.works = counts["works"] ?? 0
        summary.records = counts["records"] ?? 0
        guard details else { return summary }
        // `sources N`: works with records of N sources; `overlap A B`: works with records of both (A = B: of A).
        let kept = try keptCounts("merge_sources") { try mergeSourceCounts() }
        summary.worksBySourceCount = kept.compactMap { key, works -> MergeSummary.Count? in
            guard key.hasPrefix("sources "), let sources = Int(key.dropFirst("sources ".count)), works > 0 || sources == 1 else { return nil }
            return MergeSummary.Count(sources: sources, works: works)
        }.sorted { $0.sources < $1.sources }
        let sources = kept.keys.compactMap { key -> String? in
            let parts = key.split(separator: " ")
            return parts.count == 3 && parts[0] == "overlap" && parts[1] == parts[2] ? String(parts[1]) : nil
        }.sorted()
        for (i, a) in sources.enumerated() {
            for b in sources[i...] {
                summary.overlap.append(.init(a: a, b: b, works: kept["overlap \(a) \(b)"] ?? 0))
            }
        }
        return summary
    }

    /// The counts of `mergeSummary(details: true)` by key: `sources N` (the works with records of N sources; `works` of
    /// them all) and `overlap A B` for sources A ≤ B with records (the works with records of both; A = B: of A).
    private func mergeSourceCounts() throws -> [String: Int] {
        let works = try database.scalar("SELECT count(*) FROM works").int ?? 0
        // Only works with two records or more can hold two sources: the rest are counted from the totals.
        try database.execute("DROP TABLE IF EXISTS temp.merged_work_sources")
        try database.execute("""
            CREATE TEMP TABLE merged_work_sources AS
            SELECT sr.work_id, sr.source, count(*) AS records FROM source_records sr
            WHERE sr.work_id IN (SELECT work_id FROM source_records GROUP BY work_id HAVING count(*) > 1)
            GROUP BY sr.work_id, sr.source
            """)
        defer { try? database.execute("DROP TABLE IF EXISTS temp.merged_work_sources") }
        var counts: [String: Int] = [:]
        var bySources: [Int: Int] = [:]
        for row in try database.rows("SELECT n, count(*) FROM (SELECT work_id, count(*) AS n FROM temp.merged_work_sources GROUP BY work_id) GROUP BY n") {
            bySources[row[0].int ?? 0] = row[1].int ?? 0
        }
        let multi = bySources.filter { $0.key > 1 }.values.reduce(0, +)
        bySources[1] = works - multi
        for (sources, works) in bySources { counts["sources \(sources)"] = works }
        var overlap: [String: [String: Int]] = [:]
        for row in try database.rows("""
            SELECT x.source, y.source, count(*) FROM temp.merged_work_sources x
            JOIN temp.merged_work_sources y ON y.work_id = x.work_id AND y.source > x.source GROUP BY 1, 2
            """) {
            overlap[row[0].string ?? "", default: [:]][row[1].string ?? ""] = row[2].int ?? 0
        }
        // The works of each source: its records (counted in the index on source), less the second and later records
        // of one work from that source, which only works with two records or more have (no scan of the records).
        var repeated: [String: Int] = [:]
        for row in try database.rows("SELECT source, sum(records - 1) FROM temp.merged_work_sources GROUP BY source") {
            repeated[row[0].string ?? "", default: 0] += row[1].int ?? 0
        }
        let perSource = try database.rows("SELECT source, count(*) FROM source_records GROUP BY source ORDER BY source")
        for row in perSource {
            overlap[row[0].string ?? "", default: [:]][row[0].string ?? ""] = (row[1].int ?? 0) - (repeated[row[0].string ?? ""] ?? 0)
        }
        let sources = perSource.compactMap { $0[0].string }
        for (i, a) in sources.enumerated() {
            for b in sources[i...] { counts["overlap \(a) \(b)"] = overlap[a]?[b] ?? 0 }
        }
        return counts
    }

    /// The source records behind the work `id`, in the order they were stored.
    public func sourceRecords(ofWork id: Int64) throws -> [SourceRecordRow] {
        let work = try database.rows("SELECT source, source_id, citations FROM works WHERE id = ?", [.integer(id)]).first
        let rows = try database.rows("""
            SELECT sr.source, sr.source_id, i.path, sr.line, sr.doi_key, sr.pmid_key, sr.merged_by, sr.citations, sr.record
            FROM source_records sr JOIN imports i ON i.id = sr.import_id WHERE sr.work_id = ? ORDER BY sr.id
            """, [.integer(id)])
        let decoder = JSONDecoder()
        // A work of one record holds it in its own rows, where there is no copy of it.
        let copies = try rows.map { row in
            try row[8].string.flatMap { try? decoder.decode(Work.self, from: Data($0.utf8)) } ?? (rows.count == 1 ? storedWork(id: id) : nil)
        }
        let citationRecord = MergePrecedence.citationRecord(copies.compactMap { $0 })
        let authorshipRecord = MergePrecedence.authorshipRanked(copies.compactMap { $0 }).first
        return zip(rows, copies).map { row, copy in
            let source = row[0].string ?? "", sourceID = row[1].string ?? ""
            // Two records of one id (the same record in two formats) are told apart by their copies.
            let isWorkRecord = work?[0].string == source && work?[1].string == sourceID && (rows.count == 1 || copy == authorshipRecord)
            return SourceRecordRow(
                source: source, sourceID: sourceID, file: row[2].string ?? "", line: row[3].int ?? 0, doi: row[4].string,
                pmid: row[5].string, mergedBy: row[6].string, citations: row[7].int, authorships: copy?.authorships.count,
                countries: copy.map { Array(Set($0.affiliations.compactMap(\.country))).sorted() } ?? [],
                givesAuthorships: isWorkRecord,
                givesCitations: rows.count > 1 ? copy != nil && copy == citationRecord
                    : isWorkRecord && row[7] != .null)
        }
    }

    /// The work with this id, DOI, PMID or source id (`W2741809807`, `2-s2.0-…`, `WOS:…`).
    public func workID(matching text: String) throws -> Int64? {
        if let id = Int64(text), try database.scalar("SELECT count(*) FROM works WHERE id = ?", [.integer(id)]).int == 1 { return id }
        let keys: [(String, String?)] = [("doi_key", MergeKeys.doi(text)), ("pmid_key", MergeKeys.pmid(text)), ("source_id", text)]
        for (column, value) in keys {
            guard let value else { continue }
            if let id = try database.scalar("SELECT work_id FROM source_records WHERE \(column) = ? ORDER BY work_id LIMIT 1", [.text(value)]).int {
                return Int64(id)
            }
        }
        return nil
    }

    /// Gives the records stored before merging existed their merge keys (title keys need the text folding).
    func fillMergeKeys() throws {
        let rows = try database.rows("""
            SELECT sr.id, w.doi, w.pmid, w.title, w.year,
                   (SELECT au.name_raw FROM authorships au WHERE au.work_id = w.id ORDER BY au.position LIMIT 1)
            FROM source_records sr JOIN works w ON w.id = sr.work_id
            WHERE sr.doi_key IS NULL AND sr.pmid_key IS NULL AND sr.title_key IS NULL
            """)
        guard !rows.isEmpty else { return }
        try database.transaction {
            let update = try database.prepare("UPDATE source_records SET doi_key = ?, pmid_key = ?, title_key = ? WHERE id = ?")
            for row in rows {
                let title = MergeKeys.titleKey(title: row[3].string, year: row[4].int, firstAuthor: row[5].string)
                try update.run([MergeKeys.doi(row[1].string).sql, MergeKeys.pmid(row[2].string).sql, title.sql, row[0]])
            }
        }
    }
}
