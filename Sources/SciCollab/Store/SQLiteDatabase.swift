import CSQLite
import Foundation

/// A value read from or bound to the database.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var int: Int? {
        switch self {
        case .integer(let value): return Int(value)
        case .real(let value): return Int(value)
        default: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    public var string: String? {
        switch self {
        case .text(let value): return value
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .null: return nil
        }
    }
}

/// An error from the database engine, with the statement that failed.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    /// SQLite's result code (on PostgreSQL: 5 for lock and serialization failures, 1 otherwise).
    public let code: Int32
    public let message: String
    public let sql: String?
    /// PostgreSQL's SQLSTATE (nil on SQLite).
    public var sqlState: String? = nil

    /// True when another connection held a lock longer than the busy timeout (`SQLITE_BUSY`, `SQLITE_LOCKED`).
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }

    public var description: String {
        let engine = sqlState.map { "PostgreSQL error \($0)" } ?? "SQLite error \(code)"
        if let sql { return "\(engine): \(message) (in: \(sql.prefix(200)))" }
        return "\(engine): \(message)"
    }
}

/// The engine behind a `SQLiteDatabase` connection.
public enum DatabaseEngine: String, Sendable {
    /// One SQLite file (the default).
    case sqlite
    /// A PostgreSQL database on a server, named by a `postgresql://` URL.
    case postgresql
}

/// A connection to the store's database, used from one thread at a time: a SQLite file, or a PostgreSQL database
/// when the path is a `postgresql://` URL.
///
/// A thin layer over the C APIs: prepared statements with raw binds are what make bulk inserts fast
/// (about a million rows per second here, against a third of that through an ORM layer). Statements are written
/// in SQLite's SQL; on PostgreSQL each passes through `PostgreSQLDialect.translate(_:)` first.
public final class SQLiteDatabase {
    /// The SQLite connection (nil on PostgreSQL).
    let handle: OpaquePointer!
    /// The PostgreSQL connection (nil on SQLite).
    let postgres: PostgreSQLConnection?
    /// The file path, or the PostgreSQL URL.
    public let path: String
    /// Which engine the connection talks to.
    public var engine: DatabaseEngine { postgres == nil ? .sqlite : .postgresql }
    /// Rows changed by the last statement on PostgreSQL (SQLite counts its own).
    fileprivate var postgresChanges = 0

    /// How a database file is opened.
    public enum OpenMode: Sendable, Equatable {
        /// Read and write; the file is created when it does not exist (imports).
        case create
        /// Read and write an existing file; a missing one is an error, never created.
        case existing
        /// Read only: no journal-mode change, no write; a missing file is an error.
        case readOnly
    }

    /// How long a statement waits for another connection's write lock before it fails with `SQLITE_BUSY`.
    public static let busyTimeoutSeconds = 30

    /// The mode the connection was opened in.
    public let mode: OpenMode
    /// The busy timeout in seconds.
    public let busyTimeout: Int

    /// Opens the database at `path` in `mode`, with foreign keys enforced and a busy timeout of
    /// `busyTimeout` seconds (another writer holding the database is waited for that long).
    /// - Throws: `DatabaseError` when the file cannot be opened (or does not exist, unless `mode` is `.create`).
    public init(path: String, mode: OpenMode = .create, busyTimeout: Int = SQLiteDatabase.busyTimeoutSeconds) throws {
        self.path = path
        self.mode = mode
        self.busyTimeout = busyTimeout
        if PostgreSQLConnection.isURL(path) {
            handle = nil
            postgres = try PostgreSQLConnection(url: path)
            try postgres?.execute("SET lock_timeout = '\(busyTimeout)s'")
            if mode == .readOnly { try postgres?.execute("SET default_transaction_read_only = on") }
            return
        }
        postgres = nil
        _ = Self.configureLibrary
        var pointer: OpaquePointer?
        let access = switch mode {
        case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .existing: SQLITE_OPEN_READWRITE
        case .readOnly: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        }
        // A read-only WAL database in a folder where its `-shm` file cannot be created opens only as immutable.
        let name = mode == .readOnly && !Self.canCreateFiles(besides: path) && !FileManager.default.fileExists(atPath: path + "-wal")
            ? Self.immutableURI(path) : path
        let code = sqlite3_open_v2(name, &pointer, access | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let pointer { sqlite3_close_v2(pointer) }
            throw DatabaseError(code: code, message: "\(path): \(message)", sql: nil)
        }
        handle = pointer
        sqlite3_busy_timeout(handle, Int32(clamping: busyTimeout * 1000))
        if let trace = StatementTrace.mode { StatementTrace.install(trace, on: pointer) }
        try execute("PRAGMA foreign_keys = ON")
        // A new file gets larger pages (fewer, shallower b-tree levels for the bulk loads and scans); the page
        // size is fixed once the first table is written.
        if mode == .create, try scalar("PRAGMA page_count").int == 0 { try execute("PRAGMA page_size = \(Self.newPageSize)") }
        // WAL mode is kept in the file: set by the writer that creates it, never by a read.
        if mode == .create { try execute("PRAGMA journal_mode = WAL") }
        if mode != .readOnly { try execute("PRAGMA synchronous = NORMAL") }
        try execute("PRAGMA cache_size = \(Self.pageCacheSize)")
    }

