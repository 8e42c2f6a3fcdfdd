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
    private let insertAuthor, insertAuthorship, insertAffiliation, linkAffiliation: PreparedStatement
    private let authorIdentifiers: AuthorIdentifiers
    private let findField, insertField, linkField, insertCitationYear, insertDiagnostic: PreparedStatement
    private let insertOrganization, insertDeletion: PreparedStatement
    /// Marks a work whose authors share its affiliations (`Work.affiliationsShared`, migration 014).
    private let markAffiliationsShared: PreparedStatement
    private let insertFacts, insertWorkCountry, insertCountryPair, insertAuthorCountry: PreparedStatement
    private let insertCountryAuthor, countCountryAuthorWork, addCountryAuthorCounts: PreparedStatement
    private let insertWorkInstitution, insertAuthorInstitution: PreparedStatement
    /// New authors per country not yet added to `country_author_counts` (added by `flushAuthorCounts`).
    private var pendingAuthorCounts: [String: (authors: Int, nameKeyed: Int)] = [:]
    /// On PostgreSQL, the rows waiting for `COPY` and the ids the writer assigns (nil on SQLite).
    let copyLoad: CopyLoad?
    /// On a bulk load into SQLite, the kept author counts added per flush instead of per row (nil otherwise).
    private let deferredAuthorCounts: DeferredAuthorCounts?

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

    /// - Parameter defersAuthorCounts: whether the kept author counts follow the rows once per flush
    ///   (`DeferredAuthorCounts`, a bulk load into SQLite) rather than row by row.
    init(database: SQLiteDatabase, importID: Int64, file: String, merging: Bool = true, defersAuthorCounts: Bool = false) throws {
        self.database = database
        self.merging = merging
        merger = try MergeStatements(database: database)
        self.importID = importID
        self.file = file
        format = try database.scalar("SELECT format FROM imports WHERE id = ?", [.integer(importID)]).string ?? ""
        let copyLoad = database.engine == .postgresql ? try CopyLoad(database: database) : nil
        self.copyLoad = copyLoad
        deferredAuthorCounts = defersAuthorCounts && copyLoad == nil ? try DeferredAuthorCounts(database: database) : nil
        // The inserts of new rows: on PostgreSQL their rows go with COPY, tables before those that refer to them.
        func bulk(_ sql: String) throws -> PreparedStatement { try database.prepare(sql, copyingInto: copyLoad?.rows) }
        deleteWork = try database.prepare("DELETE FROM works WHERE id = ?")
        // An id left NULL is SQLite's next rowid; on PostgreSQL the writer assigns it (`CopyLoad`).
        insertWork = try bulk("""
            INSERT INTO works (id, source, source_id, doi, pmid, title, year, doc_type, source_title, issn, eissn,
                               language, citations, source_fwci, citations_all_databases, source_percentile, issn_l,
                               affiliations_shared)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, source_id) DO NOTHING
            """)
        insertSourceRecord = try bulk("""
            INSERT INTO source_records (work_id, import_id, line, source_id, source, doi_key, pmid_key, title_key, merged_by,
                                        citations, citations_all_databases, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAuthor = try bulk("""
            INSERT INTO authors (id, identity_kind, identity, display_name) VALUES (?, ?, ?, ?)
            ON CONFLICT (identity_kind, identity) DO NOTHING
            """)
        authorIdentifiers = try AuthorIdentifiers(database: database, copyingInto: copyLoad?.rows)
        insertAffiliation = try bulk("""
            INSERT INTO affiliations (id, work_id, raw, institution, institution_key, institution_id, country, country_source, ror)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAuthorship = try bulk("""
            INSERT INTO authorships (id, work_id, position, author_id, name_raw, is_corresponding, orcid, researcher_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        linkAffiliation = try bulk("INSERT OR IGNORE INTO authorship_affiliations (authorship_id, affiliation_id) VALUES (?, ?)")
        insertOrganization = try bulk("""
            INSERT INTO work_organizations (work_id, position, name) VALUES (?, ?, ?)
            ON CONFLICT (work_id, position) DO UPDATE SET name = excluded.name
            """)
        insertDeletion = try database.prepare("""
            INSERT INTO deleted_records (source, source_id, import_id, line) VALUES (?, ?, ?, ?)
            ON CONFLICT (source, source_id) DO UPDATE SET import_id = excluded.import_id, line = excluded.line
            """)
        findField = try database.prepare("SELECT id FROM fields WHERE scheme = ? AND code = ?")
        insertField = try database.prepare("INSERT INTO fields (scheme, code, name) VALUES (?, ?, ?)")
        linkField = try bulk("INSERT OR IGNORE INTO work_fields (work_id, field_id) VALUES (?, ?)")
        markAffiliationsShared = try database.prepare("UPDATE works SET affiliations_shared = 1 WHERE id = ?")
        insertCitationYear = try bulk("""
            INSERT INTO citations_by_year (work_id, year, citations) VALUES (?, ?, ?)
            ON CONFLICT (work_id, year) DO UPDATE SET citations = excluded.citations
            """)
        insertFacts = try bulk("""
            INSERT INTO work_facts (work_id, year, citations, authors, resolved_authorships, countries, countries_merged,
                                    institutions, collaboration, collaboration_merged)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertWorkCountry = try bulk("""
            INSERT INTO work_countries (work_id, country, weight, is_lead, year, countries, citations) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertCountryPair = try bulk("""
            INSERT INTO work_country_pairs (work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertWorkInstitution = try bulk("""
            INSERT INTO work_institutions (work_id, institution, weight, is_lead, year, countries, citations, institutions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAuthorInstitution = try bulk("""
            INSERT INTO work_institution_authors (work_id, institution, author_id, year, name_key) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        insertAuthorCountry = try bulk("""
            INSERT OR IGNORE INTO work_author_countries (work_id, country, author_id, year, name_key) VALUES (?, ?, ?, ?, ?)
            """)
        insertCountryAuthor = try database.prepare("""
            INSERT OR IGNORE INTO country_authors (country, author_id, name_key, works) VALUES (?, ?, ?, 1)
            """)
        countCountryAuthorWork = try database.prepare("UPDATE country_authors SET works = works + 1 WHERE country = ? AND author_id = ?")
        addCountryAuthorCounts = try database.prepare("""
            INSERT INTO country_author_counts (country, authors, name_keyed) VALUES (?, ?, ?)
            ON CONFLICT (country) DO UPDATE SET authors = country_author_counts.authors + excluded.authors,
                name_keyed = country_author_counts.name_keyed + excluded.name_keyed
            """)
        insertDiagnostic = try bulk("""
            INSERT INTO diagnostics (import_id, file, line, record_id, severity, message) VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    func accept(_ work: Work) throws {
        try accept(work, keys: MergeKeys(work))
    }

    func accept(_ work: Work, keys: MergeKeys) throws {
        try accept(work, keys: keys, derived: nil)
    }

    func accept(_ work: Work, keys: MergeKeys, derived: DerivedRows) throws {
        try accept(work, keys: keys, derived: .some(derived))
    }

    /// Stores one record: as a work of its own (with `derived`, its derived rows when computed already), or merged
    /// into the stored work it shares a key with.
    private func accept(_ work: Work, keys: MergeKeys, derived: DerivedRows?) throws {
        recordsRead += 1
        // A probe must see every row written before: rows that share a key with this record are sent first.
        if let copyLoad, copyLoad.holdsKeys(of: work, keys) { try copyLoad.flush() }
        // A record stored before from an export of the same format (the same EID in two overlapping exports) is
        // replaced by the newer one; from an export of another format (RIS and BibTeX), it is the same record
        // twice: both stay, as two source records of one work, whether merging is on or not.
        var stored = mayBeStored(.sourceRecord, work.source.rawValue, work.sourceID)
            ? try merger.storedRecords(source: work.source, sourceID: work.sourceID) : []
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
            let assignedID = copyLoad?.nextID("works")
            try insertWork.bind(assignedID, at: 1)
            try bindWorksRow(work, to: insertWork, from: 2)
            try insertWork.bind(work.affiliationsShared, at: 18)
            try insertWork.execute()
            guard database.changes == 1 else {
                throw DatabaseError(code: SQLITE_ERROR, message: "work \(work.sourceID) is stored without its source record", sql: nil)
            }
            let workID = assignedID ?? database.lastInsertedRowID
            try linkRecord(work, keys: keys, workID: workID, mergedBy: nil, copy: nil)
            try writeRows(of: work, workID: workID, isNew: true, derived: derived)
            worksAdded += 1
        }
        if let copyLoad, copyLoad.rows.byteCount > CopyLoad.flushBytes { try copyLoad.flush() }
        recordsImported += 1
        if recordsImported % 10_000 == 0 { onProgress?(recordsImported) }
    }

    /// Binds the values of the `works` row of `work` to 16 parameters of `statement` from `first` on (`insertWork`,
    /// `updateWork`).
    func bindWorksRow(_ work: Work, to statement: PreparedStatement, from first: Int32 = 1) throws {
        let p = first - 1
        try statement.bind(work.source.rawValue, at: p + 1)
        try statement.bind(work.sourceID, at: p + 2)
        try statement.bind(work.doi, at: p + 3)
        try statement.bind(work.pmid, at: p + 4)
        try statement.bind(work.title, at: p + 5)
        try statement.bind(work.year, at: p + 6)
        try statement.bind(work.documentType, at: p + 7)
        try statement.bind(work.sourceTitle, at: p + 8)
        try statement.bind(work.issn, at: p + 9)
        try statement.bind(work.eissn, at: p + 10)
        try statement.bind(work.language, at: p + 11)
        try statement.bind(work.citations, at: p + 12)
        try statement.bind(work.sourceFWCI, at: p + 13)
        try statement.bind(work.citationsAllDatabases, at: p + 14)
        try statement.bind(work.sourcePercentile, at: p + 15)
        try statement.bind(work.issnL, at: p + 16)
    }

    /// Links a record to its work with its keys, counts and (for a work of several records) a copy of it.
    func linkRecord(_ work: Work, keys: MergeKeys, workID: Int64, mergedBy: MergeKeyKind?, copy: String?) throws {
        let statement = insertSourceRecord
        try statement.bind(workID, at: 1)
        try statement.bind(importID, at: 2)
        try statement.bind(work.line, at: 3)
        try statement.bind(work.sourceID, at: 4)
        try statement.bind(work.source.rawValue, at: 5)
        try statement.bind(keys.doi, at: 6)
        try statement.bind(keys.pmid, at: 7)
        try statement.bind(keys.title, at: 8)
        try statement.bind(mergedBy?.rawValue, at: 9)
        try statement.bind(work.citations, at: 10)
        try statement.bind(work.citationsAllDatabases, at: 11)
        try statement.bind(copy, at: 12)
        try statement.execute()
        copyLoad?.noteSourceRecord(of: work, keys)
    }

    /// Every row of the work `workID` but the `works` row itself: affiliations, authorships, fields,
    /// organisations, citations per year and the derived rows (`derived`, or computed here). A new work (`isNew`) has
    /// its `affiliations_shared` in its `works` row already.
    func writeRows(of work: Work, workID: Int64, isNew: Bool = false, derived: DerivedRows? = nil) throws {
        if work.affiliationsShared, !isNew { try markAffiliationsShared.run([.integer(workID)]) }
        var affiliationIDs: [Int64] = []
        affiliationIDs.reserveCapacity(work.affiliations.count)
        for affiliation in work.affiliations {
            let assignedID = copyLoad?.nextID("affiliations")
            try insertAffiliation.bind(assignedID, at: 1)
            try insertAffiliation.bind(workID, at: 2)
            try insertAffiliation.bind(affiliation.raw, at: 3)
            try insertAffiliation.bind(affiliation.institution, at: 4)
            try insertAffiliation.bind(affiliation.institutionKey, at: 5)
            try insertAffiliation.bind(affiliation.institutionID, at: 6)
            try insertAffiliation.bind(affiliation.country, at: 7)
            try insertAffiliation.bind(affiliation.country == nil ? nil : affiliation.countrySource.rawValue, at: 8)
            try insertAffiliation.bind(affiliation.ror, at: 9)
            try insertAffiliation.execute()
            affiliationIDs.append(assignedID ?? database.lastInsertedRowID)
        }
        var authorIDs: [Int64] = []
        authorIDs.reserveCapacity(work.authorships.count)
        for authorship in work.authorships {
            let authorID = try author(authorship)
            authorIDs.append(authorID)
            let assignedID = copyLoad?.nextID("authorships")
            try insertAuthorship.bind(assignedID, at: 1)
            try insertAuthorship.bind(workID, at: 2)
            try insertAuthorship.bind(authorship.position, at: 3)
            try insertAuthorship.bind(authorID, at: 4)
            try insertAuthorship.bind(authorship.name, at: 5)
            try insertAuthorship.bind(authorship.isCorresponding, at: 6)
            try insertAuthorship.bind(authorship.orcid, at: 7)
            try insertAuthorship.bind(authorship.researcherID, at: 8)
            try insertAuthorship.execute()
            let authorshipID = assignedID ?? database.lastInsertedRowID
            for index in authorship.affiliationIndices where affiliationIDs.indices.contains(index) {
                try linkAffiliation.bind(authorshipID, at: 1)
                try linkAffiliation.bind(affiliationIDs[index], at: 2)
                try linkAffiliation.execute()
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
            try linkField.bind(workID, at: 1)
            try linkField.bind(fieldID, at: 2)
            try linkField.execute()
        }
        for (offset, name) in work.organizations.enumerated() {
            try insertOrganization.bind(workID, at: 1)
            try insertOrganization.bind(offset + 1, at: 2)
            try insertOrganization.bind(name, at: 3)
            try insertOrganization.execute()
        }
        for (year, count) in work.citationsByYear {
            try insertCitationYear.bind(workID, at: 1)
            try insertCitationYear.bind(year, at: 2)
            try insertCitationYear.bind(count, at: 3)
            try insertCitationYear.execute()
        }
        try writeDerivedRows(derived ?? DerivedRows(work), of: work, workID: workID, authorIDs: authorIDs)
    }

    /// The work's rows in the derived tables of `Schemas/003_derived.sql` (definitions §3–§4).
    private func writeDerivedRows(_ derived: DerivedRows, of work: Work, workID: Int64, authorIDs: [Int64]) throws {
        let countries = derived.countries.count
        try insertFacts.bind(workID, at: 1)
        try insertFacts.bind(work.year, at: 2)
        try insertFacts.bind(work.citations, at: 3)
        try insertFacts.bind(derived.authors, at: 4)
        try insertFacts.bind(derived.resolvedAuthorships, at: 5)
        try insertFacts.bind(countries, at: 6)
        try insertFacts.bind(derived.countriesMerged, at: 7)
        try insertFacts.bind(derived.institutions, at: 8)
        try insertFacts.bind(derived.collaboration(countries: countries), at: 9)
        try insertFacts.bind(derived.collaboration(countries: derived.countriesMerged), at: 10)
        try insertFacts.execute()
        for row in derived.countries {
            try insertWorkCountry.bind(workID, at: 1)
            try insertWorkCountry.bind(row.country, at: 2)
            try insertWorkCountry.bind(row.weight, at: 3)
            try insertWorkCountry.bind(row.isLead, at: 4)
            try insertWorkCountry.bind(work.year, at: 5)
            try insertWorkCountry.bind(countries, at: 6)
            try insertWorkCountry.bind(work.citations, at: 7)
            try insertWorkCountry.execute()
        }
        if countries >= 2 {
            let link = 1.0 / Double(countries - 1)
            for (offset, a) in derived.countries.enumerated() {
                for b in derived.countries[(offset + 1)...] {
                    try insertCountryPair.bind(workID, at: 1)
                    try insertCountryPair.bind(a.country, at: 2)
                    try insertCountryPair.bind(b.country, at: 3)
                    try insertCountryPair.bind(work.year, at: 4)
                    try insertCountryPair.bind(link, at: 5)
                    try insertCountryPair.bind(a.weight, at: 6)
                    try insertCountryPair.bind(b.weight, at: 7)
                    try insertCountryPair.bind(a.isLead, at: 8)
                    try insertCountryPair.bind(b.isLead, at: 9)
                    try insertCountryPair.bind(work.citations, at: 10)
                    try insertCountryPair.execute()
                }
            }
        }
        try writeInstitutionRows(derived, of: work, workID: workID, authorIDs: authorIDs)
        if !derived.authorCountries.isEmpty {
            copyLoad?.noteAuthorCountries(ofWork: workID)
            deferredAuthorCounts?.note(workID)
        }
        for row in derived.authorCountries {
            let nameKey = work.authorships[row.authorship].identity.kind == .nameKey ? 1 : 0
            let authorID = authorIDs[row.authorship]
            try insertAuthorCountry.bind(workID, at: 1)
            try insertAuthorCountry.bind(row.country, at: 2)
            try insertAuthorCountry.bind(authorID, at: 3)
            try insertAuthorCountry.bind(work.year, at: 4)
            try insertAuthorCountry.bind(nameKey, at: 5)
            try insertAuthorCountry.execute()
            // On PostgreSQL the kept counts follow the rows when they are sent (`CopyLoad.flush()`), on a bulk load
            // into SQLite at each flush (`DeferredAuthorCounts`).
            guard copyLoad == nil, deferredAuthorCounts == nil, database.changes == 1 else { continue }
            // country_authors and its counts follow (definitions §4 Authors(X) over all years; Schemas/006).
            try insertCountryAuthor.bind(row.country, at: 1)
            try insertCountryAuthor.bind(authorID, at: 2)
            try insertCountryAuthor.bind(nameKey, at: 3)
            try insertCountryAuthor.execute()
            if database.changes == 1 {
                pendingAuthorCounts[row.country, default: (0, 0)].authors += 1
                pendingAuthorCounts[row.country, default: (0, 0)].nameKeyed += nameKey
            } else {
                try countCountryAuthorWork.bind(row.country, at: 1)
                try countCountryAuthorWork.bind(authorID, at: 2)
                try countCountryAuthorWork.execute()
            }
        }
    }

    /// The work's rows in `work_institutions` and `work_institution_authors` (`Schemas/012_institutions.sql`).
    private func writeInstitutionRows(_ derived: DerivedRows, of work: Work, workID: Int64, authorIDs: [Int64]) throws {
        for row in derived.institutionRows {
            try insertWorkInstitution.bind(workID, at: 1)
            try insertWorkInstitution.bind(row.institution, at: 2)
            try insertWorkInstitution.bind(row.weight, at: 3)
            try insertWorkInstitution.bind(row.isLead, at: 4)
            try insertWorkInstitution.bind(work.year, at: 5)
            try insertWorkInstitution.bind(derived.countries.count, at: 6)
            try insertWorkInstitution.bind(work.citations, at: 7)
            try insertWorkInstitution.bind(derived.institutions, at: 8)
            try insertWorkInstitution.execute()
        }
        for row in derived.authorInstitutions {
            try insertAuthorInstitution.bind(workID, at: 1)
            try insertAuthorInstitution.bind(row.institution, at: 2)
            try insertAuthorInstitution.bind(authorIDs[row.authorship], at: 3)
            try insertAuthorInstitution.bind(work.year, at: 4)
            try insertAuthorInstitution.bind(work.authorships[row.authorship].identity.kind == .nameKey ? 1 : 0, at: 5)
            try insertAuthorInstitution.execute()
        }
    }

    /// Adds the new authors per country to `country_author_counts`: before a work is removed (whose trigger
    /// takes its authors off those counts) and at the end of the file.
    func flushAuthorCounts() throws {
        try deferredAuthorCounts?.flush()
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
        try copyLoad?.flush()
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
        let identity = (kind: authorship.identity.kind.rawValue, value: authorship.identity.value)
        let identifiers = AuthorIdentifiers.identifiers(of: authorship)
        if let copyLoad { return try copiedAuthor(authorship, identity: identity, identifiers: identifiers, copyLoad: copyLoad) }
        let lookup = try authorIdentifiers.lookup(identifiers, inserting: identity)
        let id: Int64
        if let known = lookup.author {
            id = known
        } else {
            // A new author is inserted in one statement; a known one (not in the cache) is looked up.
            try insertAuthor.bind(nil as Int64?, at: 1)
            try insertAuthor.bind(identity.kind, at: 2)
            try insertAuthor.bind(identity.value, at: 3)
            try insertAuthor.bind(authorship.name, at: 4)
            try insertAuthor.execute()
            let inserted: Int64? = database.changes == 1 ? database.lastInsertedRowID : nil
            guard let found = try inserted ?? authorIdentifiers.author(withIdentity: identity) else {
                throw DatabaseError(code: SQLITE_ERROR, message: "author \(authorship.identity.value) neither inserted nor found", sql: nil)
            }
            id = found
        }
        // The identity of an author just inserted is its row of authors; the other new identifiers are listed.
        if !lookup.unknown.isEmpty {
            try authorIdentifiers.register(lookup.unknown, author: id, except: lookup.author == nil ? identity : nil)
        }
        remember(id, for: authorship)
        return id
    }

    /// Whether a probe of the store for a key can find something (always on SQLite; see `CopyLoad.mayBeStored`).
    func mayBeStored(_ kind: CopyLoad.ProbeKind, _ key: String) -> Bool {
        copyLoad?.mayBeStored(kind, key) ?? true
    }

    func mayBeStored(_ kind: CopyLoad.ProbeKind, _ first: String, _ second: String) -> Bool {
        copyLoad?.mayBeStored(kind, first, second) ?? true
    }

    /// Before a batch of records: on PostgreSQL, which of their keys the store holds (`CopyLoad.prefetch`).
    func willAccept(_ batch: [(work: Work, keys: MergeKeys)]) throws {
        try copyLoad?.prefetch(batch)
    }

    private func remember(_ author: Int64, for authorship: Authorship) {
        if authorIDs.count >= Self.authorCacheCapacity { authorIDs.removeAll(keepingCapacity: true) }
        authorIDs[authorship.identity] = author
    }

    /// `author(_:)` on PostgreSQL: the author of an identifier that waits for `COPY` is found after the rows are sent;
    /// a new author gets its id here, and its row and identifiers wait with the others.
    private func copiedAuthor(_ authorship: Authorship, identity: AuthorIdentifiers.Identifier,
                              identifiers: [AuthorIdentifiers.Identifier], copyLoad: CopyLoad) throws -> Int64 {
        if copyLoad.holdsAuthor([identity] + identifiers) { try copyLoad.flush() }
        let lookup = try authorIdentifiers.lookup(identifiers) { table, identifier in
            copyLoad.mayBeStored(table == .listed ? .authorIdentifier : .authorIdentity, identifier.kind, identifier.value)
        }
        var id = lookup.author
        // A name key is no identifier of `author_identifiers`: only an author's own identity.
        if id == nil, authorship.identity.kind == .nameKey, copyLoad.mayBeStored(.authorIdentity, identity.kind, identity.value) {
            id = try authorIdentifiers.author(withIdentity: identity)
        }
        let isNew = id == nil
        let author = id ?? copyLoad.nextID("authors")
        if isNew {
            try insertAuthor.bind(author, at: 1)
            try insertAuthor.bind(identity.kind, at: 2)
            try insertAuthor.bind(identity.value, at: 3)
            try insertAuthor.bind(authorship.name, at: 4)
            try insertAuthor.execute()
            copyLoad.noteAuthor([identity], asIdentity: true)
        }
        if !lookup.unknown.isEmpty {
            try authorIdentifiers.register(lookup.unknown, author: author, except: isNew ? identity : nil)
            copyLoad.noteAuthor(lookup.unknown, asIdentity: false)
        }
        remember(author, for: authorship)
        return author
    }
}

extension Optional where Wrapped == String {
    var sql: SQLValue { map { .text($0) } ?? .null }
}

extension Optional where Wrapped == Int {
    var sql: SQLValue { map { .integer(Int64($0)) } ?? .null }
}
