import Foundation

/// The scicollab database: one SQLite file, migrated to the newest schema when opened.
///
/// Every figure is SQL over this store, written in the subset that SQLite and PostgreSQL share.
public final class Store {
    public let database: SQLiteDatabase

    /// Opens (or creates) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        let applied = try Migrator().migrate(database)
        // A database written before the derived tables existed gets them filled once.
        if applied.contains("003_derived.sql"), try database.scalar("SELECT count(*) FROM works").int ?? 0 > 0 {
            try rebuildDerivedTables()
        }
    }

    /// The default database path: `$SCICOLLAB_DB`, else `scicollab.sqlite` in the current directory.
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["SCICOLLAB_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "scicollab.sqlite"
    }
}
