import Foundation

/// A libpq connection to a PostgreSQL server, used from one thread at a time.
///
/// Statements arrive already in PostgreSQL's dialect (`PostgreSQLDialect`); parameters travel as text and the
/// server infers their types from where they stand, as SQLite's loose typing lets the store's code assume.
final class PostgreSQLConnection {
    private let connection: OpaquePointer
    /// libpq's functions.
    let pq: LibPQ
    /// The URL the connection was opened with, without its password.
    let displayURL: String
    private var statementCount = 0

    /// Connects to `url` (`postgresql://user@host:port/database?…`).
    /// - Throws: `DatabaseError` with the server's message when the connection fails.
    init(url: String) throws {
        let pq = try LibPQ.loaded()
        self.pq = pq
        guard let connection = pq.connectdb(url) else {
            throw DatabaseError(code: 1, message: "\(Self.redacted(url)): cannot allocate a connection", sql: nil)
        }
        guard pq.status(connection) == LibPQ.connectionOK else {
            let message = String(cString: pq.errorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            pq.finish(connection)
            throw DatabaseError(code: 1, message: "\(Self.redacted(url)): \(message)", sql: nil, sqlState: "08001")
        }
        self.connection = connection
        displayURL = Self.redacted(url)
        // Notices ("relation already exists, skipping") are not errors; keep them off stderr.
        _ = try execute("SET client_min_messages = warning")
    }

    deinit { pq.finish(connection) }

    /// The libpq connection, for the calls of other files (`COPY`).
    var handle: OpaquePointer { connection }
    /// The connection's last error message.
    var errorMessage: String { String(cString: pq.errorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Whether `path` names a PostgreSQL database rather than a SQLite file.
    static func isURL(_ path: String) -> Bool {
        path.hasPrefix("postgresql://") || path.hasPrefix("postgres://")
    }

    /// `url` with the password replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// False while a transaction is open.
    var isIdle: Bool { pq.transactionStatus(connection) == LibPQ.transactionIdle }

    /// Runs one or more statements without parameters; returns the result of the last.
    @discardableResult
    func execute(_ sql: String) throws -> PostgreSQLResult? {
        // A statement the dialect dropped (a PRAGMA) leaves nothing to send.
        guard sql.contains(where: { !$0.isWhitespace }) else { return nil }
        return try check(pq.exec(connection, sql), sql: sql)
    }

    /// Runs one statement with text parameters (nil: NULL), unprepared.
    @discardableResult
    func execute(_ sql: String, parameters: [String?]) throws -> PostgreSQLResult? {
        if parameters.isEmpty { return try execute(sql) }
        return try withCStrings(parameters) { values in
            try check(pq.execParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0), sql: sql)
        }
    }

    /// Runs one query with text parameters and hands each row to `body` as it arrives (libpq's single-row mode), so
    /// that the client holds one row at a time however large the result. When `body` throws, the rest of the result
    /// is read and dropped (the connection must be idle again) and the error rethrown.
    func forEachRow(_ sql: String, parameters: [String?], _ body: (PostgreSQLResult) throws -> Void) throws {
        let sent = withCStrings(parameters) { values in
            pq.sendQueryParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0) == 1
        }
        guard sent else { throw failure(sql: sql) }
        _ = pq.setSingleRowMode(connection)
        var thrown: Error?
        while let result = pq.getResult(connection) {
            let status = pq.resultStatus(result)
            if status == LibPQ.singleTuple, thrown == nil {
                do { try body(PostgreSQLResult(result, pq: pq)) } catch { thrown = error }
            } else if status == LibPQ.singleTuple || status == LibPQ.tuplesOK || status == LibPQ.commandOK {
                pq.clear(result)
            } else if thrown == nil {
                do { _ = try check(result, sql: sql) } catch { thrown = error }
            } else {
                pq.clear(result)
            }
        }
        if let thrown { throw thrown }
    }

    /// Prepares `sql` on the server under a new name and returns the name.
    func prepare(_ sql: String) throws -> String {
        statementCount += 1
        let name = "s\(statementCount)"
        _ = try check(pq.prepare(connection, name, sql, 0, nil), sql: sql)
        return name
    }

    /// Runs the prepared statement `name` with text parameters.
    func executePrepared(_ name: String, parameters: [String?], sql: String) throws -> PostgreSQLResult {
        try withCStrings(parameters) { values in
            try check(pq.execPrepared(connection, name, Int32(parameters.count), values, nil, nil, 0), sql: sql)
        }
    }

    /// Frees a prepared statement (errors are ignored: in an aborted transaction it is freed with the session).
    func deallocate(_ name: String) {
        pq.clear(pq.exec(connection, "DEALLOCATE \(name)"))
    }

    /// `value` as a quoted literal, for statements that take no parameters (DDL).
    func literal(_ value: String?) -> String {
        guard let value else { return "NULL" }
        guard let escaped = pq.escapeLiteral(connection, value, value.utf8.count) else { return "NULL" }
        defer { pq.freemem(escaped) }
        return String(cString: escaped)
    }

    private func failure(sql: String) -> DatabaseError {
        DatabaseError(code: 1, message: String(cString: pq.errorMessage(connection)), sql: sql)
    }

    /// Takes ownership of `result`; throws the server's error when the statement failed.
    private func check(_ result: OpaquePointer?, sql: String) throws -> PostgreSQLResult {
        guard let result else { throw failure(sql: sql) }
        switch pq.resultStatus(result) {
        case LibPQ.commandOK, LibPQ.tuplesOK, LibPQ.emptyQuery:
            return PostgreSQLResult(result, pq: pq)
        default:
            let message = String(cString: pq.resultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            let state = pq.resultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            pq.clear(result)
            // Lock and serialization failures are what SQLite calls busy.
            let busy = state.map { ["55P03", "40001", "40P01", "57014"].contains($0) } ?? false
            throw DatabaseError(code: busy ? 5 : 1, message: message, sql: sql, sqlState: state)
        }
    }

    private func withCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> T) rethrows -> T {
        let pointers = strings.map { $0.map { UnsafePointer(strdup($0)!) } }
        defer { for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) } }
        return try body(pointers)
    }
}