    /// Whether new files (a WAL database's `-shm`) can be created in the folder of `path`.
    static func canCreateFiles(besides path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// The `file:` URI that opens `path` as immutable (no locks, no `-shm`).
    private static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:\(escaped)?immutable=1"
    }

    deinit { if let handle { sqlite3_close_v2(handle) } }

    /// The path for messages (a PostgreSQL URL without its password).
    public var displayPath: String { postgres?.displayURL ?? path }

    /// Process-wide settings made once, before the first connection initialises SQLite: no memory statistics,
    /// which would take a global mutex around every allocation SQLite makes (a few percent of an import's writes).
    private static let configureLibrary: Void = { _ = scicollab_sqlite_disable_memory_statistics() }()

    /// The page cache, in SQLite's `cache_size` unit (negative: KiB): 32 MiB, which keeps the pages of a large
    /// import's busiest indexes in memory.
    static let pageCacheSize = -32_768
    /// The page cache while an index is built: the sort takes as much again.
    static let sortCacheSize = -8_192
    /// The page size of a new database file (SQLite's default is 4 KiB).
    static let newPageSize = 16_384

    /// Switches the file to a rollback journal for one large write transaction (still atomic: a process killed
    /// during it leaves a hot journal that the next connection rolls back). In WAL mode every page is written
    /// twice, once to the log and once by the checkpoint. Returns false, and changes nothing, when another
    /// connection has the database open (the switch needs it alone) or the file is not in WAL mode.
    func useRollbackJournal() -> Bool {
        guard postgres == nil, mode != .readOnly, isAutocommit, (try? scalar("PRAGMA journal_mode").string) == "wal" else { return false }
        sqlite3_busy_timeout(handle, 0)
        defer { sqlite3_busy_timeout(handle, Int32(clamping: busyTimeout * 1000)) }
        return (try? scalar("PRAGMA journal_mode = DELETE").string) == "delete"
    }

    /// Back to WAL mode after `useRollbackJournal()`, so that readers run beside the next writer again.
    func restoreWAL() throws {
        guard postgres == nil else { return }
        try execute("PRAGMA journal_mode = WAL")
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        if let postgres {
            postgresChanges = try postgres.execute(PostgreSQLDialect.translate(sql))?.affectedRows ?? 0
            return
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw DatabaseError(code: code, message: message, sql: sql)
        }
    }

    /// Compiles `sql` once for repeated use.
    public func prepare(_ sql: String) throws -> PreparedStatement {
        try PreparedStatement(database: self, sql: sql)
    }

    /// Compiles an `INSERT INTO table (columns) VALUES (?, …)` for a bulk load. On SQLite it is `prepare(sql)`; on
    /// PostgreSQL with `rows`, each run gathers its row in `rows`, which sends them with `COPY` when flushed.
    func prepare(_ sql: String, copyingInto rows: PostgreSQLBulkRows?) throws -> PreparedStatement {
        guard postgres != nil, let rows else { return try prepare(sql) }
        return try PreparedStatement(database: self, sql: sql, copyingInto: rows.buffer(for: sql))
    }

