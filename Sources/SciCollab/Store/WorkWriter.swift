import Foundation
import CSQLite

/// Writes the works an importer reads into the store, with prepared statements reused for every row.
///
/// A work whose (source, source id) is already stored is replaced by the newer record, so a newer export
/// that overlaps an older one updates its works (citation counts, affiliations) instead of doubling them.
final class WorkWriter: KeyedRecordSink {
    let database: SQLiteDatabase
    let importID: Int64
    let file: String
    /// The format of the file (`scopus-ris`, …): a stored record of the same source, id and format is replaced,
    /// one of another format is the same record exported twice and joins its work.
    let format: String
    /// Whether records join the works they share a key with (definitions §9); false keeps every record apart.
    let merging: Bool
    /// The statements of the merge (`WorkMerger.swift`).
    let merger: MergeStatements
    /// Records that joined a work already stored, by the key they shared.
    var mergedByKey: [MergeKeyKind: Int] = [:]
    /// Works this file added (records that joined no existing work).
    var worksAdded = 0
    /// Records with the title key of another record of the same source (never merged on it): the first ones, and how many.
    var lookAlikes: [SameSourceLookAlike] = []
    var lookAlikeCount = 0
    /// Records whose PMID is that of a stored work with another DOI (kept apart from it, with a warning).
    var keyConflicts = 0
    let deleteWork, insertWork, insertSourceRecord: PreparedStatement
    private let findAuthor, insertAuthor, insertAuthorship, insertAffiliation, linkAffiliation: PreparedStatement
    private let authorIdentifiers: AuthorIdentifiers
    private let findField, insertField, linkField, insertCitationYear, insertDiagnostic: PreparedStatement
    private let insertOrganization, insertDeletion: PreparedStatement
    /// Marks a work whose authors share its affiliations (`Work.affiliationsShared`, migration 014).
    private let markAffiliationsShared: PreparedStatement
    private let insertFacts, insertWorkCountry, insertCountryPair, insertAuthorCountry: PreparedStatement
    private let insertCountryAuthor, countCountryAuthorWork, addCountryAuthorCounts: PreparedStatement
    /// New authors per country not yet added to `country_author_counts` (added by `flushAuthorCounts`).
    private var pendingAuthorCounts: [String: (authors: Int, nameKeyed: Int)] = [:]

    private(set) var recordsRead = 0
    private(set) var recordsImported = 0
    private(set) var recordsSkipped = 0
    private(set) var worksReplaced = 0
    private(set) var warnings = 0
    private(set) var recordsDeleted = 0
    /// The first diagnostics, for the report (all of them are stored).
    private(set) var diagnostics: [Diagnostic] = []
    static let reportedDiagnosticsLimit = 50
    var onProgress: ((Int) -> Void)?

