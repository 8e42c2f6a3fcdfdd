import Foundation

/// The rows of a table read while the table is written, one at a time: a table too large to hold in memory (every
/// joint work of `explain` with its records and affiliations) is handed to the renderer row by row as the database
/// returns it. Each call of `forEach` reads the rows again from the start.
///
/// A source reads the store it was made from and is used on the thread that writes the report (`@unchecked`: it is
/// carried inside a `Sendable` report, never read from two threads at once).
public final class ReportRowSource: @unchecked Sendable {
    private let produce: (_ body: ([ReportValue]) throws -> Void) throws -> Void

    /// `produce` hands every row, in order, to the closure it is given, and rethrows what that closure throws.
    public init(_ produce: @escaping (_ body: ([ReportValue]) throws -> Void) throws -> Void) {
        self.produce = produce
    }

    /// Reads the rows and hands each to `body`.
    public func forEach(_ body: ([ReportValue]) throws -> Void) throws {
        try produce(body)
    }
}

extension ReportTable {
    /// A table whose rows are read from `source` when it is written (its `rows` stay empty).
    public init(key: String, title: String, columns: [ReportColumn], rowSource: ReportRowSource, notes: [String] = []) {
        self.init(key: key, title: title, columns: columns, notes: notes)
        self.rowSource = rowSource
    }

    /// Hands every row to `body`: the rows held, or those read from `rowSource`.
    public func forEachRow(_ body: ([ReportValue]) throws -> Void) throws {
        if let rowSource {
            try rowSource.forEach(body)
        } else {
            for row in rows { try body(row) }
        }
    }

    /// The table with its rows read into `rows` (the same table when it holds them already).
    public func materialized() throws -> ReportTable {
        guard rowSource != nil else { return self }
        var copy = self
        var rows: [[ReportValue]] = []
        try forEachRow { rows.append($0) }
        copy.rows = rows
        copy.rowSource = nil
        return copy
    }
}

extension Report {
    /// The report with the rows of every table read into memory: what aligned text, Markdown and workbooks need
    /// (the widths of a column depend on all its rows). CSV and JSON are written row by row instead.
    public func materialized() throws -> Report {
        var copy = self
        copy.tables = try tables.map { try $0.materialized() }
        return copy
    }
}
