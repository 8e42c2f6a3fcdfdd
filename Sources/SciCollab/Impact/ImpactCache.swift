import Foundation

/// Impact models kept in the store between commands (`Schemas/007_impact_cache.sql`).
///
/// A model is valid for the data generation it was computed at; every import and source list moves the
/// generation on (`Store.markDataChanged`), so a kept model never outlives the data it describes. At most
/// `capacity` models are kept, the oldest dropped first.
enum ImpactCache {
    static let capacity = 4

    /// The options that determine a model. A file baseline counts by its content, not only its name.
    static func key(scheme: String?, window: CitationWindow?, baseline: Baseline?, citationSource: CitationSource = .precedence,
                    currentYear: Int) -> String {
        var baselineKey = "corpus"
        if let baseline {
            var hasher = SHA256()
            hasher.update(Array(baseline.csv.utf8))
            baselineKey = baseline.label + "#" + hasher.finalize()
        }
        // `auto` is the ASJC areas of every source (definitions §8); models kept under the earlier per-work choice of
        // fine fields have the key `scheme=auto` and are never read as these.
        return "scheme=\(scheme ?? "auto-areas");window=\(window?.rawValue ?? "auto");baseline=\(baselineKey);\(citationSource.cacheKey);year=\(currentYear)"
    }

    /// The kept model of `key` for the current data, with the works `ids` (nil: all); `citationSource`: the one of the
    /// key, whose counts a work without a row in `work_impact` is given.
    static func read(_ database: SQLiteDatabase, key: String, scheme: String?, citationSource: CitationSource,
                     works ids: [Int64]?) throws -> ImpactModel? {
        try database.readTransaction { try readModel(database, key: key, scheme: scheme, citationSource: citationSource, works: ids) }
    }

    private static func readModel(_ database: SQLiteDatabase, key: String, scheme: String?, citationSource: CitationSource,
                                  works ids: [Int64]?) throws -> ImpactModel? {
        let generation = try Store.dataGeneration(database)
        guard let row = try database.rows("""
            SELECT id, citation_window, baseline_label FROM impact_models WHERE key = ? AND data_generation = ?
            """, [.text(key), .integer(Int64(generation))]).first,
            case .integer(let modelID) = row[0], let window = row[1].string.flatMap(CitationWindow.init(rawValue:)),
            let label = row[2].string else { return nil }
        var expected: [Baseline.Key: Double] = [:]
        try database.forEachRow("SELECT scheme, field, year, doc_group, expected FROM impact_model_expected WHERE model_id = ?",
                                [.integer(modelID)]) { row in
            guard let key = cohortKey(row), let value = row[4].double else { return }
            expected[key] = value
        }
        var model = ImpactModel(window: window, scheme: scheme, baseline: Baseline(window: window, expected: expected, label: label),
                                works: try readWorks(database, modelID: modelID, window: window, citationSource: citationSource, ids: ids))
        model.storedID = modelID
        return model
    }

    /// The values of the kept model `modelID` for the works `ids` (nil: all): on SQLite in one join with their list in a
    /// temporary table, on PostgreSQL in one query over the list.
    static func readWorks(_ database: SQLiteDatabase, modelID: Int64, window: CitationWindow, citationSource: CitationSource,
                          ids: [Int64]?) throws -> [Int64: ImpactModel.WorkImpact] {
        var works: [Int64: ImpactModel.WorkImpact] = [:]
        func add(_ row: [SQLValue]) {
            guard case .integer(let id) = row[0] else { return }
            works[id] = workImpact(row, fields: 7)
        }
        // A work without a row is unclassified, not provisional and without a source fwci (`ImpactComputation.rows`):
        // its count in the window is read from `works` as the model computed it.
        let citations = try ImpactComputation.citationsSQL(database, window: window, citationSource: citationSource)
        let columns = """
            w.id, CASE WHEN wi.work_id IS NULL THEN \(citations) ELSE wi.citations END, wi.value, wi.top10,
            coalesce(wi.provisional, 0), wi.source_fwci, NULL, coalesce(wi.fields, '')
            """
        let values = "LEFT JOIN work_impact wi ON wi.model_id = ? AND wi.work_id = w.id"
        let from = "FROM works w \(values)"
        if let ids, database.engine == .postgresql {
            // On a server one query for the whole set: a round trip per work would take most of the time.
            works.reserveCapacity(ids.count)
            let (condition, argument) = database.membership(of: "w.id", in: ids)
            try database.forEachRow("SELECT \(columns) \(from) WHERE \(condition)", [.integer(modelID), argument], add)
        } else if let ids {
            // One join with the sorted list, instead of a look-up per work.
            works.reserveCapacity(ids.count)
            try Store.fillTemporaryIDs("impact_ids", ids.sorted(), in: database)
            defer { try? database.execute("DROP TABLE IF EXISTS temp.impact_ids") }
            try database.forEachRow("SELECT \(columns) FROM temp.impact_ids t CROSS JOIN works w ON w.id = t.id \(values)", [.integer(modelID)], add)
        } else {
            try database.forEachRow("SELECT \(columns) \(from)", [.integer(modelID)], add)
        }
        return works
    }

