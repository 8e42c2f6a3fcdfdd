import Foundation

/// One value in a report cell. Undefined values (a ratio over zero, a missing count) are `.null`.
public enum ReportValue: Sendable, Equatable {
    case null
    case int(Int)
    /// A real number shown with `decimals` digits in text; JSON carries the full value.
    case real(Double, decimals: Int)
    case text(String)
    /// A yes/no value: JSON `true`/`false`, CSV `true`/`false`, text `yes`/`no`.
    case bool(Bool)
    /// Several values: a JSON array, joined by `; ` in CSV and by `, ` in text.
    case list([String])
    /// A span of years (a period): JSON `{"from": 2018, "to": 2024}` (the bounds asked for, null for an open end), text
    /// `text` when given (the real years: `1965–2026 (every year present; 2026 incomplete)`), else `2018–2024`.
    case range(from: Int?, to: Int?, text: String? = nil)

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

/// A column: its JSON/CSV key, the header shown in text and Markdown, and how its values are shown.
public struct ReportColumn: Sendable {
    /// How a column's values are shown to people (JSON and CSV always carry the value itself).
    public enum Kind: Sendable, Equatable {
        /// Integers with thousands separators; reals with the decimals of their value.
        case automatic
        /// A share given as a fraction: shown as a percentage with 2 decimals (`0.0302` → `3.02`), the header
        /// says `%`. JSON and CSV carry the fraction.
        case share
        /// An index (FWCI, Salton, Jaccard, affinity, balance): 3 decimals.
        case index
        /// A percentage (growth, CAGR, a share given in percent): 2 decimals. With `ReportColumn.fractionKey`,
        /// JSON and CSV also carry the value as a fraction under that key.
        case percent
        /// A year, a line number or an identifier: no thousands separator.
        case plain
        /// An ISO 3166-1 alpha-2 code: shown with the country's name (`CN China`) in text and Markdown.
        case country
    }

    public let key: String
    public let header: String
    public var kind: Kind
    /// A key kept for programs only (a renamed key, readable for one more release): in JSON and CSV, not in
    /// text or Markdown.
    public var machineOnly: Bool
    /// For a column of percentages: the key under which JSON and CSV also carry the value as a fraction
    /// (`international_share` 33.2 → `international_fraction` 0.332). Shares are fractions for programs.
    public var fractionKey: String?

    public init(_ key: String, _ header: String? = nil, kind: Kind = .automatic, machineOnly: Bool = false, fractionKey: String? = nil) {
        self.key = key
        self.header = header ?? key
        self.machineOnly = machineOnly
        self.fractionKey = fractionKey
        if fractionKey != nil, kind == .automatic {
            self.kind = .percent
        } else if kind == .automatic, ReportColumn.plainKeys.contains(key) || key.hasSuffix("_line") {
            self.kind = .plain
        } else {
            self.kind = kind
        }
    }

    /// Keys whose integers are years or line numbers, never shown with a thousands separator.
    static let plainKeys: Set<String> = ["year", "line", "from", "to", "first_year", "last_year", "pmid"]
}

/// A table of a report: a title, what it counts, its columns and rows.
public struct ReportTable: Sendable {
    /// The key of the table in JSON output (`countries`).
    public var key: String
    public var title: String
    public var columns: [ReportColumn]
    public var rows: [[ReportValue]]
    /// Where the rows are read from when the table is written, for a table too large to hold (`rows` then stays
    /// empty): read them with `forEachRow`, or `materialized()` for a table that holds them.
    public var rowSource: ReportRowSource?
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
    /// The version of the JSON layout every output carries as `schema_version` (the schemas under `Schemas/`
    /// state it). 2: typed parameters, `scicollab_version`, shares as fractions (see README, "JSON keys").
    public static let schemaVersion = 2

    public var command: String
    /// The options the figures were computed with (period, counting, ...), in order.
    public var parameters: [(key: String, value: ReportValue)]
    public var notes: [String]
    public var tables: [ReportTable]
    /// Top-level JSON members written before the tables (the JSON contract of commands such as `pair`);
    /// the text formats show the same figures through the tables.
    public var jsonMembers: [(key: String, value: JSONOutput)] = []
    /// The table written by `--format csv` when no `--table` is named (default: the first).
    public var primaryTable: String?

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
