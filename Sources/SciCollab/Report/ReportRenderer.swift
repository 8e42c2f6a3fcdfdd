import Foundation

/// How a report is laid out for people: the line width of text tables and notes, and whether notes are shown.
public struct RenderOptions: Sendable {
    /// The longest line of `table` output (notes and parameters are wrapped, long text cells truncated with `…`).
    public var width: Int
    /// Leave the notes out of `table` and `markdown` output (JSON keeps them).
    public var brief: Bool

    public init(width: Int = 100, brief: Bool = false) {
        self.width = max(40, width)
        self.brief = brief
    }
}

/// Renders a `Report` as aligned text, CSV, JSON or Markdown.
public enum ReportRenderer {
    /// The report as text. Rows read from a table's `rowSource` are read here; an error reading them is thrown.
    public static func render(_ report: Report, as format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> String {
        var out = ""
        try write(report, as: format, options: options, to: &out)
        return out
    }

    /// Writes the report to `out`. CSV and JSON are written row by row, a table's `rowSource` read as it goes, so
    /// that memory stays flat however many rows it has; aligned text and Markdown read every row first (the widths
    /// of a column depend on all of them).
    public static func write(_ report: Report, as format: OutputFormat, options: RenderOptions = RenderOptions(),
                             to out: inout some TextOutputStream) throws {
        switch format {
        case .table: out.write(text(try report.materialized(), options: options))
        case .csv: if let table = report.csvTable { try csv(table: table, to: &out) }
        case .json: try json(report, to: &out)
        case .markdown: out.write(markdown(try report.materialized(), options: options))
        }
    }

    /// A value as people read it, in a column of `kind`: thousands separators, shares as percentages with 2
    /// decimals, indices with 3, `CN China` for a country code.
    public static func display(_ value: ReportValue, kind: ReportColumn.Kind = .automatic) -> String {
        switch value {
        case .null: return "—"
        case .int(let v):
            switch kind {
            case .plain: return String(v)
            case .percent: return NumberFormatting.grouped(Double(v), decimals: NumberFormatting.shareDecimals)
            case .share: return NumberFormatting.grouped(Double(v) * 100, decimals: NumberFormatting.shareDecimals)
            case .index: return NumberFormatting.grouped(Double(v), decimals: NumberFormatting.indexDecimals)
            default: return NumberFormatting.grouped(v)
            }
        case .real(let v, let decimals):
            switch kind {
            case .plain: return NumberFormatting.fixed(v, decimals: decimals)
            case .percent: return NumberFormatting.grouped(v, decimals: NumberFormatting.shareDecimals)
            case .share: return NumberFormatting.grouped(v * 100, decimals: NumberFormatting.shareDecimals)
            case .index: return NumberFormatting.grouped(v, decimals: NumberFormatting.indexDecimals)
            default: return NumberFormatting.grouped(v, decimals: decimals)
            }
        case .text(let v):
            // ASCII text without a line-break byte (most cells) has no newline to look for by `Character`.
            let plain = v.withUTF8Bytes { $0.allSatisfy { $0 < 0x80 && !(0x0A...0x0D).contains($0) } }
            let flat = !plain && v.contains(where: \.isNewline) ? v.split(whereSeparator: \.isNewline).joined(separator: " ") : v
            return kind == .country ? CountryNames.labelled(flat) : flat
        case .bool(let v): return v ? "yes" : "no"
        case .list(let items): return items.joined(separator: ", ")
        case .range(let from, let to, let text):
            if let text { return text }
            switch (from, to) {
            case (nil, nil): return "every year present (no --from/--to)"
            case let (f?, t?): return f == t ? "\(f)" : "\(f)–\(t)"
            case let (f?, nil): return "from \(f)"
            case let (nil, t?): return "to \(t)"
            }
        }
    }

    static func isNumeric(_ value: ReportValue) -> Bool {
        switch value {
        case .int, .real: return true
        default: return false
        }
    }

    // MARK: CSV

    static func csvField(_ text: String) -> String {
        var out = ""
        appendCSVField(text, to: &out)
        return out
    }

    /// Appends `text` to `out` as one CSV field: quoted when it holds a comma, quote or line break or starts or ends
    /// with a space, quotes doubled.
    static func appendCSVField(_ text: String, to out: inout String) {
        let (quoted, quotes) = text.withUTF8Bytes { bytes -> (Bool, Bool) in
            var quoted = bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " "), quotes = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): quoted = true
                case UInt8(ascii: "\""): quotes = true
                default: break
                }
            }
            return (quoted, quotes)
        }
        guard quoted || quotes else { return out.append(text) }
        out.append("\"")
        // Most quoted fields (affiliations, lists) hold a comma and no quote: wrapped as they are.
        if quotes {
            var escaped: [UInt8] = []
            escaped.reserveCapacity(text.utf8.count + 8)
            for byte in text.utf8 {
                escaped.append(byte)
                if byte == UInt8(ascii: "\"") { escaped.append(byte) }
            }
            out.append(String(decoding: escaped, as: UTF8.self))
        } else {
            out.append(text)
        }
        out.append("\"")
    }

    static func csvValue(_ value: ReportValue) -> String {
        var out = ""
        appendCSVValue(value, to: &out)
        return out
    }

    /// Appends one value to a CSV line.
    static func appendCSVValue(_ value: ReportValue, to out: inout String) {
        switch value {
        case .null: return
        case .int(let v): out.append(String(v))
        case .real(let v, _): out.append(jsonNumber(v))
        case .text(let v): appendCSVField(v, to: &out)
        case .bool(let v): out.append(v ? "true" : "false")
        case .list(let items): appendCSVField(items.joined(separator: "; "), to: &out)
        case .range: appendCSVField(display(value), to: &out)
        }
    }

    /// One table as RFC 4180 CSV: the header of keys (every column, those kept for programs included), one line per row.
    /// `--format csv` writes the table named `Report.primaryTable`, else the first; `--output-dir` every table, one
    /// file each.
    public static func csv(table: ReportTable) throws -> String {
        var out = ""
        try csv(table: table, to: &out)
        return out
    }

    /// `csv(table:)` written to `out` row by row.
    public static func csv(table: ReportTable, to out: inout some TextOutputStream) throws {
        let columns = machineColumns(table)
        out.write(columns.map { csvField($0.key) }.joined(separator: ",") + "\n")
        var line = ""
        try table.forEachRow { row in
            line.removeAll(keepingCapacity: true)
            for (index, column) in columns.enumerated() {
                if index > 0 { line += "," }
                appendCSVValue(column.value(row), to: &line)
            }
            line += "\n"
            out.write(line)
        }
    }

    /// The columns of a table for programs: every column, each percentage followed by its fraction twin.
    static func machineColumns(_ table: ReportTable) -> [(key: String, value: ([ReportValue]) -> ReportValue)] {
        table.columns.enumerated().flatMap { index, column -> [(key: String, value: ([ReportValue]) -> ReportValue)] in
            let cell: ([ReportValue]) -> ReportValue = { $0.indices.contains(index) ? $0[index] : .null }
            guard let fractionKey = column.fractionKey else { return [(column.key, cell)] }
            return [(column.key, cell), (fractionKey, { row in
                switch cell(row) {
                case .int(let v): return .real(Double(v) / 100, decimals: 4)
                case .real(let v, _): return .real(v / 100, decimals: 4)
                default: return .null
                }
            })]
        }
    }

    // MARK: JSON

    static func jsonNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return NumberFormatting.twelveDigits(value)   // 0.332, not 0.33200000000000002
    }

    static func jsonString(_ text: String) -> String {
        var out = ""
        appendJSONString(text, to: &out)
        return out
    }

    /// Appends `text` to `out` as a JSON string: quoted, with `"`, `\\` and control characters escaped.
    static func appendJSONString(_ text: String, to out: inout String) {
        let plain = text.withUTF8Bytes { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        out.append("\"")
        // Most text needs no escape: copied as it is.
        if plain {
            out.append(text)
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
        }
        out.append("\"")
    }

    static func jsonValue(_ value: ReportValue) -> String {
        var out = ""
        appendJSONValue(value, to: &out)
        return out
    }

    /// Appends one value to `out` as JSON.
    static func appendJSONValue(_ value: ReportValue, to out: inout String) {
        switch value {
        case .null: out.append("null")
        case .int(let v): out.append(String(v))
        case .real(let v, _): out.append(jsonNumber(v))
        case .text(let v): appendJSONString(v, to: &out)
        case .bool(let v): out.append(v ? "true" : "false")
        case .list(let items):
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(", ") }
                appendJSONString(item, to: &out)
            }
            out.append("]")
        case .range(let from, let to, _):
            out.append("{\"from\": \(from.map(String.init) ?? "null"), \"to\": \(to.map(String.init) ?? "null")}")
        }
    }

    static func jsonOutput(_ output: JSONOutput, indent: String) -> String {
        switch output {
        case .value(let value):
            return jsonValue(value)
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + members.map { "\(inner)\(jsonString($0.key)): \(jsonOutput($0.value, indent: inner))" }
                .joined(separator: ",\n") + "\n\(indent)}"
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            if elements.allSatisfy({ if case .value = $0 { return true } else { return false } }) {
                return "[" + elements.map { jsonOutput($0, indent: indent) }.joined(separator: ", ") + "]"
            }
            let inner = indent + "  "
            return "[\n" + elements.map { inner + jsonOutput($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        }
    }

    /// `{"scicollab_version": …, "schema_version": 2, "command": …, "parameters": {…}, "notes": […],
    /// <members>, "<table key>": [{…}, …]}`: every column of a table, those kept for programs included.
    /// Written to `out` member by member, the rows of each table one at a time.
    static func json(_ report: Report, to out: inout some TextOutputStream) throws {
        var members: [String] = []
        members.append("  \"scicollab_version\": \(jsonString(SciCollabVersion.current))")
        members.append("  \"schema_version\": \(Report.schemaVersion)")
        members.append("  \"command\": \(jsonString(report.command))")
        let parameters = report.parameters.map { "    \(jsonString($0.key)): \(jsonValue($0.value))" }
        members.append("  \"parameters\": {" + (parameters.isEmpty ? "}" : "\n" + parameters.joined(separator: ",\n") + "\n  }"))
        let notes = report.notes + report.tables.flatMap(\.notes)
        members.append("  \"notes\": [" + notes.map(jsonString).joined(separator: ", ") + "]")
        for member in report.jsonMembers {
            members.append("  \(jsonString(member.key)): \(jsonOutput(member.value, indent: "  "))")
        }
        out.write("{\n" + members.joined(separator: ",\n"))
        for table in report.tables {
            let columns = machineColumns(table)
            // Each key written once: `"key": ` before the first value, `, "key": ` before the others.
            let prefixes = columns.indices.map { (($0 == 0 ? "" : ", ") + jsonString(columns[$0].key) + ": ") }
            out.write(",\n  \(jsonString(table.key)): [")
            var first = true
            var line = ""
            try table.forEachRow { row in
                line.removeAll(keepingCapacity: true)
                line += first ? "\n    {" : ",\n    {"
                first = false
                for (index, column) in columns.enumerated() {
                    line += prefixes[index]
                    appendJSONValue(column.value(row), to: &line)
                }
                line += "}"
                out.write(line)
            }
            out.write(first ? "]" : "\n  ]")
        }
        out.write("\n}\n")
    }
}

extension Report {
    /// The table `--format csv` writes without `--table`.
    public var csvTable: ReportTable? {
        primaryTable.flatMap { key in tables.first { $0.key == key } } ?? tables.first
    }

    /// The report with only the table `key` (nil when it has none of that key); JSON then carries only its
    /// parameters, notes and that table.
    public func only(table key: String) -> Report? {
        guard let table = tables.first(where: { $0.key == key }) else { return nil }
        var copy = self
        copy.tables = [table]
        copy.jsonMembers = []
        copy.primaryTable = key
        return copy
    }
}