    /// Keeps the model `computation` computed, copied in SQL from its temporary tables; returns its id.
    @discardableResult
    static func write(_ computation: ImpactComputation, key: String, label: String, to database: SQLiteDatabase) throws -> Int64 {
        let generation = try Store.dataGeneration(database)
        let rows = try computation.keptRows()
        // Without foreign-key actions (SQLite, outside a transaction), emptying the tables of the models frees their
        // pages at once instead of deleting a model's million rows one by one; `removeOrphans` removes the rows of
        // models deleted one at a time. The setting is restored afterwards; PostgreSQL keeps its cascades.
        let withoutForeignKeys = database.engine == .sqlite && database.isAutocommit
        if withoutForeignKeys { try database.execute("PRAGMA foreign_keys = OFF") }
        defer { if withoutForeignKeys { try? database.execute("PRAGMA foreign_keys = ON") } }
        return try database.transaction {
            let kept = try database.scalar("SELECT count(*) FROM impact_models WHERE data_generation = ? AND key <> ?",
                                           [.integer(Int64(generation)), .text(key)]).int ?? 0
            if kept == 0 {
                // No model of the current data is kept beside this one (the first command after a data change).
                for table in ["work_impact", "impact_model_expected"] + Store.keptMeanTables + ["impact_models"] { try database.execute("DELETE FROM \(table)") }
            } else {
                // Models of older data, the one with this key, and the oldest beyond the capacity go.
                try database.prepare("DELETE FROM impact_models WHERE data_generation <> ? OR key = ?").run([.integer(Int64(generation)), .text(key)])
                try database.prepare("""
                    DELETE FROM impact_models WHERE id NOT IN (SELECT id FROM impact_models ORDER BY id DESC LIMIT ?)
                    """).run([.integer(Int64(capacity - 1))])
            }
            try removeOrphans(database)
            let insertModel = try database.prepare("""
                INSERT INTO impact_models (key, data_generation, citation_window, baseline_label, computed_at) VALUES (?, ?, ?, ?, ?) RETURNING id
                """)
            try insertModel.bind([.text(key), .integer(Int64(generation)), .text(computation.window.rawValue), .text(label), .text(Timestamp.now())])
            guard let modelID = try insertModel.executeReturningInteger() else {
                throw DatabaseError(code: 0, message: "no id for the new impact model", sql: nil)
            }
            try database.execute("""
                INSERT INTO impact_model_expected (model_id, scheme, field, year, doc_group, expected)
                SELECT \(modelID), e.* FROM (\(ImpactComputation.expectedRows)) e
                """)
            for query in rows {
                try database.execute("""
                    INSERT INTO work_impact (model_id, work_id, citations, value, top10, provisional, source_fwci, fields)
                    SELECT \(modelID), r.* FROM (\(query)) r
                    """)
            }
            return modelID
        }
    }

    /// The model `computation` computed, read from its temporary tables (every work), when it cannot be kept.
    static func readComputed(_ computation: ImpactComputation, scheme: String?, label: String, from database: SQLiteDatabase) throws -> ImpactModel {
        var expected: [Baseline.Key: Double] = [:]
        try database.forEachRow(ImpactComputation.expectedRows) { row in
            guard let key = cohortKey(row), let value = row[4].double else { return }
            expected[key] = value
        }
        var works: [Int64: ImpactModel.WorkImpact] = [:]
        try database.forEachRow(try computation.rows()) { row in
            guard case .integer(let id) = row[0] else { return }
            works[id] = workImpact(row, fields: 6)
        }
        return ImpactModel(window: computation.window, scheme: scheme,
                           baseline: Baseline(window: computation.window, expected: expected, label: label), works: works)
    }

    /// The cohort of a row (scheme, field, year, group, …).
    private static func cohortKey(_ row: [SQLValue]) -> Baseline.Key? {
        guard let scheme = row[0].string, let field = row[1].string, let year = row[2].int,
              let group = row[3].string.flatMap(DocumentTypeGroup.init(rawValue:)) else { return nil }
        return Baseline.Key(scheme: scheme, field: field, year: year, group: group)
    }

    /// A work's values from a row (work_id, citations, value, top10, provisional, source_fwci, …) whose column
    /// `fields` holds its `scheme<TAB>code` lines.
    private static func workImpact(_ row: [SQLValue], fields column: Int) -> ImpactModel.WorkImpact {
        let fields = (row[column].string ?? "").split(separator: "\n").map { entry -> (scheme: String, field: String) in
            let parts = entry.split(separator: "\t", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        return ImpactModel.WorkImpact(citations: row[1].double, fields: fields, value: row[2].double, top10: row[3].double,
                                      provisional: row[4].int == 1, sourceFWCI: row[5].double)
    }
}

extension ImpactCache {
    /// Removes the rows of models deleted without foreign keys (as the sqlite3 shell deletes), which would
    /// otherwise clash with a new model given the same id. The model ids are found by stepping through the
    /// primary key, one lookup per id.
    static func removeOrphans(_ database: SQLiteDatabase) throws {
        let kept = Set(try database.rows("SELECT id FROM impact_models").compactMap { row -> Int64? in
            if case .integer(let id) = row[0] { return id } else { return nil }
        })
        for table in ["work_impact", "impact_model_expected"] + Store.keptMeanTables {
            let remove = try database.prepare("DELETE FROM \(table) WHERE model_id = ?")
            var last = Int64.min
            while case .integer(let id) = try database.scalar("SELECT min(model_id) FROM \(table) WHERE model_id > ?", [.integer(last)]) {
                if !kept.contains(id) { try remove.run([.integer(id)]) }
                last = id
            }
        }
    }
}

extension Store {
    /// The data generation: moved on by every change to works, their fields or citations.
    static func dataGeneration(_ database: SQLiteDatabase) throws -> Int {
        try database.scalar("SELECT value FROM store_state WHERE name = 'data_generation'").int ?? 0
    }

    /// Records that works, fields or citations changed: kept impact models no longer apply.
    func markDataChanged() throws {
        try database.execute("UPDATE store_state SET value = value + 1 WHERE name = 'data_generation'")
    }
}
