import Foundation
import CSQLite

/// A record whose title key equals that of a stored record of the same source with another id: two records
/// of one database are never merged on the title (definitions §9), so both stay, and the import lists them.
public struct SameSourceLookAlike: Sendable, Equatable {
    public var source: String
    /// The record of the file being imported: its line and id.
    public var line: Int
    public var sourceID: String
    /// The stored record it resembles.
    public var otherSourceID: String
}

/// A sink that takes each record with its merge keys, so that a pipeline computes them on the parser's thread.
protocol KeyedRecordSink: RecordSink {
    func accept(_ work: Work, keys: MergeKeys) throws
    /// `accept(_:keys:)` with the record's derived rows (`DerivedRows(work)`), also computed on the parser's thread:
    /// the writer uses them when the record becomes a work of its own.
    func accept(_ work: Work, keys: MergeKeys, derived: DerivedRows) throws
    /// Called with each batch of records before they are accepted one by one.
    func willAccept(_ batch: [(work: Work, keys: MergeKeys)]) throws
}

extension KeyedRecordSink {
    func accept(_ work: Work, keys: MergeKeys, derived: DerivedRows) throws { try accept(work, keys: keys) }
    func willAccept(_ batch: [(work: Work, keys: MergeKeys)]) throws {}
}

/// A stored source record: its row, its work, the import that wrote it and that import's format.
struct StoredRecord {
    var id: Int64
    var workID: Int64
    var importID: Int64
    var format: String
}

/// The prepared statements of the merge, reused for every record.
final class MergeStatements {
    let findRecord, findByDOI, findByPMID, findByTitle, titleCandidateAllowed: PreparedStatement
    let countRecords, deleteRecord, recordsOfWork, storeCopy, moveRecords, updateWork, doisOfWork: PreparedStatement
    let deleteChildren: [PreparedStatement]

    init(database: SQLiteDatabase) throws {
        findRecord = try database.prepare("""
            SELECT sr.id, sr.work_id, sr.import_id, i.format FROM source_records sr JOIN imports i ON i.id = sr.import_id
            WHERE sr.source = ? AND sr.source_id = ? ORDER BY sr.id
            """)
        findByDOI = try database.prepare("SELECT DISTINCT work_id FROM source_records WHERE doi_key = ? ORDER BY work_id")
        findByPMID = try database.prepare("SELECT DISTINCT work_id FROM source_records WHERE pmid_key = ? ORDER BY work_id")
        findByTitle = try database.prepare("SELECT work_id, source, source_id FROM source_records WHERE title_key = ? ORDER BY work_id, id")
        // A work a record may join on its title: no record of the record's own source, no other DOI or PMID.
        titleCandidateAllowed = try database.prepare("""
            SELECT NOT EXISTS (SELECT 1 FROM source_records o WHERE o.work_id = ?1 AND (o.source = ?2
                OR (?3 IS NOT NULL AND o.doi_key IS NOT NULL AND o.doi_key <> ?3)
                OR (?4 IS NOT NULL AND o.pmid_key IS NOT NULL AND o.pmid_key <> ?4)))
            """)
        countRecords = try database.prepare("SELECT count(*) FROM source_records WHERE work_id = ?")
        doisOfWork = try database.prepare("SELECT DISTINCT doi_key FROM source_records WHERE work_id = ? AND doi_key IS NOT NULL ORDER BY doi_key")
        deleteRecord = try database.prepare("DELETE FROM source_records WHERE id = ?")
        recordsOfWork = try database.prepare("SELECT id, record FROM source_records WHERE work_id = ? ORDER BY id")
        storeCopy = try database.prepare("UPDATE source_records SET record = ? WHERE id = ?")
        moveRecords = try database.prepare("UPDATE source_records SET work_id = ? WHERE work_id = ?")
        updateWork = try database.prepare("""
            UPDATE works SET source = ?1, source_id = ?2, doi = ?3, pmid = ?4, title = ?5, year = ?6, doc_type = ?7,
                             source_title = ?8, issn = ?9, eissn = ?10, language = ?11, citations = ?12, source_fwci = ?13,
                             citations_all_databases = ?14, source_percentile = ?15, issn_l = ?16, affiliations_shared = 0
            WHERE id = ?17
            """)
        // The derived rows first: their removal takes the work's authors off the kept author counts (trigger).
        deleteChildren = try [
            "work_institution_authors", "work_institutions",
            "work_author_countries", "work_country_pairs", "work_countries", "work_facts", "citations_by_year", "work_fields",
            "work_organizations", "authorships", "affiliations",
        ].map { try database.prepare("DELETE FROM \($0) WHERE work_id = ?") }
    }

