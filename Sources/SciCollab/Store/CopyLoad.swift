import Foundation

/// The state of an import into PostgreSQL whose rows go to the server with `COPY` (`PostgreSQLBulkRows`) instead of
/// one `INSERT` each, a round trip per row.
///
/// The writer reads while it writes (merge probes, author identities), and a read must see every row written before.
/// Rows therefore wait only while no read can concern them: the writer keeps the merge keys of the waiting source
/// records and the identifiers of the waiting authors, and sends everything (`flush()`) before a probe for one of
/// those keys, before any merge, replacement or deletion, when the buffers pass `flushBytes`, and at the end of the
/// file. Ids of works, affiliations, authorships and authors are assigned here, after the largest stored id: the
/// import runs under the store's write lock, so no other writer takes ids meanwhile; `finish()` moves the identity
/// sequences past them.
///
/// Most probes find nothing (a new record, a new author). Before each batch of records (`prefetch`), one query per kind
/// of key reads which of the batch's keys the store holds; a probe for a key that is neither among them nor written
/// since is answered "none" without a round trip.
///
/// The kept author counts (`country_authors`, `country_author_counts`) follow the sent `work_author_countries` rows
/// in one statement per flush, as SQLite's writer keeps them row by row (`Schemas/006_country_authors.sql`).
final class CopyLoad {
    let rows: PostgreSQLBulkRows
    private let connection: PostgreSQLConnection
    /// The tables whose ids the writer assigns, with the last id taken and the largest id stored when it began.
    private var lastIDs: [String: Int64] = [:]
    private var storedIDs: [String: Int64] = [:]
    static let assignedTables = ["works", "affiliations", "authorships", "authors"]
    /// The keys of the waiting rows, by kind: a source record's (source + US + id), DOI, PMID and title keys, an
    /// author's identity and identifiers (kind + US + value).
    private var waitingKeys: [ProbeKind: Set<String>] = [:]
    /// Works whose `work_author_countries` rows wait.
    private var authorCountryWorks: [Int64] = []
    /// Buffers larger than this are sent after the record that filled them.
    static let flushBytes = 8 << 20

    /// A kind of key the writer probes the store for.
    enum ProbeKind {
        /// A source record's source and id; its DOI, PMID and title keys.
        case sourceRecord, doi, pmid, title
        /// An identifier listed in `author_identifiers`; an author's own identity in `authors`.
        case authorIdentifier, authorIdentity
    }
    /// The keys of the current batch that were looked up when the batch began, and those of them the store held.
    /// A key not looked up (an author of a work recomposed by a merge) is probed as before.
    private var checkedKeys: [ProbeKind: Set<String>] = [:]
    private var storedKeys: [ProbeKind: Set<String>] = [:]
    /// The keys written since the batch began.
    private var writtenKeys: [ProbeKind: Set<String>] = [:]

    init(database: SQLiteDatabase) throws {
        guard let postgres = database.postgres else {
            throw DatabaseError(code: 1, message: "COPY needs a PostgreSQL connection", sql: nil)
        }
        connection = postgres
        rows = PostgreSQLBulkRows(connection: postgres)
        for table in Self.assignedTables {
            let stored = try database.scalar("SELECT coalesce(max(id), 0) FROM \(table)").int.map(Int64.init) ?? 0
            storedIDs[table] = stored
            lastIDs[table] = stored
        }
    }

    /// A new id of `table` (one of `assignedTables`).
    func nextID(_ table: String) -> Int64 {
        let id = (lastIDs[table] ?? 0) + 1
        lastIDs[table] = id
        return id
    }

    private static func key(_ kind: String, _ value: String) -> String { kind + "\u{1F}" + value }

    /// Whether a probe for `key` can find something: false only when `key` was looked up before the batch and was
    /// neither stored then nor written since.
    func mayBeStored(_ kind: ProbeKind, _ key: String) -> Bool {
        guard checkedKeys[kind]?.contains(key) == true else { return true }
        return storedKeys[kind]?.contains(key) == true || writtenKeys[kind]?.contains(key) == true
    }

    /// `mayBeStored` for a source record's (source, id) or an author identifier's (kind, value).
    func mayBeStored(_ kind: ProbeKind, _ first: String, _ second: String) -> Bool {
        mayBeStored(kind, Self.key(first, second))
    }

    /// Sends what waits, then reads which keys of the coming records the store holds.
    func prefetch(_ batch: [(work: Work, keys: MergeKeys)]) throws {
        try flush()
        writtenKeys = [:]
        var wanted: [ProbeKind: Set<String>] = [:]
        var sources: [String] = [], sourceIDs: [String] = []
        var identifierKinds: [String] = [], identifierValues: [String] = []
        for (work, keys) in batch {
            if wanted[.sourceRecord, default: []].insert(Self.key(work.source.rawValue, work.sourceID)).inserted {
                sources.append(work.source.rawValue)
                sourceIDs.append(work.sourceID)
            }
            if let doi = keys.doi { wanted[.doi, default: []].insert(doi) }
            if let pmid = keys.pmid { wanted[.pmid, default: []].insert(pmid) }
            if let title = keys.title { wanted[.title, default: []].insert(title) }
            for authorship in work.authorships {
                let identity = (authorship.identity.kind.rawValue, authorship.identity.value)
                for (kind, value) in [identity] + AuthorIdentifiers.identifiers(of: authorship).map({ ($0.kind, $0.value) })
                where wanted[.authorIdentity, default: []].insert(Self.key(kind, value)).inserted {
                    identifierKinds.append(kind)
                    identifierValues.append(value)
                }
            }
        }
        var found: [ProbeKind: Set<String>] = [:]
        found[.sourceRecord] = try read("""
            SELECT source || chr(31) || source_id FROM source_records
            WHERE (source, source_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            """, [Self.arrayLiteral(sources), Self.arrayLiteral(sourceIDs)])
        for (kind, column) in [(ProbeKind.doi, "doi_key"), (.pmid, "pmid_key"), (.title, "title_key")] {
            found[kind] = try read("SELECT DISTINCT \(column) FROM source_records WHERE \(column) = ANY($1::text[])",
                                   [Self.arrayLiteral(wanted[kind, default: []])])
        }
        let identifiers = [Self.arrayLiteral(identifierKinds), Self.arrayLiteral(identifierValues)]
        found[.authorIdentifier] = try read("""
            SELECT kind || chr(31) || value FROM author_identifiers
            WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            """, identifiers)
        found[.authorIdentity] = try read("""
            SELECT identity_kind || chr(31) || identity FROM authors
            WHERE (identity_kind, identity) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            """, identifiers)
        wanted[.authorIdentifier] = wanted[.authorIdentity]
        checkedKeys = wanted
        storedKeys = found
    }

