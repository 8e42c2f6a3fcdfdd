import Foundation

/// What one file's import did.
public struct ImportReport: Sendable {
    public var path: String
    public var format: ImportFormat
    public var sizeBytes: Int64
    public var sha256: String
    /// True when a file with the same SHA-256 was imported before: nothing was written.
    public var alreadyImported: Bool
    /// When the earlier import of the same content ran, if it did.
    public var previousImport: String?
    public var recordsRead = 0
    public var recordsImported = 0
    public var recordsSkipped = 0
    /// Stored works replaced by this file's newer record of them.
    public var worksReplaced = 0
    public var warnings = 0
    /// Records the file withdrew (PubMed `DeleteCitation`).
    public var recordsDeleted = 0
    /// The first diagnostics (all are stored in the database).
    public var diagnostics: [Diagnostic] = []
    /// Affiliations of the imported works, and how many of them have no country.
    public var affiliations = 0
    public var unresolvedAffiliations = 0
    /// Works placed only by their corresponding author's address (`country_source` = `correspondence`).
    public var worksPlacedByCorrespondence = 0
    /// The most frequent unresolved affiliation strings with their counts.
    public var topUnresolved: [(raw: String, count: Int)] = []
    public var seconds: Double = 0
    /// Secondary indexes dropped for the load and built again after it (a file large beside the database).
    public var deferredIndexes: [String] = []
    /// True for `Store.checkFile`: the file was read and checked, nothing was written.
    public var checkedOnly = false
    /// Whether the records were merged into the works they share a key with (false: `--no-merge`).
    public var merging = true
    /// Works the file added: its records that joined no stored work.
    public var worksAdded = 0
    /// Records merged into works already stored, by the key they shared (definitions §9).
    public var mergedByDOI = 0
    public var mergedByPMID = 0
    public var mergedByTitle = 0
    /// Records of a database record already stored from an export of another format (the same Scopus EID as
    /// RIS and as BibTeX): kept as a second source record of its work.
    public var sameRecordOtherFormat = 0
    /// Records whose PMID is that of a stored work with another DOI: not merged with it (a warning each).
    public var keyConflicts = 0
    /// Records with the title key of a stored record of the same source and another id (kept apart).
    public var sameSourceLookAlikes = 0
    /// The first of them.
    public var lookAlikes: [SameSourceLookAlike] = []
}

extension Store {
    /// Imports one file in one transaction: all of its good records or, when the file cannot be read,
    /// nothing. A file whose SHA-256 was imported before is not read again.
    ///
    /// - Parameters:
    ///   - path: the export file.
    ///   - importer: the format to read it as; detected from the first bytes when nil.
    ///   - merging: merge each record into the stored work it shares a DOI, PMID or title key with (definitions §9);
    ///     false keeps every record a work of its own (`--no-merge`).
    ///   - progress: called with the number of records imported so far, every 10,000 records.
    /// - Throws: `ImportError` when the file cannot be read or recognised, `DatabaseError` on a store failure.
    public func importFile(_ path: String, as importer: (any Importer)? = nil, merging: Bool = true,
                           progress: ((Int) -> Void)? = nil) throws -> ImportReport {
        let started = Date()
        do {
            let size = try Self.sizeOfFile(at: path)
            let digest = try SHA256.hexDigest(ofFileAt: path)
            let worldBank = importer == nil ? try WorldBankFile.kind(ofFileAt: path) : nil
            let importer: (any Importer)? = worldBank == nil ? try importer ?? Importers.detect(path: path) : nil
            let format = worldBank?.format ?? importer!.format
            var report = ImportReport(path: path, format: format, sizeBytes: size, sha256: digest, alreadyImported: false)
            report.merging = merging
            try importFile(path, importer: importer, worldBank: worldBank, report: &report, progress: progress)
            report.seconds = Date().timeIntervalSince(started)
            return report
        } catch let error as DatabaseError where error.isBusy {
            throw StoreError.busy(path: database.path, seconds: database.busyTimeout)
        } catch {
            throw ImportError.naming(error, path: path)
        }
    }

