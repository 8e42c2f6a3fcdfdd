import Foundation

/// Applies the numbered SQL files of `Schemas/` (`001_core.sql`, `002_….sql`) in order, once each, and
/// records what ran in `schema_migrations`.
public struct Migrator: Sendable {
    /// A migration: its number, its file name and its SQL.
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }

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
        // A read never turns some other SQLite file into a scicollab database.
        if database.mode != .create, try !database.hasTable("schema_migrations") {
            throw StoreError.notScicollab(path: database.displayPath)
        }
        if let postgres = database.postgres { return try migrate(database, on: postgres) }
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

    /// The PostgreSQL path: a new database gets the newest schema at once (`PostgreSQLSchema`), an existing one the
    /// translated migrations it lacks. Concurrent first connections wait on the write lock of `transaction`.
    private func migrate(_ database: SQLiteDatabase, on postgres: PostgreSQLConnection) throws -> [String] {
        try database.transaction {
            if try !database.hasTable("schema_migrations") {
                for statement in try PostgreSQLSchema.baseline(migrator: self) { try postgres.execute(statement) }
                let insert = try database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                for migration in migrations {
                    try insert.run([.integer(Int64(migration.version)), .text(migration.name), .text(Timestamp.now())])
                }
                return migrations.map(\.name)
            }
            let applied = Set(try database.rows("SELECT version FROM schema_migrations").compactMap { $0[0].int })
            if let newest = applied.max(), let known = migrations.last?.version, newest > known {
                throw StoreError.newerSchema(path: database.displayPath, version: newest, supported: known)
            }
            var ran: [String] = []
            for migration in migrations where !applied.contains(migration.version) {
                guard !migration.rewritesSchema else {
                    throw DatabaseError(code: 1, message: "\(migration.name) rewrites SQLite's own schema table and has no PostgreSQL form", sql: nil)
                }
                for statement in PostgreSQLSchema.statements(ofMigration: migration.sql) {
                    switch statement {
                    case .portable(let sql): try database.execute(sql)
                    case .server(let statements): for sql in statements { _ = try postgres.execute(sql) }
                    }
                }
                try database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                    .run([.integer(Int64(migration.version)), .text(migration.name), .text(Timestamp.now())])
                ran.append(migration.name)
            }
            _ = try PostgreSQLSchema.createMissingTriggers(migrator: self, on: postgres)
            return ran
        }
    }

    /// Checks, without writing, that a database opened read-only has every migration applied.
    /// - Throws: `StoreError.needsMigration` or `StoreError.newerSchema`.
    public func checkCurrent(_ database: SQLiteDatabase) throws {
        guard try database.hasTable("schema_migrations") else { throw StoreError.notScicollab(path: database.displayPath) }
        let applied = Set(try database.rows("SELECT version FROM schema_migrations").compactMap { $0[0].int })
        if let newest = applied.max(), let known = migrations.last?.version, newest > known {
            throw StoreError.newerSchema(path: database.path, version: newest, supported: known)
        }
        let pending = migrations.filter { !applied.contains($0.version) }
        if !pending.isEmpty { throw StoreError.needsMigration(path: database.path, pending: pending.map(\.name)) }
    }
}

/// Errors of the store that are not SQLite's own.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case newerSchema(path: String, version: Int, supported: Int)
    /// A read found no database file at the path.
    case noDatabase(path: String)
    /// A read-only database lacks migrations that would need a write.
    case needsMigration(path: String, pending: [String])
    /// An existing file is a SQLite database but not one of scicollab's.
    case notScicollab(path: String)
    /// Another process held the write lock longer than the busy timeout.
    case busy(path: String, seconds: Int)

    public var description: String {
        switch self {
        case .newerSchema(let path, let version, let supported):
            return "\(path): schema version \(version) is newer than this scicollab supports (\(supported)); upgrade scicollab"
        case .noDatabase(let path):
            return "\(path): no such database; import files first (scicollab import FILE --db \(path)) or give the right --db"
        case .needsMigration(let path, let pending):
            return "\(path): the database is read-only and needs upgrading (\(pending.joined(separator: ", "))); open it once with write access"
        case .notScicollab(let path):
            return "\(path): not a scicollab database (no schema_migrations table)"
        case .busy(let path, let seconds):
            return "\(path): another import holds the database (waited \(seconds) s); try again when it has finished"
        }
    }
}

/// ISO 8601 timestamps in UTC, as stored in the database.
enum Timestamp {
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