    /// The first column of every row of a query, as texts.
    private func read(_ sql: String, _ parameters: [String]) throws -> Set<String> {
        guard let result = try connection.execute(sql, parameters: parameters) else { return [] }
        return Set((0..<result.rowCount).compactMap { result.value(row: $0, column: 0).string })
    }

    /// A PostgreSQL array literal of texts (`{"a","b"}`).
    static func arrayLiteral(_ values: some Sequence<String>) -> String {
        let elements = values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + elements.joined(separator: ",") + "}"
    }

    /// The keys of a source record, by kind.
    private static func keys(of work: Work, _ keys: MergeKeys) -> [(ProbeKind, String)] {
        [(.sourceRecord, key(work.source.rawValue, work.sourceID))] + [(ProbeKind.doi, keys.doi), (.pmid, keys.pmid), (.title, keys.title)]
            .compactMap { kind, value in value.map { (kind, $0) } }
    }

    /// A key of a row that now waits, and was written since the batch began.
    private func note(_ kind: ProbeKind, _ key: String) {
        waitingKeys[kind, default: []].insert(key)
        writtenKeys[kind, default: []].insert(key)
    }

    /// Whether a waiting source record has one of the keys of `work`: its source and id, DOI, PMID or title key.
    func holdsKeys(of work: Work, _ keys: MergeKeys) -> Bool {
        Self.keys(of: work, keys).contains { kind, key in waitingKeys[kind]?.contains(key) == true }
    }

    /// Notes the keys of a source record that waits.
    func noteSourceRecord(of work: Work, _ keys: MergeKeys) {
        for (kind, key) in Self.keys(of: work, keys) { note(kind, key) }
    }

    /// Whether one of the identifiers is that of a waiting author (its identity) or author identifier.
    func holdsAuthor(_ identifiers: [AuthorIdentifiers.Identifier]) -> Bool {
        identifiers.contains { identifier in
            let key = Self.key(identifier.kind, identifier.value)
            return waitingKeys[.authorIdentity]?.contains(key) == true || waitingKeys[.authorIdentifier]?.contains(key) == true
        }
    }

    /// Notes identifiers of an author that wait: its own identity (`asIdentity`, a row of `authors`) or identifiers
    /// listed in `author_identifiers`.
    func noteAuthor(_ identifiers: [AuthorIdentifiers.Identifier], asIdentity: Bool) {
        for identifier in identifiers { note(asIdentity ? .authorIdentity : .authorIdentifier, Self.key(identifier.kind, identifier.value)) }
    }

    /// Notes a work whose `work_author_countries` rows wait.
    func noteAuthorCountries(ofWork workID: Int64) {
        authorCountryWorks.append(workID)
    }

    /// Sends the waiting rows, then adds the sent `work_author_countries` rows to the kept author counts.
    func flush() throws {
        guard !rows.isEmpty else { return }
        try rows.flush()
        if !authorCountryWorks.isEmpty {
            try connection.execute("""
                WITH added AS (
                    SELECT country, author_id, max(name_key) AS name_key, count(*) AS works
                    FROM work_author_countries WHERE work_id = ANY($1::bigint[]) GROUP BY country, author_id),
                kept AS (
                    INSERT INTO country_authors AS c (country, author_id, name_key, works)
                    SELECT country, author_id, name_key, works FROM added
                    ON CONFLICT (country, author_id) DO UPDATE SET works = c.works + excluded.works
                    RETURNING c.country, c.name_key, (c.xmax = 0) AS inserted)
                INSERT INTO country_author_counts AS t (country, authors, name_keyed)
                SELECT country, count(*), sum(name_key) FROM kept WHERE inserted GROUP BY country
                ON CONFLICT (country) DO UPDATE SET authors = t.authors + excluded.authors,
                    name_keyed = t.name_keyed + excluded.name_keyed
                """, parameters: ["{" + authorCountryWorks.map(String.init).joined(separator: ",") + "}"])
        }
        waitingKeys.removeAll(keepingCapacity: true)
        authorCountryWorks.removeAll(keepingCapacity: true)
    }

    /// Sends what waits and moves each identity sequence past the ids assigned, so that a later `INSERT` without an id
    /// takes a free one.
    func finish() throws {
        try flush()
        for table in Self.assignedTables {
            guard let last = lastIDs[table], last > storedIDs[table] ?? 0 else { continue }
            try connection.execute("SELECT setval(pg_get_serial_sequence($1, 'id'), greatest($2::bigint, (SELECT coalesce(max(id), 1) FROM \(table))))",
                                   parameters: [table, String(last)])
        }
    }
}
