import CSQLite

/// The identifiers an author was seen under (`author_identifiers`, definitions §1): identifiers that occur together on
/// one authorship — the source's author id, ORCID, ResearcherID — denote one author, so an authorship whose
/// identity is new but whose ORCID (or ResearcherID) is known belongs to the author already stored.
final class AuthorIdentifiers {
    private let find, insert: PreparedStatement

    init(database: SQLiteDatabase) throws {
        find = try database.prepare("SELECT author_id FROM author_identifiers WHERE kind = ? AND value = ?")
        insert = try database.prepare("INSERT OR IGNORE INTO author_identifiers (kind, value, author_id) VALUES (?, ?, ?)")
    }

    /// The identifiers of an authorship, its identity first; none for an author known only by a name key.
    static func identifiers(of authorship: Authorship) -> [(kind: String, value: String)] {
        var result: [(kind: String, value: String)] = []
        func add(_ kind: AuthorIdentity.Kind, _ value: String?) {
            guard let value, !value.isEmpty, !result.contains(where: { $0.kind == kind.rawValue && $0.value == value }) else { return }
            result.append((kind.rawValue, value))
        }
        if authorship.identity.kind != .nameKey { add(authorship.identity.kind, authorship.identity.value) }
        add(.orcid, authorship.orcid)
        add(.sourceID, authorship.researcherID.map { "wos:" + $0 })
        return result
    }

    /// The author stored under any of the identifiers, the first that is known; nil when none is.
    func author(of identifiers: [(kind: String, value: String)]) throws -> Int64? {
        for identifier in identifiers {
            try find.bind(identifier.kind, at: 1)
            try find.bind(identifier.value, at: 2)
            if let id = try find.executeReturningInteger() { return id }
        }
        return nil
    }

    /// Records that the identifiers denote `author` (an identifier already pointing elsewhere keeps its author).
    func register(_ identifiers: [(kind: String, value: String)], author: Int64) throws {
        for identifier in identifiers {
            try insert.bind(identifier.kind, at: 1)
            try insert.bind(identifier.value, at: 2)
            try insert.bind(author, at: 3)
            try insert.execute()
        }
    }
}