    /// The import of one file inside its transaction. The ledger check runs inside the transaction too, so
    /// that two processes importing the same file at once see one import and one `already imported`.
    private func importFile(_ path: String, importer: (any Importer)?, worldBank: WorldBankFile?,
                            report: inout ImportReport, progress: ((Int) -> Void)?) throws {
        let size = report.sizeBytes
        let format = report.format
        let digest = report.sha256
        let bulk = try isBulkLoad(fileSize: size)
        // A large import runs with a rollback journal (each page written once), and back in WAL mode after it.
        let rollbackJournal = bulk && database.useRollbackJournal()
        defer { if rollbackJournal { try? database.restoreWAL() } }
        try database.transaction {
            if let previous = try database.rows("""
                SELECT started_at, id, records_imported + records_deleted FROM imports WHERE sha256 = ?
                """, [.text(digest)]).first {
                // An import that stored nothing (0 records read, or every record skipped) does not block this one.
                guard previous[2].int ?? 0 == 0 else {
                    report.alreadyImported = true
                    report.previousImport = previous[0].string
                    return
                }
                try database.prepare("DELETE FROM imports WHERE id = ?").run([previous[1]])
            }
            try database.prepare("INSERT INTO imports (path, size_bytes, sha256, format, started_at, merge) VALUES (?, ?, ?, ?, ?, ?)")
                .run([.text(path), .integer(size), .text(digest), .text(format.id), .text(Timestamp.now()), .integer(report.merging ? 1 : 0)])
            let importID = database.lastInsertedRowID
            if let worldBank {
                let counts = try importWorldBank(path, kind: worldBank, importID: importID)
                try database.prepare("""
                    UPDATE imports SET finished_at = ?, records_read = ?, records_imported = ?, records_skipped = ? WHERE id = ?
                    """).run([.text(Timestamp.now()), .integer(Int64(counts.read)), .integer(Int64(counts.imported)),
                              .integer(Int64(counts.read - counts.imported)), .integer(importID)])
                report.recordsRead = counts.read
                report.recordsImported = counts.imported
                report.recordsSkipped = counts.read - counts.imported
                report.worksReplaced = counts.changed
                report.diagnostics = counts.diagnostics
                return
            }
            guard let importer else { return }
            let deferred = bulk ? try dropDeferrableIndexes() : []
            report.deferredIndexes = deferred.map(\.name)
            let writer = try WorkWriter(database: database, importID: importID, file: path, merging: report.merging,
                                        defersAuthorCounts: bulk)
            writer.onProgress = progress
            // Parsing on this thread, inserts on the writer's.
            let pipeline = PipelinedSink(target: writer)
            pipeline.start()
            do {
                try importer.read(path: path, into: ValidatingSink(pipeline, file: path))
            } catch {
                try? pipeline.finish()
                throw error
            }
            try pipeline.finish()
            try writer.copyLoad?.finish()
            try rebuild(deferred, after: { try writer.flushAuthorCounts() })
            try markDataChanged()
            try assignSourceFields(workFilter: "w.id IN (SELECT work_id FROM source_records WHERE import_id = \(importID))")
            try database.prepare("""
                UPDATE imports SET finished_at = ?, records_read = ?, records_imported = ?, records_skipped = ?, records_deleted = ?
                WHERE id = ?
                """).run([.text(Timestamp.now()), .integer(Int64(writer.recordsRead)), .integer(Int64(writer.recordsImported)),
                          .integer(Int64(writer.recordsSkipped)), .integer(Int64(writer.recordsDeleted)), .integer(importID)])
            report.count(writer)
            report.worksAdded = writer.worksAdded
            report.mergedByDOI = writer.mergedByKey[.doi] ?? 0
            report.mergedByPMID = writer.mergedByKey[.pmid] ?? 0
            report.mergedByTitle = writer.mergedByKey[.title] ?? 0
            report.sameRecordOtherFormat = writer.mergedByKey[.sourceID] ?? 0
            report.keyConflicts = writer.keyConflicts
            report.sameSourceLookAlikes = writer.lookAlikeCount
            report.lookAlikes = writer.lookAlikes
            let affiliationsOfImport = """
                FROM affiliations af JOIN source_records sr ON sr.work_id = af.work_id WHERE sr.import_id = ?
                """
            let counts = try database.rows("SELECT count(*), sum(CASE WHEN af.country IS NULL THEN 1 ELSE 0 END) \(affiliationsOfImport)",
                                           [.integer(importID)])
            report.affiliations = counts.first?[0].int ?? 0
            report.unresolvedAffiliations = counts.first?[1].int ?? 0
            report.worksPlacedByCorrespondence = try database.scalar(
                "SELECT count(DISTINCT af.work_id) \(affiliationsOfImport) AND af.country_source = 'correspondence'",
                [.integer(importID)]).int ?? 0
            report.topUnresolved = try database.rows("""
                SELECT af.raw, count(*) \(affiliationsOfImport) AND af.country IS NULL
                GROUP BY af.raw ORDER BY count(*) DESC, af.raw LIMIT 10
                """, [.integer(importID)]).map { ($0[0].string ?? "", $0[1].int ?? 0) }
        }
    }

