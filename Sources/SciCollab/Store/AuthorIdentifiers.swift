import CSQLite

/// The identifiers an author was seen under (definitions §1): identifiers that occur together on one authorship —
/// the source's author id, ORCID, ResearcherID — denote one author, so an authorship whose identity is new but
/// whose ORCID (or ResearcherID) is known belongs to the author already stored.
///
/// An author's own identity is its row of `authors` (unique on kind and identity); `author_identifiers` lists only
/// the other identifiers the author was seen under (migration 017), so that a new author costs one indexed row
/// instead of two.
final class AuthorIdentifiers {
    /// An identifier: its kind (`source_id`, `orcid`) and value.
    typealias Identifier = (kind: String, value: String)

    /// Where an identifier is stored: listed in `author_identifiers`, or an author's own identity in `authors`.
    enum Table {
        case listed, identity
    }

    /// The author of a set of identifiers, and those of them no stored author has yet.
    struct Lookup {
        var author: Int64?
        var unknown: [Identifier]
    }

    private let find, findIdentity, insert: PreparedStatement

    /// - Parameter rows: on PostgreSQL, where new identifiers wait for `COPY` (`CopyLoad`).
    init(database: SQLiteDatabase, copyingInto rows: PostgreSQLBulkRows? = nil) throws {
        find = try database.prepare("SELECT author_id FROM author_identifiers WHERE kind = ? AND value = ?")
        findIdentity = try database.prepare("SELECT id FROM authors WHERE identity_kind = ? AND identity = ?")
        insert = try database.prepare("""
            INSERT INTO author_identifiers (kind, value, author_id) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING
            """, copyingInto: rows)
    }

    /// The identifiers of an authorship, its identity first; none for an author known only by a name key.
    static func identifiers(of authorship: Authorship) -> [Identifier] {
        var result: [Identifier] = []
        func add(_ kind: AuthorIdentity.Kind, _ value: String?) {
            guard let value, !value.isEmpty, !result.contains(where: { $0.kind == kind.rawValue && $0.value == value }) else { return }
            result.append((kind.rawValue, value))
        }
        if authorship.identity.kind != .nameKey { add(authorship.identity.kind, authorship.identity.value) }
        add(.orcid, authorship.orcid)
        add(.sourceID, authorship.researcherID.map { "wos:" + $0 })
        return result
    }

    /// The author stored under any of the identifiers (the first that is known, as an identifier listed in
    /// `author_identifiers` or as an author's own identity), and the identifiers that are not known at all.
    ///
    /// `identity` is the one the caller inserts into `authors` when no author is found (`INSERT … ON CONFLICT DO
    /// NOTHING`, then `author(withIdentity:)`): when it is the only identifier, its probe of `authors` is left to
    /// that insert, so a new author costs one probe less.
    ///
    /// `mayBeStored` tells whether a probe of `author_identifiers` (`.listed`) or `authors` (`.identity`) can find the
    /// identifier; a probe it rules out is not run.
    func lookup(_ identifiers: [Identifier], inserting identity: Identifier? = nil,
                mayBeStored: (Table, Identifier) -> Bool = { _, _ in true }) throws -> Lookup {
        var result = Lookup(author: nil, unknown: [])
        let probeIdentities = !(identifiers.count == 1 && identifiers[0].kind == identity?.kind && identifiers[0].value == identity?.value)
        for identifier in identifiers {
            var owner = mayBeStored(.listed, identifier) ? try owner(identifier, in: find) : nil
            if owner == nil, probeIdentities, mayBeStored(.identity, identifier) { owner = try self.owner(identifier, in: findIdentity) }
            if let owner {
                if result.author == nil { result.author = owner }
            } else {
                result.unknown.append(identifier)
            }
        }
        return result
    }

    /// The author whose own identity (a row of `authors`) is `identity`, of any kind (a name key too).
    func author(withIdentity identity: Identifier) throws -> Int64? {
        try owner(identity, in: findIdentity)
    }

    private func owner(_ identifier: Identifier, in statement: PreparedStatement) throws -> Int64? {
        try statement.bind(identifier.kind, at: 1)
        try statement.bind(identifier.value, at: 2)
        return try statement.executeReturningInteger()
    }

    /// Records that identifiers no author has yet denote `author` (`unknown` of a lookup, the author's own
    /// identity left out: that is its row of `authors`).
    func register(_ identifiers: [Identifier], author: Int64, except identity: Identifier?) throws {
        for identifier in identifiers where !(identifier.kind == identity?.kind && identifier.value == identity?.value) {
            try insert.bind(identifier.kind, at: 1)
            try insert.bind(identifier.value, at: 2)
            try insert.bind(author, at: 3)
            try insert.execute()
        }
    }
}