    init(database: SQLiteDatabase, importID: Int64, file: String, merging: Bool = true) throws {
        self.database = database
        self.merging = merging
        merger = try MergeStatements(database: database)
        self.importID = importID
        self.file = file
        format = try database.scalar("SELECT format FROM imports WHERE id = ?", [.integer(importID)]).string ?? ""
        deleteWork = try database.prepare("DELETE FROM works WHERE id = ?")
        insertWork = try database.prepare("""
            INSERT INTO works (source, source_id, doi, pmid, title, year, doc_type, source_title, issn, eissn,
                               language, citations, source_fwci, citations_all_databases, source_percentile, issn_l)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, source_id) DO NOTHING
            """)
        insertSourceRecord = try database.prepare("""
            INSERT INTO source_records (work_id, import_id, line, source_id, source, doi_key, pmid_key, title_key, merged_by,
                                        citations, citations_all_databases, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        findAuthor = try database.prepare("SELECT id FROM authors WHERE identity_kind = ? AND identity = ?")
        authorIdentifiers = try AuthorIdentifiers(database: database)
        insertAuthor = try database.prepare("""
            INSERT INTO authors (identity_kind, identity, display_name) VALUES (?, ?, ?)
            ON CONFLICT (identity_kind, identity) DO NOTHING
            """)
        insertAuthorship = try database.prepare("""
            INSERT INTO authorships (work_id, position, author_id, name_raw, is_corresponding, orcid, researcher_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertOrganization = try database.prepare("INSERT OR REPLACE INTO work_organizations (work_id, position, name) VALUES (?, ?, ?)")
        insertDeletion = try database.prepare("INSERT OR REPLACE INTO deleted_records (source, source_id, import_id, line) VALUES (?, ?, ?, ?)")
        insertAffiliation = try database.prepare("""
            INSERT INTO affiliations (work_id, raw, institution, institution_key, institution_id, country, country_source, ror)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        linkAffiliation = try database.prepare("INSERT OR IGNORE INTO authorship_affiliations (authorship_id, affiliation_id) VALUES (?, ?)")
        findField = try database.prepare("SELECT id FROM fields WHERE scheme = ? AND code = ?")
        insertField = try database.prepare("INSERT INTO fields (scheme, code, name) VALUES (?, ?, ?)")
        linkField = try database.prepare("INSERT OR IGNORE INTO work_fields (work_id, field_id) VALUES (?, ?)")
        markAffiliationsShared = try database.prepare("UPDATE works SET affiliations_shared = 1 WHERE id = ?")
        insertCitationYear = try database.prepare("INSERT OR REPLACE INTO citations_by_year (work_id, year, citations) VALUES (?, ?, ?)")
        insertFacts = try database.prepare("""
            INSERT INTO work_facts (work_id, year, citations, authors, resolved_authorships, countries, countries_merged,
                                    institutions, collaboration, collaboration_merged)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertWorkCountry = try database.prepare("""
            INSERT INTO work_countries (work_id, country, weight, is_lead, year, countries, citations) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertCountryPair = try database.prepare("""
            INSERT INTO work_country_pairs (work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAuthorCountry = try database.prepare("""
            INSERT OR IGNORE INTO work_author_countries (work_id, country, author_id, year, name_key) VALUES (?, ?, ?, ?, ?)
            """)
        insertCountryAuthor = try database.prepare("""
            INSERT OR IGNORE INTO country_authors (country, author_id, name_key, works) VALUES (?, ?, ?, 1)
            """)
        countCountryAuthorWork = try database.prepare("UPDATE country_authors SET works = works + 1 WHERE country = ? AND author_id = ?")
        addCountryAuthorCounts = try database.prepare("""
            INSERT INTO country_author_counts (country, authors, name_keyed) VALUES (?, ?, ?)
            ON CONFLICT (country) DO UPDATE SET authors = authors + excluded.authors, name_keyed = name_keyed + excluded.name_keyed
            """)
        insertDiagnostic = try database.prepare("""
            INSERT INTO diagnostics (import_id, file, line, record_id, severity, message) VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    func accept(_ work: Work) throws {
        try accept(work, keys: MergeKeys(work))
    }

    func accept(_ work: Work, keys: MergeKeys) throws {
        recordsRead += 1
        // A record stored before from an export of the same format (the same EID in two overlapping exports) is
        // replaced by the newer one; from an export of another format (RIS and BibTeX), it is the same record
        // twice: both stay, as two source records of one work, whether merging is on or not.
        var stored = try merger.storedRecords(source: work.source, sourceID: work.sourceID)
        if let older = stored.first(where: { $0.format == format }) {
            if older.importID == importID {
                record(Diagnostic(file: file, line: work.line, recordID: work.sourceID, severity: .warning,
                                  message: "the record appears again in this file; the later one is kept"))
            } else {
                worksReplaced += 1
            }
            try removeRecord(older)
            stored = try merger.storedRecords(source: work.source, sourceID: work.sourceID)
        }
        if let twin = stored.first {
            try merge(work, keys: keys, into: (twin.workID, .sourceID))
        } else if merging, let target = try mergeTarget(of: work, keys: keys) {
            try merge(work, keys: keys, into: target)
        } else {
            try insertWork.run(worksRow(work))
            guard database.changes == 1 else {
                throw DatabaseError(code: SQLITE_ERROR, message: "work \(work.sourceID) is stored without its source record", sql: nil)
            }
            let workID = database.lastInsertedRowID
            try linkRecord(work, keys: keys, workID: workID, mergedBy: nil, copy: nil)
            try writeRows(of: work, workID: workID)
            worksAdded += 1
        }
        recordsImported += 1
        if recordsImported % 10_000 == 0 { onProgress?(recordsImported) }
    }

    /// The values of the `works` row of `work`, in the order of `insertWork` and `updateWork`.
    func worksRow(_ work: Work) -> [SQLValue] {
        [
            .text(work.source.rawValue), .text(work.sourceID), work.doi.sql, work.pmid.sql, work.title.sql,
            work.year.sql, work.documentType.sql, work.sourceTitle.sql, work.issn.sql, work.eissn.sql,
            work.language.sql, work.citations.sql, work.sourceFWCI.map { .real($0) } ?? .null,
            work.citationsAllDatabases.sql, work.sourcePercentile.map { .real($0) } ?? .null, work.issnL.sql,
        ]
    }

    /// Links a record to its work with its keys, counts and (for a work of several records) a copy of it.
    func linkRecord(_ work: Work, keys: MergeKeys, workID: Int64, mergedBy: MergeKeyKind?, copy: String?) throws {
        try insertSourceRecord.run([
            .integer(workID), .integer(importID), .integer(Int64(work.line)), .text(work.sourceID), .text(work.source.rawValue),
            keys.doi.sql, keys.pmid.sql, keys.title.sql, mergedBy.map { .text($0.rawValue) } ?? .null,
            work.citations.sql, work.citationsAllDatabases.sql, copy.sql,
        ])
    }

    /// Every row of the work `workID` but the `works` row itself: affiliations, authorships, fields,
    /// organisations, citations per year and the derived rows.
    func writeRows(of work: Work, workID: Int64) throws {
        if work.affiliationsShared { try markAffiliationsShared.run([.integer(workID)]) }
        var affiliationIDs: [Int64] = []
        affiliationIDs.reserveCapacity(work.affiliations.count)
        for affiliation in work.affiliations {
            try insertAffiliation.run([
                .integer(workID), .text(affiliation.raw), affiliation.institution.sql, affiliation.institutionKey.sql,
                affiliation.institutionID.sql, affiliation.country.sql,
                affiliation.country == nil ? .null : .text(affiliation.countrySource.rawValue),
                affiliation.ror.sql,
            ])
            affiliationIDs.append(database.lastInsertedRowID)
        }
        var authorIDs: [Int64] = []
        authorIDs.reserveCapacity(work.authorships.count)
        for authorship in work.authorships {
            let authorID = try author(authorship)
            authorIDs.append(authorID)
            try insertAuthorship.run([
                .integer(workID), .integer(Int64(authorship.position)), .integer(authorID), .text(authorship.name),
                .integer(authorship.isCorresponding ? 1 : 0), authorship.orcid.sql, authorship.researcherID.sql,
            ])
            let authorshipID = database.lastInsertedRowID
            for index in authorship.affiliationIndices where affiliationIDs.indices.contains(index) {
                try linkAffiliation.run([.integer(authorshipID), .integer(affiliationIDs[index])])
            }
        }
        for field in work.fields {
            let fieldID: Int64
            let key = FieldKey(scheme: field.scheme, code: field.code)
            if let known = fieldIDs[key] {
                fieldID = known
            } else if let existing = try findField.runReturningInteger([.text(field.scheme), .text(field.code)]) {
                fieldID = existing
            } else {
                try insertField.run([.text(field.scheme), .text(field.code), field.name.sql])
                fieldID = database.lastInsertedRowID
            }
            if fieldIDs.count < Self.fieldCacheCapacity { fieldIDs[key] = fieldID }
            try linkField.run([.integer(workID), .integer(fieldID)])
        }
        for (offset, name) in work.organizations.enumerated() {
            try insertOrganization.run([.integer(workID), .integer(Int64(offset + 1)), .text(name)])
        }
        for (year, count) in work.citationsByYear {
            try insertCitationYear.run([.integer(workID), .integer(Int64(year)), .integer(Int64(count))])
        }
        try writeDerivedRows(of: work, workID: workID, authorIDs: authorIDs)
    }

    /// The work's rows in the derived tables of `Schemas/003_derived.sql` (definitions §3–§4).
    private func writeDerivedRows(of work: Work, workID: Int64, authorIDs: [Int64]) throws {
        let derived = DerivedRows(work)
        let countries = derived.countries.count
        try insertFacts.run([
            .integer(workID), work.year.sql, work.citations.sql, .integer(Int64(derived.authors)),
            .integer(Int64(derived.resolvedAuthorships)), .integer(Int64(countries)),
            .integer(Int64(derived.countriesMerged)), .integer(Int64(derived.institutions)),
            derived.collaboration(countries: countries).sql, derived.collaboration(countries: derived.countriesMerged).sql,
        ])
        for row in derived.countries {
            try insertWorkCountry.run([
                .integer(workID), .text(row.country), .real(row.weight), .integer(row.isLead ? 1 : 0), work.year.sql,
                .integer(Int64(countries)), work.citations.sql,
            ])
        }
        if countries >= 2 {
            let link = 1.0 / Double(countries - 1)
            for (offset, a) in derived.countries.enumerated() {
                for b in derived.countries[(offset + 1)...] {
                    try insertCountryPair.run([
                        .integer(workID), .text(a.country), .text(b.country), work.year.sql, .real(link), .real(a.weight),
                        .real(b.weight), .integer(a.isLead ? 1 : 0), .integer(b.isLead ? 1 : 0), work.citations.sql,
                    ])
                }
            }
        }
        for row in derived.authorCountries {
            let nameKey = work.authorships[row.authorship].identity.kind == .nameKey ? 1 : 0
            let authorID = authorIDs[row.authorship]
            try insertAuthorCountry.run([.integer(workID), .text(row.country), .integer(authorID), work.year.sql, .integer(Int64(nameKey))])
            guard database.changes == 1 else { continue }
            // country_authors and its counts follow (definitions §4 Authors(X) over all years; Schemas/006).
            try insertCountryAuthor.run([.text(row.country), .integer(authorID), .integer(Int64(nameKey))])
            if database.changes == 1 {
                pendingAuthorCounts[row.country, default: (0, 0)].authors += 1
                pendingAuthorCounts[row.country, default: (0, 0)].nameKeyed += nameKey
            } else {
                try countCountryAuthorWork.run([.text(row.country), .integer(authorID)])
            }
        }
    }

    /// Adds the new authors per country to `country_author_counts`: before a work is removed (whose trigger
    /// takes its authors off those counts) and at the end of the file.
    func flushAuthorCounts() throws {
        for (country, counts) in pendingAuthorCounts {
            try addCountryAuthorCounts.run([.text(country), .integer(Int64(counts.authors)), .integer(Int64(counts.nameKeyed))])
        }
        pendingAuthorCounts.removeAll(keepingCapacity: true)
    }

    func skip(_ diagnostic: Diagnostic) {
        recordsRead += 1
        recordsSkipped += 1
        record(diagnostic)
    }

    func warn(_ diagnostic: Diagnostic) {
        record(diagnostic)
    }

    func delete(source: SourceDatabase, sourceID: String, line: Int) throws {
        recordsDeleted += 1
        // Every stored copy of the record goes (the PubMed XML and the MEDLINE text of one PMID alike).
        while let stored = try merger.storedRecords(source: source, sourceID: sourceID).first { try removeRecord(stored) }
        try insertDeletion.run([.text(source.rawValue), .text(sourceID), .integer(importID), .integer(Int64(line))])
    }

    /// Stores a diagnostic; the first few are kept for the report.
    func record(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .warning { warnings += 1 }
        if diagnostics.count < Self.reportedDiagnosticsLimit { diagnostics.append(diagnostic) }
        // A diagnostic that cannot be stored must not stop the import; the report still carries it.
        try? insertDiagnostic.run([
            .integer(importID), .text(diagnostic.file), diagnostic.line.sql, diagnostic.recordID.sql,
            .text(diagnostic.severity.rawValue), .text(diagnostic.message),
        ])
    }

    /// Author ids seen during this import; bounded, so memory stays flat. Authors are never deleted while
    /// a file is imported, so a remembered id stays valid.
    private var authorIDs: [AuthorIdentity: Int64] = [:]
    /// Field ids seen during this import (fields are never deleted); bounded like the author ids.
    private struct FieldKey: Hashable {
        var scheme: String
        var code: String
    }
    private var fieldIDs: [FieldKey: Int64] = [:]
    static let authorCacheCapacity = 50_000
    static let fieldCacheCapacity = 20_000

    private func author(_ authorship: Authorship) throws -> Int64 {
        if let known = authorIDs[authorship.identity] { return known }
        // An author already seen under any identifier of this authorship (definitions §1) is that author.
        let identifiers = AuthorIdentifiers.identifiers(of: authorship)
        let id: Int64
        if let known = try authorIdentifiers.author(of: identifiers) {
            id = known
        } else {
            let key: [SQLValue] = [.text(authorship.identity.kind.rawValue), .text(authorship.identity.value)]
            // A new author is inserted in one statement; a known one (not in the cache) is looked up.
            try insertAuthor.run(key + [.text(authorship.name)])
            let inserted: Int64? = database.changes == 1 ? database.lastInsertedRowID : nil
            guard let found = try inserted ?? findAuthor.runReturningInteger(key) else {
                throw DatabaseError(code: SQLITE_ERROR, message: "author \(authorship.identity.value) neither inserted nor found", sql: nil)
            }
            id = found
        }
        try authorIdentifiers.register(identifiers, author: id)
        if authorIDs.count >= Self.authorCacheCapacity { authorIDs.removeAll(keepingCapacity: true) }
        authorIDs[authorship.identity] = id
        return id
    }
}

extension Optional where Wrapped == String {
    var sql: SQLValue { map { .text($0) } ?? .null }
}

extension Optional where Wrapped == Int {
    var sql: SQLValue { map { .integer(Int64($0)) } ?? .null }
}
