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
/// The kept author counts (`country_authors`, `country_author_counts`) follow the sent `work_author_countries` rows
/// in one statement per flush, as SQLite's writer keeps them row by row (`Schemas/006_country_authors.sql`).
final class CopyLoad {
    let rows: PostgreSQLBulkRows
    private let connection: PostgreSQLConnection
    /// The tables whose ids the writer assigns, with the last id taken and the largest id stored when it began.
    private var lastIDs: [String: Int64] = [:]
    private var storedIDs: [String: Int64] = [:]
    static let assignedTables = ["works", "affiliations", "authorships", "authors"]
    /// Merge keys of the waiting source records (`source` + US + source id for the record itself).
    private var sourceRecordKeys: Set<String> = []
    private var doiKeys: Set<String> = []
    private var pmidKeys: Set<String> = []
    private var titleKeys: Set<String> = []
    /// The identifiers (kind + US + value) of waiting authors and author identifiers, with their author.
    private var authorIdentifiers: [String: Int64] = [:]
    /// Works whose `work_author_countries` rows wait.
    private var authorCountryWorks: [Int64] = []
    /// Buffers larger than this are sent after the record that filled them.
    static let flushBytes = 8 << 20

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

    /// Whether a waiting source record has one of the keys of `work`: its source and id, DOI, PMID or title key.
    func holdsKeys(of work: Work, _ keys: MergeKeys) -> Bool {
        sourceRecordKeys.contains(Self.key(work.source.rawValue, work.sourceID))
            || keys.doi.map(doiKeys.contains) == true || keys.pmid.map(pmidKeys.contains) == true
            || keys.title.map(titleKeys.contains) == true
    }

    /// Notes the keys of a source record that waits.
    func noteSourceRecord(of work: Work, _ keys: MergeKeys) {
        sourceRecordKeys.insert(Self.key(work.source.rawValue, work.sourceID))
        if let doi = keys.doi { doiKeys.insert(doi) }
        if let pmid = keys.pmid { pmidKeys.insert(pmid) }
        if let title = keys.title { titleKeys.insert(title) }
    }

    /// Whether one of the identifiers is that of a waiting author or author identifier.
    func holdsAuthor(_ identifiers: [AuthorIdentifiers.Identifier]) -> Bool {
        identifiers.contains { authorIdentifiers[Self.key($0.kind, $0.value)] != nil }
    }

    /// Notes identifiers of `author` that wait.
    func noteAuthor(_ identifiers: [AuthorIdentifiers.Identifier], author: Int64) {
        for identifier in identifiers { authorIdentifiers[Self.key(identifier.kind, identifier.value)] = author }
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
        sourceRecordKeys.removeAll(keepingCapacity: true)
        doiKeys.removeAll(keepingCapacity: true)
        pmidKeys.removeAll(keepingCapacity: true)
        titleKeys.removeAll(keepingCapacity: true)
        authorIdentifiers.removeAll(keepingCapacity: true)
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
