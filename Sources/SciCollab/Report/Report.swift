import Foundation

/// One value in a report cell. Undefined values (a ratio over zero, a missing count) are `.null`.
public enum ReportValue: Sendable, Equatable {
    case null
    case int(Int)
    /// A real number shown with `decimals` digits in text; JSON carries the full value.
    case real(Double, decimals: Int)
    case text(String)

    /// A ratio, `.null` when the denominator is zero.
    public static func ratio(_ numerator: Double, _ denominator: Double, decimals: Int = 2) -> ReportValue {
        denominator == 0 ? .null : .real(numerator / denominator, decimals: decimals)
    }

    /// A percentage (`part / whole × 100`), `.null` when `whole` is zero.
    public static func percent(_ part: Double, of whole: Double, decimals: Int = 2) -> ReportValue {
        whole == 0 ? .null : .real(part / whole * 100, decimals: decimals)
    }

    /// An optional integer.
    public static func count(_ value: Int?) -> ReportValue { value.map(ReportValue.int) ?? .null }
}

/// A column: its JSON/CSV key and the header shown in text and Markdown.
public struct ReportColumn: Sendable {
    public let key: String
    public let header: String

    public init(_ key: String, _ header: String? = nil) {
        self.key = key
        self.header = header ?? key
    }
}

/// A table of a report: a title, what it counts, its columns and rows.
public struct ReportTable: Sendable {
    /// The key of the table in JSON output (`countries`).
    public var key: String
    public var title: String
    public var columns: [ReportColumn]
    public var rows: [[ReportValue]]
    /// Sentences that say what the figures count, over which records, by which method.
    public var notes: [String]

    public init(key: String, title: String, columns: [ReportColumn], rows: [[ReportValue]] = [], notes: [String] = []) {
        self.key = key
        self.title = title
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }
}

/// A structured JSON member of a report (objects keyed by country, arrays of per-year values).
public indirect enum JSONOutput: Sendable {
    case value(ReportValue)
    case object([(key: String, value: JSONOutput)])
    case array([JSONOutput])
}

/// A command's output: named parameters, notes and tables, rendered in any `OutputFormat`.
public struct Report: Sendable {
    public var command: String
    /// The options the figures were computed with (period, counting, ...), in order.
    public var parameters: [(key: String, value: ReportValue)]
    public var notes: [String]
    public var tables: [ReportTable]
    /// Top-level JSON members written before the tables (the JSON contract of commands such as `pair`);
    /// the text formats show the same figures through the tables.
    public var jsonMembers: [(key: String, value: JSONOutput)] = []

    public init(command: String, parameters: [(key: String, value: ReportValue)] = [], notes: [String] = [], tables: [ReportTable] = []) {
        self.command = command
        self.parameters = parameters
        self.notes = notes
        self.tables = tables
    }
}

/// The output formats of every command.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown
}