    /// The stored records (source, source id): one per export format it was read from.
    func storedRecords(source: SourceDatabase, sourceID: String) throws -> [StoredRecord] {
        try findRecord.allRows([.text(source.rawValue), .text(sourceID)]).map { row in
            StoredRecord(id: row[0].int64 ?? 0, workID: row[1].int64 ?? 0, importID: row[2].int64 ?? 0, format: row[3].string ?? "")
        }
    }
}

extension PreparedStatement {
    /// Binds, reads every row and resets.
    func allRows(_ values: [SQLValue]) throws -> [[SQLValue]] {
        defer { reset() }
        try bind(values)
        var rows: [[SQLValue]] = []
        while try step() { rows.append((0..<columnCount).map(value(at:))) }
        return rows
    }
}

extension SQLValue {
    var int64: Int64? { int.map(Int64.init) }
}

/// The merge of a record into the works already stored (definitions §9), on the writer's connection and transaction.
extension WorkWriter {
    /// The work `work` joins, and the key it shares with it: the works that share its DOI, else its PMID; two or
    /// more such works are one paper and are fused first (a record with the DOI of one work and the PMID of
    /// another bridges them). A work found by the PMID that holds another DOI than the paper's is a different
    /// paper: it is left apart and the import warns of the conflict. Without a DOI or PMID match, a work with
    /// its title key that holds no record of the same source and no other DOI or PMID. Same-source records with
    /// the title key are listed as look-alikes.
    func mergeTarget(of work: Work, keys: MergeKeys) throws -> (workID: Int64, key: MergeKeyKind)? {
        var matched = try keys.doi.map { doi in
            mayBeStored(.doi, doi) ? try merger.findByDOI.allRows([.text(doi)]).compactMap { $0[0].int64 } : []
        } ?? []
        var key: MergeKeyKind? = matched.isEmpty ? nil : .doi
        if let pmid = keys.pmid, mayBeStored(.pmid, pmid) {
            // The paper's DOI: the record's, else that of the first work found by the PMID that has one.
            var paperDOI = keys.doi
            for id in try merger.findByPMID.allRows([.text(pmid)]).compactMap({ $0[0].int64 }) where !matched.contains(id) {
                let dois = try merger.doisOfWork.allRows([.integer(id)]).compactMap { $0[0].string }
                if paperDOI == nil, dois.count == 1 { paperDOI = dois[0] }
                if let other = dois.first(where: { $0 != paperDOI }) {
                    record(Diagnostic(file: file, line: work.line, recordID: work.sourceID, severity: .warning,
                                      message: "PMID \(pmid) is also that of work \(id), whose DOI \(other) is not the paper's"
                                          + " (\(paperDOI ?? "none")): two papers, kept apart (definitions §9)"))
                    keyConflicts += 1
                    continue
                }
                matched.append(id)
                if key == nil { key = .pmid }
            }
        }
        if let key, let first = matched.min() {
            for other in matched where other != first { try fuse(other, into: first) }
            return (first, key)
        }
        guard let title = keys.title, mayBeStored(.title, title) else { return nil }
        var target: Int64?
        // A stored record read from two formats is one look-alike, listed once.
        var seen: Set<String> = []
        for row in try merger.findByTitle.allRows([.text(title)]) {
            guard let workID = row[0].int64 else { continue }
            if row[1].string == work.source.rawValue {
                guard seen.insert(row[2].string ?? "").inserted else { continue }
                lookAlikeCount += 1
                if lookAlikes.count < Self.reportedDiagnosticsLimit {
                    lookAlikes.append(SameSourceLookAlike(source: work.source.rawValue, line: work.line, sourceID: work.sourceID,
                                                          otherSourceID: row[2].string ?? ""))
                }
                continue
            }
            if target == nil, try merger.titleCandidateAllowed.runReturningInteger([
                .integer(workID), .text(work.source.rawValue), keys.doi.sql, keys.pmid.sql,
            ]) == 1 {
                target = workID
            }
        }
        return target.map { ($0, .title) }
    }

