import Foundation

/// A statement of `PreparedStatement` on PostgreSQL: text parameters bound one by one, run on the first `step()`,
/// its rows then read from the client-side result.
///
/// A statement run more than once is prepared on the server at its second run (a one-off query costs one round
/// trip, a bulk insert is parsed and planned once). Statements that PostgreSQL cannot prepare (DDL such as
/// `CREATE TABLE … AS SELECT … WHERE x = ?`) get their parameters as quoted literals instead.
final class PostgreSQLStatement {
    private let connection: PostgreSQLConnection
    private let sql: String
    private let preparable: Bool
    private var parameters: [String?] = []
    private var preparedName: String?
    private var runs = 0
    private var result: PostgreSQLResult?
    private var row = -1
    /// Where a bulk insert's rows go instead of the server (`SQLiteDatabase.prepare(_:copyingInto:)`).
    private let copyBuffer: PostgreSQLCopyBuffer?
    /// Whether this run's row was gathered (false: a duplicate an ignoring insert drops); nil before the run.
    private var copiedRow: Bool?

    init(connection: PostgreSQLConnection, sql: String, copyingInto copyBuffer: PostgreSQLCopyBuffer? = nil) {
        self.connection = connection
        self.sql = sql
        self.copyBuffer = copyBuffer
        let first = SQLTokenizer.tokens(of: sql).first { $0.kind == .word }?.text.uppercased() ?? ""
        preparable = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES"].contains(first)
    }

    deinit { if let preparedName { connection.deallocate(preparedName) } }

    /// Binds `value` (nil: NULL) to parameter `index` (1-based).
    func bind(_ value: String?, at index: Int32) {
        let position = Int(index) - 1
        if position >= parameters.count { parameters += Array(repeating: nil, count: position + 1 - parameters.count) }
        parameters[position] = value
    }

    /// Runs the statement with its bound parameters (once; `finish()` or `reset()` lets it run again).
    func run() throws {
        if let copyBuffer {
            // A row of a bulk insert: gathered once per run, sent with the others by `COPY`.
            if copiedRow == nil { copiedRow = copyBuffer.append(parameters) }
            return
        }
        guard result == nil else { return }
        runs += 1
        if !preparable {
            result = try connection.execute(parameters.isEmpty ? sql : inlined())
        } else if let preparedName {
            result = try connection.executePrepared(preparedName, parameters: parameters, sql: sql)
        } else if runs >= 2 {
            let name = try connection.prepare(sql)
            preparedName = name
            result = try connection.executePrepared(name, parameters: parameters, sql: sql)
        } else {
            result = try connection.execute(sql, parameters: parameters)
        }
        row = -1
    }

    /// Runs the statement if it has not run yet and moves to the next row: true when there is one.
    func step() throws -> Bool {
        try run()
        row += 1
        return row < (result?.rowCount ?? 0)
    }

    var affectedRows: Int { copyBuffer == nil ? result?.affectedRows ?? 0 : (copiedRow == true ? 1 : 0) }
    var rowCount: Int { result?.rowCount ?? 0 }
    var columnCount: Int { result?.columnCount ?? 0 }

    func value(row: Int, column: Int) -> SQLValue { result?.value(row: row, column: column) ?? .null }

    /// The value of `column` in the current row.
    func currentValue(column: Int) -> SQLValue { row >= 0 ? value(row: row, column: column) : .null }

    /// Forgets the result, keeps the parameters (for the next row of a bulk insert).
    func finish() {
        result = nil
        row = -1
        copiedRow = nil
    }

    /// Forgets the result and the parameters.
    func reset() {
        finish()
        parameters = parameters.map { _ in nil }
    }

    /// The statement with `$n` replaced by the quoted literal of parameter n.
    private func inlined() -> String {
        var tokens = SQLTokenizer.tokens(of: sql)
        for index in tokens.indices where tokens[index].text.hasPrefix("$") {
            if let number = Int(tokens[index].text.dropFirst()), number >= 1, number <= parameters.count {
                tokens[index].text = connection.literal(parameters[number - 1])
            }
        }
        return tokens.map(\.text).joined()
    }
}

extension SQLValue {
    /// The value as PostgreSQL's text input (nil: NULL).
    var postgreSQLText: String? {
        switch self {
        case .null: return nil
        case .integer(let value): return String(value)
        case .real(let value):
            if value.isNaN { return "NaN" }
            if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
            return "\(value)"
        case .text(let value): return value
        }
    }
}