    /// A condition that `column` is one of `ids`, with the one argument it binds: a bound array on PostgreSQL, the
    /// elements of a JSON array on SQLite.
    public func membership(of column: String, in ids: [Int64]) -> (condition: String, argument: SQLValue) {
        let list = ids.map(String.init).joined(separator: ",")
        if postgres != nil { return ("\(column) = ANY(CAST(? AS bigint[]))", .text("{" + list + "}")) }
        return ("\(column) IN (SELECT value FROM json_each(?))", .text("[" + list + "]"))
    }

    /// Runs a query and hands each row to `body` as it is read, without holding the result.
    public func forEachRow(_ sql: String, _ arguments: [SQLValue] = [], _ body: ([SQLValue]) throws -> Void) throws {
        if let postgres {
            return try postgres.forEachRow(PostgreSQLDialect.translate(sql), parameters: arguments.map(\.postgreSQLText)) { result in
                try body((0..<result.columnCount).map { result.value(row: 0, column: $0) })
            }
        }
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        let count = statement.columnCount
        while try statement.step() {
            try body((0..<count).map { statement.value(at: $0) })
        }
    }

    /// Runs a query and returns all its rows.
    public func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        if let postgres {
            guard let result = try postgres.execute(PostgreSQLDialect.translate(sql), parameters: arguments.map(\.postgreSQLText)) else { return [] }
            postgresChanges = result.affectedRows
            return (0..<result.rowCount).map { row in (0..<result.columnCount).map { result.value(row: row, column: $0) } }
        }
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var result: [[SQLValue]] = []
        while try statement.step() {
            result.append((0..<statement.columnCount).map(statement.value(at:)))
        }
        return result
    }

    /// The first column of the first row, or `.null` when there is none.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue {
        try rows(sql, arguments).first?.first ?? .null
    }

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a read transaction (`BEGIN DEFERRED`): one shared lock for all of its statements instead of
    /// one per statement, which matters for many small reads.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED", body)
    }

    private func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        if postgres != nil {
            // One writer at a time, as SQLite's BEGIN IMMEDIATE: every write transaction of every client (imports on
            // several machines among them) waits for one advisory lock, held until COMMIT or ROLLBACK.
            try execute(begin == "BEGIN IMMEDIATE" ? "BEGIN; SELECT pg_advisory_xact_lock(\(Self.writeLock))" : "BEGIN")
        } else {
            try execute(begin)
        }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The PostgreSQL advisory lock that write transactions hold (one writer at a time, as in SQLite).
    public static let writeLock = 0x5C1C_0001

    /// The rowid of the last inserted row.
    public var lastInsertedRowID: Int64 {
        guard let postgres else { return sqlite3_last_insert_rowid(handle) }
        return (try? postgres.execute("SELECT lastval()")?.value(row: 0, column: 0).int.map(Int64.init)) ?? 0
    }

    /// False while a transaction is open on this connection.
    public var isAutocommit: Bool { postgres?.isIdle ?? (sqlite3_get_autocommit(handle) != 0) }

    /// Rows changed by the last statement.
    public var changes: Int { postgres == nil ? Int(sqlite3_changes(handle)) : postgresChanges }

    var lastErrorMessage: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "" }

    /// Another connection to the same database, with this one's access and busy timeout (never creating a file), for
    /// reads on another thread; nil when none can be opened.
    func secondConnection() -> SQLiteDatabase? {
        try? SQLiteDatabase(path: path, mode: mode == .create ? .existing : mode, busyTimeout: busyTimeout)
    }

    /// Whether the database has a table (or view) named `name`.
    public func hasTable(_ name: String) throws -> Bool {
        let sql = postgres == nil
            ? "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
        return try scalar(sql, [.text(name)]).int ?? 0 > 0
    }
}

/// A compiled statement: bind, step, reset, as many times as needed.
public final class PreparedStatement {
    private let database: SQLiteDatabase
    private let statement: OpaquePointer!
    public let sql: String
    /// The statement on PostgreSQL (nil on SQLite).
    private let postgres: PostgreSQLStatement?

