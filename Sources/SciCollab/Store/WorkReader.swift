import Foundation

extension Store {
    /// The stored work `id` read back into the canonical model: its values, affiliations, authorships (in
    /// byline order, each with its affiliations), fields, organisations and citations per year, with the line
    /// of its first source record. nil when there is no such work.
    ///
    /// A work formed by one record holds that record's values, so this gives the record back (what the merge
    /// keeps of it once a second record joins the work).
    public func storedWork(id: Int64) throws -> Work? {
        try WorkReader(database: database).work(id: id)
    }
}

/// Reads a stored work back into a `Work` value.
struct WorkReader {
    let database: SQLiteDatabase

    func work(id: Int64) throws -> Work? {
        guard let row = try database.rows("""
            SELECT w.source, w.source_id, w.doi, w.pmid, w.title, w.year, w.doc_type, w.source_title, w.issn, w.eissn,
                   w.language, w.citations, w.source_fwci, w.citations_all_databases, w.source_percentile, w.issn_l,
                   (SELECT min(sr.line) FROM source_records sr WHERE sr.work_id = w.id), w.affiliations_shared
            FROM works w WHERE w.id = ?
            """, [.integer(id)]).first,
              let source = row[0].string.flatMap(SourceDatabase.init(rawValue:)) else { return nil }
        var work = Work(source: source, sourceID: row[1].string ?? "", line: row[16].int ?? 1, doi: row[2].string, pmid: row[3].string,
                        title: row[4].string, year: row[5].int, documentType: row[6].string, sourceTitle: row[7].string,
                        issn: row[8].string, eissn: row[9].string, language: row[10].string, citations: row[11].int,
                        sourceFWCI: row[12].double)
        work.citationsAllDatabases = row[13].int
        work.sourcePercentile = row[14].double
        work.issnL = row[15].string
        work.affiliationsShared = row[17].int == 1
        var affiliationIndex: [Int64: Int] = [:]
        for row in try database.rows("""
            SELECT id, raw, institution, institution_key, institution_id, ror, country, country_source
            FROM affiliations WHERE work_id = ? ORDER BY id
            """, [.integer(id)]) {
            affiliationIndex[Int64(row[0].int ?? 0)] = work.affiliations.count
            work.affiliations.append(Affiliation(raw: row[1].string ?? "", institution: row[2].string, institutionKey: row[3].string,
                                                 institutionID: row[4].string, ror: row[5].string, country: row[6].string,
                                                 countryIsStructured: row[7].string == "structured"))
        }
        var links: [Int64: [Int]] = [:]
        for row in try database.rows("""
            SELECT x.authorship_id, x.affiliation_id FROM authorship_affiliations x
            JOIN authorships au ON au.id = x.authorship_id WHERE au.work_id = ? ORDER BY x.authorship_id, x.affiliation_id
            """, [.integer(id)]) {
            if let index = affiliationIndex[Int64(row[1].int ?? 0)] { links[Int64(row[0].int ?? 0), default: []].append(index) }
        }
        for row in try database.rows("""
            SELECT au.id, au.position, au.name_raw, au.is_corresponding, au.orcid, au.researcher_id, a.identity_kind, a.identity
            FROM authorships au JOIN authors a ON a.id = au.author_id WHERE au.work_id = ? ORDER BY au.position
            """, [.integer(id)]) {
            let kind = AuthorIdentity.Kind(rawValue: row[6].string ?? "") ?? .nameKey
            work.authorships.append(Authorship(
                position: row[1].int ?? 1, name: row[2].string ?? "", identity: AuthorIdentity(kind: kind, value: row[7].string ?? ""),
                isCorresponding: row[3].int == 1, affiliationIndices: links[Int64(row[0].int ?? 0)] ?? [],
                orcid: row[4].string, researcherID: row[5].string))
        }
        work.fields = try database.rows("""
            SELECT f.scheme, f.code, f.name FROM work_fields x JOIN fields f ON f.id = x.field_id WHERE x.work_id = ? ORDER BY f.id
            """, [.integer(id)]).map { FieldAssignment(scheme: $0[0].string ?? "", code: $0[1].string ?? "", name: $0[2].string) }
        work.organizations = try database.rows("SELECT name FROM work_organizations WHERE work_id = ? ORDER BY position", [.integer(id)])
            .compactMap { $0[0].string }
        for row in try database.rows("SELECT year, citations FROM citations_by_year WHERE work_id = ?", [.integer(id)]) {
            if let year = row[0].int, let count = row[1].int { work.citationsByYear[year] = count }
        }
        return work
    }
}