    /// Reads and checks a file without writing anything: the records it holds, those that would be skipped
    /// with their lines, and its affiliations with the unresolved ones. No database is needed, and the time is
    /// that of reading alone (the figure the import benchmarks set beside the full import).
    public static func checkFile(_ path: String, as importer: (any Importer)? = nil) throws -> ImportReport {
        let started = Date()
        let size = try Self.sizeOfFile(at: path)
        let sink = CheckingSink()
        let detected: any Importer
        do {
            detected = try importer ?? Importers.detect(path: path)
            try detected.read(path: path, into: ValidatingSink(sink, file: path))
        } catch {
            throw ImportError.naming(error, path: path)
        }
        var report = ImportReport(path: path, format: detected.format, sizeBytes: size, sha256: try SHA256.hexDigest(ofFileAt: path),
                                  alreadyImported: false)
        report.count(sink)
        report.affiliations = sink.affiliations
        report.unresolvedAffiliations = sink.unresolved
        report.worksPlacedByCorrespondence = sink.placedByCorrespondence
        report.topUnresolved = sink.unresolvedCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { ($0.key, $0.value) }
        report.checkedOnly = true
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The size of the file at `path`; throws `ImportError.notFound` for a missing file or a directory.
    static func sizeOfFile(at path: String) throws -> Int64 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ImportError.notFound(path: path)
        }
        return bytesOfFile(at: path)
    }

    /// The size of the file at `path` in bytes, following symbolic links (the size of the file a link names,
    /// not of the link itself); 0 when it cannot be read.
    public static func bytesOfFile(at path: String) -> Int64 {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return Int64(status.st_size)
    }

    /// Secondary indexes that neither the import's own lookups nor its foreign-key cascades use. Their keys
    /// arrive in no useful order (country then year, DOI), so keeping them up to date row by row touches
    /// pages all over the index; built once after the load, they are a sort.
    static let deferrableIndexes = [
        "works_year", "works_doi", "works_pmid", "works_source_year", "source_records_import", "authorships_author", "affiliations_country",
        "work_fields_field", "work_facts_year_countries", "work_countries_country", "work_country_pairs_year",
        "work_institutions_institution", "work_institution_authors_institution", "work_author_countries_country",
    ]

    /// Whether a file is imported as a bulk load: at least 4 MiB and a quarter of the database's size. Its
    /// import then defers the secondary indexes and writes with a rollback journal.
    private func isBulkLoad(fileSize size: Int64) throws -> Bool {
        // On PostgreSQL the server keeps its indexes: a bulk load there goes through COPY instead.
        guard database.engine == .sqlite else { return false }
        let databaseBytes = (try database.scalar("PRAGMA page_count").int ?? 0) * (try database.scalar("PRAGMA page_size").int ?? 4096)
        return size >= 4 << 20 && Int64(databaseBytes) <= size * 4
    }

    /// Drops the deferrable indexes for a bulk load, where building them again costs less than maintaining
    /// them, and returns the statements that rebuild them. Both happen inside the import's transaction, so a
    /// failed import keeps its indexes.
    private func dropDeferrableIndexes() throws -> [(name: String, sql: String)] {
        let names = Self.deferrableIndexes.map { "'\($0)'" }.joined(separator: ", ")
        let statements = try database.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (\(names))")
        let indexes: [(name: String, sql: String)] = statements.compactMap { row in
            row[0].string.flatMap { name in row[1].string.map { (name: name, sql: $0) } }
        }
        for index in indexes { try database.execute("DROP INDEX \(index.name)") }
        return indexes
    }

    /// Runs `sortingWork` (the writer's last flush of the kept author counts, which groups the file's rows), then
    /// builds the deferred indexes again. A sort takes as much memory as the page cache is large, so on a bulk
    /// load the cache is made smaller meanwhile: peak memory stays the same whatever the file's size.
    private func rebuild(_ indexes: [(name: String, sql: String)], after sortingWork: () throws -> Void) throws {
        guard !indexes.isEmpty else { return try sortingWork() }
        try database.execute("PRAGMA cache_size = \(SQLiteDatabase.sortCacheSize)")
        defer { try? database.execute("PRAGMA cache_size = \(SQLiteDatabase.pageCacheSize)") }
        try sortingWork()
        for index in indexes { try database.execute(index.sql) }
    }

    /// The files to import for a list of paths: files as given, directories walked recursively in name
    /// order (hidden files left out).
    /// - Throws: `ImportError.notFound` for a path that does not exist, the first of `FileWalk.unreadable` otherwise.
    public static func expand(paths: [String]) throws -> [String] {
        let walk = try walk(paths: paths)
        if let first = walk.unreadable.first { throw first }
        return walk.files
    }

    /// The files under `paths` and what could not be read on the way (a folder without read permission, a
    /// broken link): reported, never passed over in silence.
    public struct FileWalk: Sendable {
        public var files: [String] = []
        public var unreadable: [ImportError] = []
    }

    /// Walks `paths` like `expand(paths:)`, collecting the folders and links that cannot be read.
    /// - Throws: `ImportError.notFound` for a path that does not exist.
    public static func walk(paths: [String]) throws -> FileWalk {
        var walk = FileWalk()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.notFound(path: path)
            }
            if !isDirectory.boolValue {
                walk.files.append(path)
                continue
            }
            var found: [String] = []
            collect(folder: path, into: &found, unreadable: &walk.unreadable)
            walk.files += found.sorted()
        }
        return walk
    }

    private static func collect(folder: String, into found: inout [String], unreadable: inout [ImportError]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            unreadable.append(.unreadable(path: folder, reason: "the folder cannot be listed (\(error.localizedDescription))"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let full = (folder as NSString).appendingPathComponent(name)
            let type = (try? FileManager.default.attributesOfItem(atPath: full)[.type]) as? FileAttributeType
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
                unreadable.append(.unreadable(path: full, reason: "a link to nothing"))
                continue
            }
            if !isDirectory.boolValue {
                found.append(full)
            } else if type != .typeSymbolicLink {
                collect(folder: full, into: &found, unreadable: &unreadable)
            }
        }
    }
}


