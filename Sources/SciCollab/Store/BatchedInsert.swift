import Foundation

/// The `INSERT` of one table whose rows an import sends several at a time, in one statement: for the tables no later
/// row refers to (links, fields, citations, the derived rows), running one statement per row costs a tenth of the
/// store's time (`Benchmarks/README.md`). Rows are bound as they come, each at its place among the statement's
/// parameters; the statement runs when it holds `rowsPerStatement` rows, and `flush()` sends the rows that wait
/// (the places left empty get a NULL first column, which the statement leaves out). The writer flushes before anything
/// reads, replaces or removes rows of the work just written (a merge, a replacement, a deletion, the kept author
/// counts) and at the end of the file, so that every read sees every row written before, as with one row at a time.
///
/// With one row per statement (on PostgreSQL, whose rows already go with `COPY`, or where the caller reads each row's
/// changes) it is the plain statement, run at once.
final class BatchedInsert {
    private let statement: PreparedStatement
    private let columns: Int32
    let rowsPerStatement: Int
    /// The rows bound and not yet sent.
    private(set) var waiting = 0

    /// The rows per statement of an import into SQLite.
    static let rowsPerStatement = 100

    /// - Parameters:
    ///   - insert: the statement up to its values, e.g. `INSERT OR IGNORE INTO t (a, b)`.
    ///   - columns: the number of columns it names; the first must never be NULL in a row (a work or authorship id).
    ///   - conflict: what follows the values (`ON CONFLICT … DO …`), or "".
    ///   - rows: rows per statement (1: the plain statement).
    init(database: SQLiteDatabase, insert: String, columns: Int, conflict: String = "", rows: Int,
         copyingInto copyRows: PostgreSQLBulkRows? = nil) throws {
        let one = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let sql = rows == 1
            ? "\(insert) VALUES \(one)" + (conflict.isEmpty ? "" : " \(conflict)")
            // A SELECT before ON CONFLICT needs a WHERE (SQLite's parsing); here it also leaves out the empty places.
            : "\(insert) SELECT * FROM (VALUES \(Array(repeating: one, count: rows).joined(separator: ", "))) WHERE column1 IS NOT NULL \(conflict)"
        statement = try database.prepare(sql, copyingInto: rows == 1 ? copyRows : nil)
        self.columns = Int32(columns)
        rowsPerStatement = rows
    }

    private var offset: Int32 { Int32(waiting) * columns }

    func bind(_ value: Int?, at index: Int32) throws { try statement.bind(value, at: offset + index) }
    func bind(_ value: Int64?, at index: Int32) throws { try statement.bind(value, at: offset + index) }
    func bind(_ value: Bool, at index: Int32) throws { try statement.bind(value, at: offset + index) }
    func bind(_ value: String?, at index: Int32) throws { try statement.bind(value, at: offset + index) }
    func bind(_ value: Double?, at index: Int32) throws { try statement.bind(value, at: offset + index) }

    /// Ends the row just bound; sends the rows when the statement is full.
    func execute() throws {
        waiting += 1
        guard waiting == rowsPerStatement else { return }
        waiting = 0
        try statement.execute()
    }

    /// Sends the rows that wait.
    func flush() throws {
        guard waiting > 0 else { return }
        for row in waiting..<rowsPerStatement { try statement.bind(nil as Int64?, at: Int32(row) * columns + 1) }
        waiting = 0
        try statement.execute()
    }
}
