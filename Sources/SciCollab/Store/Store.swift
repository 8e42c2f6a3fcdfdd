import Foundation

/// The scicollab database: one SQLite file, migrated to the newest schema when opened.
///
/// Every figure is SQL over this store, written in the subset that SQLite and PostgreSQL share.
public final class Store {
    public let database: SQLiteDatabase
    /// What each set of temporary tables of `mappedSources` was filled from (its inputs and the data generation),
    /// by name: a later figure over the same mapping reads them again instead of copying the derived rows anew.
    var mappedSourceInputs: [String: String] = [:]
    /// Temporary tables filled on their first read, by name: the statements that fill them, and whether they ran
    /// (on SQLite the table is also looked for, as a rolled-back transaction takes it away).
    var temporaryFills: [String: (statements: [String], filled: Bool)] = [:]

    /// How a command uses the database.
    public enum Access: Sendable {
        /// Imports: the file is created when missing.
        case create
        /// Read commands: the file must exist. It is opened read-only (no journal-mode change, no migration,
        /// no cache written) when it or its folder cannot be written, read-write otherwise.
        case read
        /// Read-only whatever the permissions.
        case readOnly
    }

    /// Opens (or, with `.create`, creates) the database at `path` and applies pending migrations.
    /// - Throws: `StoreError.noDatabase` when a read finds no file, `StoreError.needsMigration` when a read-only
    ///   database is older than this scicollab, `DatabaseError` otherwise.
    public init(path: String, access: Access = .create, busyTimeout: Int = SQLiteDatabase.busyTimeoutSeconds) throws {
        var isDirectory: ObjCBool = false
        if PostgreSQLConnection.isURL(path) {
            do {
                database = try SQLiteDatabase(path: path, mode: access == .create ? .create : access == .readOnly ? .readOnly : .existing, busyTimeout: busyTimeout)
                if access != .create, try !database.hasTable("schema_migrations") { throw StoreError.noDatabase(path: database.displayPath) }
                if access == .readOnly { try Migrator().checkCurrent(database) } else { try Migrator().migrate(database) }
            } catch let error as DatabaseError where error.isBusy {
                throw StoreError.busy(path: PostgreSQLConnection.redacted(path), seconds: busyTimeout)
            }
            return
        }
        if access != .create {
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw StoreError.noDatabase(path: path)
            }
        }
        let writable = FileManager.default.isWritableFile(atPath: path) && SQLiteDatabase.canCreateFiles(besides: path)
        let mode: SQLiteDatabase.OpenMode = switch access {
        case .create: .create
        case .read: writable ? .existing : .readOnly
        case .readOnly: .readOnly
        }
        do {
            database = try SQLiteDatabase(path: path, mode: mode, busyTimeout: busyTimeout)
            if mode == .readOnly {
                try Migrator().checkCurrent(database)
                return
            }
            let applied = try Migrator().migrate(database)
            // A migration may rewrite derived rows: the totals kept from them are computed again when next read.
            if !applied.isEmpty { try invalidateKeptTotals() }
            // A database written before the derived tables existed gets them filled once.
            if applied.contains("003_derived.sql"), try database.scalar("SELECT count(*) FROM works").int ?? 0 > 0 {
                try rebuildDerivedTables()
            }
            // A database written before the institution rows were kept with their works gets them filled once.
            if applied.contains("016_institution_rows.sql"), !applied.contains("003_derived.sql"),
               try database.scalar("SELECT count(*) FROM works").int ?? 0 > 0 {
                try rebuildInstitutionRows()
            }
            // Records stored before merging existed get their merge keys once.
            if applied.contains("010_merge.sql") { try fillMergeKeys() }
        } catch let error as DatabaseError where error.isBusy {
            throw StoreError.busy(path: path, seconds: busyTimeout)
        }
    }

    /// Whether `path` names a database that may exist: a PostgreSQL URL, or a file that exists.
    public static func exists(_ path: String) -> Bool {
        PostgreSQLConnection.isURL(path) || FileManager.default.fileExists(atPath: path)
    }

    /// `path` as messages print it: a PostgreSQL URL without its password.
    public static func displayPath(_ path: String) -> String {
        PostgreSQLConnection.isURL(path) ? PostgreSQLConnection.redacted(path) : path
    }

    /// The default database path: `$SCICOLLAB_DB`, else `scicollab.sqlite` in the current directory.
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["SCICOLLAB_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "scicollab.sqlite"
    }
}