    init(database: SQLiteDatabase, sql: String, copyingInto copyBuffer: PostgreSQLCopyBuffer? = nil) throws {
        if let connection = database.postgres {
            self.database = database
            self.sql = sql
            statement = nil
            postgres = PostgreSQLStatement(connection: connection, sql: PostgreSQLDialect.translate(sql), copyingInto: copyBuffer)
            return
        }
        postgres = nil
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &pointer, nil)
        guard code == SQLITE_OK, let pointer else {
            throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
        }
        self.database = database
        self.statement = pointer
        self.sql = sql
    }

    deinit {
        if let statement { sqlite3_finalize(statement) }
        for buffer in textBuffers { buffer.pointer?.deallocate() }
    }

    /// Per parameter index, the buffer its text is bound from (see `bind(_:at:)` for texts).
    private var textBuffers: [(pointer: UnsafeMutableRawPointer?, capacity: Int)] = []

    /// Binds `values` to the parameters 1...n.
    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds one value to parameter `index` (1-based).
    public func bind(_ value: SQLValue, at index: Int32) throws {
        if let postgres { return postgres.bind(value.postgreSQLText, at: index) }
        switch value {
        case .null: try check(sqlite3_bind_null(statement, index))
        case .integer(let v): try check(sqlite3_bind_int64(statement, index, v))
        case .real(let v): try check(sqlite3_bind_double(statement, index, v))
        case .text(let v): try bind(v, at: index)
        }
    }

    /// Binds an optional integer (NULL when nil).
    public func bind(_ value: Int?, at index: Int32) throws {
        if let postgres { return postgres.bind(value.map { String($0) }, at: index) }
        try check(value.map { sqlite3_bind_int64(statement, index, Int64($0)) } ?? sqlite3_bind_null(statement, index))
    }

    /// Binds an optional 64-bit integer (NULL when nil).
    public func bind(_ value: Int64?, at index: Int32) throws {
        if let postgres { return postgres.bind(value.map { String($0) }, at: index) }
        try check(value.map { sqlite3_bind_int64(statement, index, $0) } ?? sqlite3_bind_null(statement, index))
    }

    /// Binds a flag as 0 or 1.
    public func bind(_ value: Bool, at index: Int32) throws {
        if let postgres { return postgres.bind(value ? "1" : "0", at: index) }
        try check(sqlite3_bind_int64(statement, index, value ? 1 : 0))
    }

    /// Binds an optional text (NULL when nil) without SQLite copying it: its UTF-8 bytes go into a buffer the
    /// statement keeps for this parameter (reused row after row, no allocation once it is large enough) and are
    /// bound as `SQLITE_STATIC` with their length, valid until the parameter is bound again or the statement
    /// is finalized.
    public func bind(_ value: String?, at index: Int32) throws {
        if let postgres { return postgres.bind(value, at: index) }
        guard var text = value else { return try check(sqlite3_bind_null(statement, index)) }
        let code = text.withUTF8 { bytes -> Int32 in
            let buffer = textBuffer(parameter: Int(index), capacity: bytes.count)
            if let source = bytes.baseAddress, bytes.count > 0 { buffer.copyMemory(from: source, byteCount: bytes.count) }
            return sqlite3_bind_text(statement, index, buffer.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        }
        try check(code)
    }

    /// Binds an optional real (NULL when nil).
    public func bind(_ value: Double?, at index: Int32) throws {
        if let postgres { return postgres.bind(value.map { SQLValue.real($0) }?.postgreSQLText, at: index) }
        try check(value.map { sqlite3_bind_double(statement, index, $0) } ?? sqlite3_bind_null(statement, index))
    }

    /// Runs a statement whose parameters are bound to completion and resets it (bindings are kept, to be
    /// overwritten by the next row's): the allocation-free path of bulk inserts.
    public func execute() throws {
        if let postgres {
            try postgres.run()
            database.postgresChanges = postgres.affectedRows
            postgres.finish()
            return
        }
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    /// Steps a statement whose parameters are bound and returns the first column of its first row as an
    /// integer (nil without a row), then resets it.
    public func executeReturningInteger() throws -> Int64? {
        if let postgres {
            defer { postgres.finish() }
            try postgres.run()
            database.postgresChanges = postgres.affectedRows
            return postgres.rowCount > 0 ? postgres.value(row: 0, column: 0).int.map(Int64.init) : nil
        }
        defer { sqlite3_reset(statement) }
        guard try step() else { return nil }
        let value = sqlite3_column_int64(statement, 0)
        while try step() {}
        return value
    }

    private func check(_ code: Int32) throws {
        if code != SQLITE_OK { throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql) }
    }

    /// The statement's own buffer for the text of `parameter`, at least `capacity` bytes (at least 1).
    private func textBuffer(parameter: Int, capacity: Int) -> UnsafeMutableRawPointer {
        if parameter >= textBuffers.count {
            textBuffers += Array(repeating: (nil, 0), count: parameter + 1 - textBuffers.count)
        }
        if let buffer = textBuffers[parameter].pointer, textBuffers[parameter].capacity >= capacity { return buffer }
        textBuffers[parameter].pointer?.deallocate()
        let size = max(64, capacity * 2)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        textBuffers[parameter] = (buffer, size)
        return buffer
    }

    /// Steps once: true when a row is available.
    @discardableResult
    public func step() throws -> Bool {
        if let postgres {
            let hasRow = try postgres.step()
            database.postgresChanges = postgres.affectedRows
            return hasRow
        }
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DatabaseError(code: code, message: database.lastErrorMessage, sql: sql)
        }
    }

    /// Resets the statement and clears its bindings for the next use.
    public func reset() {
        if let postgres { return postgres.reset() }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// Binds, runs to completion and resets: for statements that return no row.
    public func run(_ values: [SQLValue]) throws {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    /// Binds, steps once and returns the first column as an integer (for `RETURNING id`).
    public func runReturningInteger(_ values: [SQLValue]) throws -> Int64? {
        defer { reset() }
        try bind(values)
        guard try step() else { return nil }
        let id = postgres.map { Int64($0.currentValue(column: 0).int ?? 0) } ?? sqlite3_column_int64(statement, 0)
        while try step() {}
        return id
    }

    /// Runs a query and returns the text of the first column of its first row.
    public func runReturningText(_ values: [SQLValue]) throws -> String? {
        defer { reset() }
        try bind(values)
        guard try step() else { return nil }
        let text = value(at: 0).string
        while try step() {}
        return text
    }

    /// The number of result columns (on PostgreSQL known once the statement has run: after the first `step()`).
    public var columnCount: Int { postgres?.columnCount ?? Int(sqlite3_column_count(statement)) }

    /// The value of column `index` (0-based) in the current row.
    public func value(at index: Int) -> SQLValue {
        if let postgres { return postgres.currentValue(column: index) }
        let column = Int32(index)
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_NULL: return .null
        default:
            guard let text = sqlite3_column_text(statement, column) else { return .null }
            return .text(String(cString: text))
        }
    }
}

/// Read queries run on a second connection to the same database, on a thread of their own, while the caller
/// goes on with its own queries: a figure made of independent queries uses both cores (in WAL mode readers do
/// not block each other).
final class BackgroundReader<Value>: @unchecked Sendable {
    // The connection and the work are touched by the background thread only, until `value()` has waited for it.
    private let connection: SQLiteDatabase?
    private var work: ((SQLiteDatabase) throws -> Value)?
    private var result: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new connection to `database`'s file; with `inline`, inside a transaction, or when no
    /// second connection can be opened, it runs at once on `database` itself (as for queries that need its
    /// temporary tables or its uncommitted rows).
    init(_ database: SQLiteDatabase, inline: Bool = false, _ work: @escaping (SQLiteDatabase) throws -> Value) {
        // Inside a transaction the second connection would not see its uncommitted rows: run inline then too.
        connection = inline || !database.isAutocommit ? nil : database.secondConnection()
        guard connection != nil else {
            result = Result { try work(database) }
            self.work = nil
            done.signal()
            return
        }
        self.work = work
        Thread { [self] in
            result = Result { try self.work!(self.connection!) }
            done.signal()
        }.start()
    }

    /// Waits for the work and returns its result (or rethrows its error).
    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