/// What a sink counted while a file was read: the same for an import and a dry run.
protocol RecordTally {
    var recordsRead: Int { get }
    var recordsImported: Int { get }
    var recordsSkipped: Int { get }
    var worksReplaced: Int { get }
    var warnings: Int { get }
    var recordsDeleted: Int { get }
    var diagnostics: [Diagnostic] { get }
}

extension WorkWriter: RecordTally {}

extension ImportReport {
    mutating func count(_ tally: some RecordTally) {
        recordsRead = tally.recordsRead
        recordsImported = tally.recordsImported
        recordsSkipped = tally.recordsSkipped
        worksReplaced = tally.worksReplaced
        warnings = tally.warnings
        recordsDeleted = tally.recordsDeleted
        diagnostics = tally.diagnostics
    }
}

/// Counts what a file holds, for `Store.checkFile`.
private final class CheckingSink: RecordSink, RecordTally {
    var recordsRead = 0
    var recordsSkipped = 0
    /// The records an import would write (none is replaced: there is no database to compare with).
    var recordsImported: Int { recordsRead - recordsSkipped }
    let worksReplaced = 0
    var warnings = 0
    var recordsDeleted = 0
    var diagnostics: [Diagnostic] = []
    var affiliations = 0
    var unresolved = 0
    var placedByCorrespondence = 0
    /// Unresolved affiliation strings with their counts; bounded, so memory stays flat.
    var unresolvedCounts: [String: Int] = [:]

    func accept(_ work: Work) throws {
        recordsRead += 1
        affiliations += work.affiliations.count
        if work.affiliations.contains(where: { $0.countrySource == .correspondence && $0.country != nil }) { placedByCorrespondence += 1 }
        for affiliation in work.affiliations where affiliation.country == nil {
            unresolved += 1
            if unresolvedCounts[affiliation.raw] != nil || unresolvedCounts.count < 100_000 {
                unresolvedCounts[affiliation.raw, default: 0] += 1
            }
        }
    }

    func skip(_ diagnostic: Diagnostic) {
        recordsRead += 1
        recordsSkipped += 1
        keep(diagnostic)
    }

    func warn(_ diagnostic: Diagnostic) {
        warnings += 1
        keep(diagnostic)
    }

    func delete(source: SourceDatabase, sourceID: String, line: Int) throws {
        recordsDeleted += 1
    }

    private func keep(_ diagnostic: Diagnostic) {
        if diagnostics.count < WorkWriter.reportedDiagnosticsLimit { diagnostics.append(diagnostic) }
    }
}
