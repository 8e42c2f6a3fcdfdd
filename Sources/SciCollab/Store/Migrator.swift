import Foundation

/// Applies the numbered SQL files of `Schemas/` (`001_core.sql`, `002_….sql`) in order, once each, and
/// records what ran in `schema_migrations`.
public struct Migrator: Sendable {
    /// A migration: its number, its file name and its SQL.
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String

        /// Whether the migration rewrites table definitions through `PRAGMA writable_schema`.
        public var rewritesSchema: Bool { sql.contains("PRAGMA writable_schema = ON") }
    }

    /// The migrations embedded in the library, ordered by number.
    public let migrations: [Migration]

    public init(migrations: [Migration] = Migrator.embeddedMigrations) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The `NNN_name.sql` files embedded from `Schemas/`.
    public static var embeddedMigrations: [Migration] {
        EmbeddedResources.files.compactMap { name, sql in
            guard name.hasSuffix(".sql"), let version = Int(name.prefix { $0.isNumber }) else { return nil }
            return Migration(version: version, name: name, sql: sql)
        }
    }

    /// Brings `database` up to the newest version; returns the names of the migrations it applied.
    /// - Throws: `DatabaseError` when a migration fails (it is rolled back), or `StoreError.newerSchema`
    ///   when the database was written by a newer scicollab.
    @discardableResult
    public func migrate(_ database: SQLiteDatabase) throws -> [String] {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let applied = Set(try database.rows("SELECT version FROM schema_migrations").compactMap { $0[0].int })
        if let newest = applied.max(), let known = migrations.last?.version, newest > known {
            throw StoreError.newerSchema(path: database.path, version: newest, supported: known)
        }
        var ran: [String] = []
        for migration in migrations where !applied.contains(migration.version) {
            try database.transaction {
                try database.execute(migration.sql)
                if migration.rewritesSchema {
                    // A migration that edits `sqlite_schema` directly must move schema_version on, so
                    // that every connection (this one included) reads the new definitions.
                    let version = try database.scalar("PRAGMA schema_version").int ?? 0
                    try database.execute("PRAGMA schema_version = \(version + 1)")
                }
                try database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                    .run([.integer(Int64(migration.version)), .text(migration.name), .text(Timestamp.now())])
            }
            ran.append(migration.name)
        }
        return ran
    }
}

/// Errors of the store that are not SQLite's own.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case newerSchema(path: String, version: Int, supported: Int)

    public var description: String {
        switch self {
        case .newerSchema(let path, let version, let supported):
            return "\(path): schema version \(version) is newer than this scicollab supports (\(supported)); upgrade scicollab"
        }
    }
}

/// ISO 8601 timestamps in UTC, as stored in the database.
enum Timestamp {
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
