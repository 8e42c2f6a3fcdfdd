import Foundation

/// Renders a `Report` as aligned text, CSV, JSON or Markdown.
public enum ReportRenderer {
    public static func render(_ report: Report, as format: OutputFormat) -> String {
        switch format {
        case .table: return text(report)
        case .csv: return csv(report)
        case .json: return json(report)
        case .markdown: return markdown(report)
        }
    }

    static func display(_ value: ReportValue) -> String {
        switch value {
        case .null: return "—"
        case .int(let v): return String(v)
        case .real(let v, let decimals): return String(format: "%.\(decimals)f", v)
        case .text(let v): return v
        }
    }

    static func isNumeric(_ value: ReportValue) -> Bool {
        switch value {
        case .int, .real: return true
        default: return false
        }
    }

    // MARK: text

    static func text(_ report: Report) -> String {
        var out = ""
        if !report.parameters.isEmpty {
            out += report.parameters.map { "\($0.key): \(display($0.value))" }.joined(separator: "  ·  ") + "\n"
        }
        for note in report.notes { out += note + "\n" }
        for table in report.tables {
            if !out.isEmpty { out += "\n" }
            out += table.title + "\n"
            for note in table.notes { out += "  " + note + "\n" }
            let cells = table.rows.map { $0.map(display) }
            let widths = table.columns.indices.map { column in
                max(table.columns[column].header.count, cells.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0)
            }
            func line(_ values: [String], numeric: [Bool]) -> String {
                values.enumerated().map { index, value in
                    let pad = String(repeating: " ", count: max(0, widths[index] - value.count))
                    return numeric[index] ? pad + value : value + pad
                }.joined(separator: "  ").trimmingCharacters(in: CharacterSet(charactersIn: " ")) + "\n"
            }
            let numericColumns = table.columns.indices.map { column in
                table.rows.contains { $0.indices.contains(column) && isNumeric($0[column]) }
            }
            out += line(table.columns.map(\.header), numeric: numericColumns)
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in cells { out += line(row, numeric: numericColumns) }
            if table.rows.isEmpty { out += "(none)\n" }
        }
        return out
    }

    // MARK: CSV

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func csvValue(_ value: ReportValue) -> String {
        switch value {
        case .null: return ""
        case .int(let v): return String(v)
        case .real(let v, _): return jsonNumber(v)
        case .text(let v): return csvField(v)
        }
    }

    /// One table: plain RFC 4180. Several tables: each preceded by a `# title` line and separated by a
    /// blank line.
    static func csv(_ report: Report) -> String {
        var out = ""
        let several = report.tables.count > 1
        for table in report.tables {
            if several {
                if !out.isEmpty { out += "\n" }
                out += "# \(table.key)\n"
            }
            out += table.columns.map { csvField($0.key) }.joined(separator: ",") + "\n"
            for row in table.rows { out += row.map(csvValue).joined(separator: ",") + "\n" }
        }
        return out
    }

    // MARK: JSON

    static func jsonNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
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
        return out + "\""
    }

    static func jsonValue(_ value: ReportValue) -> String {
        switch value {
        case .null: return "null"
        case .int(let v): return String(v)
        case .real(let v, _): return jsonNumber(v)
        case .text(let v): return jsonString(v)
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

    /// `{"command": …, "parameters": {…}, "notes": […], "<table key>": [{…}, …], "table_notes": {…}}`
    static func json(_ report: Report) -> String {
        var members: [String] = []
        members.append("  \"command\": \(jsonString(report.command))")
        let parameters = report.parameters.map { "    \(jsonString($0.key)): \(jsonValue($0.value))" }
        members.append("  \"parameters\": {" + (parameters.isEmpty ? "}" : "\n" + parameters.joined(separator: ",\n") + "\n  }"))
        let notes = report.notes + report.tables.flatMap(\.notes)
        members.append("  \"notes\": [" + notes.map(jsonString).joined(separator: ", ") + "]")
        for member in report.jsonMembers {
            members.append("  \(jsonString(member.key)): \(jsonOutput(member.value, indent: "  "))")
        }
        for table in report.tables {
            let rows = table.rows.map { row in
                "    {" + zip(table.columns, row).map { "\(jsonString($0.key)): \(jsonValue($1))" }.joined(separator: ", ") + "}"
            }
            members.append("  \(jsonString(table.key)): [" + (rows.isEmpty ? "]" : "\n" + rows.joined(separator: ",\n") + "\n  ]"))
        }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    // MARK: Markdown

    static func markdown(_ report: Report) -> String {
        var out = ""
        if !report.parameters.isEmpty {
            out += report.parameters.map { "**\($0.key)**: \(display($0.value))" }.joined(separator: " · ") + "\n\n"
        }
        for note in report.notes { out += note + "\n\n" }
        for table in report.tables {
            out += "### \(table.title)\n\n"
            for note in table.notes { out += "_\(note)_\n\n" }
            func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
            out += "| " + table.columns.map { cell($0.header) }.joined(separator: " | ") + " |\n"
            let numeric = table.columns.indices.map { c in table.rows.contains { $0.indices.contains(c) && isNumeric($0[c]) } }
            out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for row in table.rows { out += "| " + row.map { cell(display($0)) }.joined(separator: " | ") + " |\n" }
            out += "\n"
        }
        return out
    }
}