    /// Adds `work` to the stored work `target`, which is then recomputed from all its records.
    func merge(_ work: Work, keys: MergeKeys, into target: (workID: Int64, key: MergeKeyKind)) throws {
        // The merge reads the work's rows back: on PostgreSQL, what waits for COPY is sent first.
        try copyLoad?.flush()
        try keepCopies(ofWork: target.workID)
        try linkRecord(work, keys: keys, workID: target.workID, mergedBy: target.key, copy: try Self.copy(of: work))
        try copyLoad?.flush()
        mergedByKey[target.key, default: 0] += 1
        try recompute(target.workID)
    }

    /// Removes a stored record: its work goes with it when it was the only one, else the work is recomputed
    /// from the records that remain (derived rows and kept author counts included).
    func removeRecord(_ stored: StoredRecord) throws {
        try copyLoad?.flush()
        let records = try merger.countRecords.runReturningInteger([.integer(stored.workID)]) ?? 0
        try flushAuthorCounts()
        if records <= 1 {
            try deleteWork.run([.integer(stored.workID)])
        } else {
            try keepCopies(ofWork: stored.workID)
            try merger.deleteRecord.run([.integer(stored.id)])
            try recompute(stored.workID)
        }
    }

    /// Moves the records of work `other` to `target` and removes `other` (a record showed they are one paper).
    private func fuse(_ other: Int64, into target: Int64) throws {
        try copyLoad?.flush()
        try keepCopies(ofWork: other)
        try keepCopies(ofWork: target)
        try merger.moveRecords.run([.integer(target), .integer(other)])
        try flushAuthorCounts()
        try deleteWork.run([.integer(other)])
    }

    /// Stores a copy of every record of the work that has none: a work formed by one record holds that
    /// record's values in its own rows, which a merge or a recomputation is about to overwrite.
    private func keepCopies(ofWork workID: Int64) throws {
        for row in try merger.recordsOfWork.allRows([.integer(workID)]) where row[1] == .null {
            guard let recordID = row[0].int64, let work = try WorkReader(database: database).work(id: workID) else { continue }
            try merger.storeCopy.run([.text(try Self.copy(of: work)), .integer(recordID)])
        }
    }

    /// Rewrites the work `workID` from its records by `MergePrecedence`.
    private func recompute(_ workID: Int64) throws {
        let decoder = JSONDecoder()
        let records = try merger.recordsOfWork.allRows([.integer(workID)]).map { row -> Work in
            guard let text = row[1].string else {
                throw DatabaseError(code: SQLITE_ERROR, message: "source record \(row[0].int ?? 0) of work \(workID) has no copy", sql: nil)
            }
            return try decoder.decode(Work.self, from: Data(text.utf8))
        }
        guard let composed = MergePrecedence.compose(records) else { return }
        try flushAuthorCounts()
        for statement in merger.deleteChildren { try statement.run([.integer(workID)]) }
        try bindWorksRow(composed, to: merger.updateWork)
        try merger.updateWork.bind(workID, at: 17)
        try merger.updateWork.execute()
        try writeRows(of: composed, workID: workID)
    }

    /// The stored copy of a record: JSON of the canonical model.
    static func copy(of work: Work) throws -> String {
        String(decoding: try JSONEncoder().encode(work), as: UTF8.self)
    }
}
