import Foundation

/// The rows of one table gathered for PostgreSQL's `COPY … FROM STDIN` (text format), in the column order of the
/// `INSERT` they stand for.
///
/// An insert that ignores conflicts (`INSERT OR IGNORE`, `ON CONFLICT DO NOTHING`) keeps the first of identical rows,
/// as the statement would; a conflict with a row already stored fails the `COPY`, and with it the import of the file
/// (the writer sends only rows it has checked are new).
final class PostgreSQLCopyBuffer {
    let table: String
    let columns: [String]
    /// Whether identical rows are sent once.
    let ignoresDuplicates: Bool
    private(set) var data: [UInt8] = []
    private(set) var rowCount = 0
    private var seenRows: Set<[String?]> = []

    /// The buffer of `insert` (`INSERT [OR IGNORE] INTO table (columns) VALUES (?, …) [ON CONFLICT …]`), nil when the
    /// statement is not of that shape.
    init?(insert sql: String) {
        let tokens = SQLTokenizer.tokens(of: sql).filter { $0.kind != .space && $0.kind != .comment }
        let words = tokens.map { $0.text.uppercased() }
        guard words.first == "INSERT", let into = words.firstIndex(of: "INTO"),
              let open = tokens[into...].firstIndex(where: { $0.text == "(" }), open > into + 1,
              let close = tokens[open...].firstIndex(where: { $0.text == ")" }) else { return nil }
        // The table, qualified or not (`pg_temp.ids`).
        table = tokens[(into + 1)..<open].map(\.text).joined()
        columns = tokens[(open + 1)..<close].filter { $0.text != "," }.map(\.text)
        let doNothing = words.indices.contains { words[$0] == "DO" && $0 + 1 < words.count && words[$0 + 1] == "NOTHING" }
        ignoresDuplicates = words.contains("IGNORE") || doNothing
    }

    /// Adds one row; returns false when it repeats a row of an insert that ignores duplicates.
    @discardableResult
    func append(_ values: [String?]) -> Bool {
        if ignoresDuplicates, !seenRows.insert(values).inserted { return false }
        for (index, value) in values.enumerated() {
            if index > 0 { data.append(UInt8(ascii: "\t")) }
            guard let value else {
                data.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): data.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): data.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): data.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): data.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0: continue  // PostgreSQL's text holds no NUL (a parameter would end there too)
                default: data.append(byte)
                }
            }
        }
        data.append(UInt8(ascii: "\n"))
        rowCount += 1
        return true
    }

    /// Empties the buffer (after a `COPY`, or when the transaction is abandoned).
    func clear() {
        data.removeAll(keepingCapacity: true)
        seenRows.removeAll(keepingCapacity: true)
        rowCount = 0
    }
}

/// The copy buffers of one writer, sent in the order they were made: tables before the tables that refer to them.
final class PostgreSQLBulkRows {
    private let connection: PostgreSQLConnection
    private var buffers: [PostgreSQLCopyBuffer] = []

    init(connection: PostgreSQLConnection) {
        self.connection = connection
    }

    /// A new buffer for the rows of `insert` (in SQLite's dialect, as every statement of the store).
    func buffer(for insert: String) throws -> PostgreSQLCopyBuffer {
        guard let buffer = PostgreSQLCopyBuffer(insert: PostgreSQLDialect.translate(insert)) else {
            throw DatabaseError(code: 1, message: "not an INSERT INTO table (columns) VALUES (…): cannot be sent with COPY", sql: insert)
        }
        buffers.append(buffer)
        return buffer
    }

    /// The bytes waiting to be sent.
    var byteCount: Int { buffers.reduce(0) { $0 + $1.data.count } }
    var isEmpty: Bool { buffers.allSatisfy { $0.rowCount == 0 } }

    /// Sends every waiting row, one `COPY` per table.
    func flush() throws {
        for buffer in buffers where buffer.rowCount > 0 {
            try connection.copy(into: buffer.table, columns: buffer.columns, data: buffer.data)
            buffer.clear()
        }
    }
}

extension PostgreSQLConnection {
    /// Runs `COPY table (columns) FROM STDIN` with `data` in COPY's text format.
    /// - Throws: `DatabaseError` with the server's message (a failed row fails the whole `COPY`).
    func copy(into table: String, columns: [String], data: [UInt8]) throws {
        let sql = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN"
        guard let started = pq.exec(handle, sql) else { throw DatabaseError(code: 1, message: errorMessage, sql: sql) }
        let status = pq.resultStatus(started)
        pq.clear(started)
        guard status == LibPQ.copyIn else { throw DatabaseError(code: 1, message: errorMessage, sql: sql) }
        var sent = true
        let chunk = 1 << 20
        data.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count, sent {
                let length = min(chunk, bytes.count - offset)
                sent = bytes.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length) {
                    pq.putCopyData(handle, $0, Int32(length)) == 1
                }
                offset += length
            }
        }
        let ended = pq.putCopyEnd(handle, sent ? nil : "the client could not send the rows") == 1
        var failure: DatabaseError?
        while let result = pq.getResult(handle) {
            if pq.resultStatus(result) != LibPQ.commandOK, failure == nil {
                let message = String(cString: pq.resultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
                let state = pq.resultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
                failure = DatabaseError(code: 1, message: message, sql: sql, sqlState: state)
            }
            pq.clear(result)
        }
        if let failure { throw failure }
        if !sent || !ended { throw DatabaseError(code: 1, message: errorMessage, sql: sql) }
    }
}