/// The rows of one statement's result, held by the client.
final class PostgreSQLResult {
    private let result: OpaquePointer
    private let pq: LibPQ
    let rowCount: Int
    let columnCount: Int
    private let types: [LibPQ.Oid]

    init(_ result: OpaquePointer, pq: LibPQ) {
        self.result = result
        self.pq = pq
        rowCount = Int(pq.ntuples(result))
        columnCount = Int(pq.nfields(result))
        types = (0..<Int32(pq.nfields(result))).map { pq.ftype(result, $0) }
    }

    deinit { pq.clear(result) }

    /// Rows changed by the statement (`INSERT`, `UPDATE`, `DELETE`), 0 for others.
    var affectedRows: Int { Int(String(cString: pq.cmdTuples(result))) ?? 0 }

    /// The value at `row`, `column` (0-based), typed as SQLite would give it: booleans as 0 or 1, `numeric` as an
    /// integer when it has no fraction.
    func value(row: Int, column: Int) -> SQLValue {
        let r = Int32(row), c = Int32(column)
        if pq.getisnull(result, r, c) != 0 { return .null }
        guard let raw = pq.getvalue(result, r, c) else { return .null }
        let text = String(cString: raw)
        switch types[column] {
        case 16: return .integer(text == "t" ? 1 : 0)
        case 20, 21, 23, 26: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 700, 701: return Double(text).map(SQLValue.real) ?? .text(text)
        case 1700:
            if !text.contains("."), !text.contains("e"), let integer = Int64(text) { return .integer(integer) }
            return Double(text).map(SQLValue.real) ?? .text(text)
        default: return .text(text)
        }
    }
}
