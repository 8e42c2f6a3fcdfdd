import CXlsxWriter
import Foundation

/// Why a workbook could not be written.
public struct XLSXError: Error, CustomStringConvertible {
    public var description: String
}

/// Writes reports as an Excel workbook (libxlsxwriter): a sheet `About` with each report's parameters and
/// notes, then one sheet per table with a bold header row, numbers as numbers, percentages with a percent
/// format (the value divided by 100, so Excel shows `13.04%` for 13.04), text as text and undefined values as
/// empty cells; the table's notes follow the rows.
public enum XLSXWorkbook {
    /// A column of shares given as fractions (kind `.share`): written as they are with a percent format.
    static func isFraction(_ column: ReportColumn) -> Bool { column.kind == .share }

    /// A column holds percentages (values × 100) when its key says so (`share…`, `…_share`, `growth`, `cagr`,
    /// `percent`, `…_pct`) or its header contains `%`, and its kind is not `.share`.
    static func isPercent(_ column: ReportColumn) -> Bool {
        guard column.kind != .share else { return false }
        let key = column.key
        return key == "share" || key.hasPrefix("share_") || key.hasSuffix("_share") || key == "growth" || key == "cagr"
            || key == "percent" || key.hasSuffix("_pct") || column.header.contains("%")
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
    static func sheetName(_ wanted: String, taken: inout Set<String>) -> String {
        var base = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if base.isEmpty { base = "Sheet" }
        var name = base, number = 2
        while taken.contains(name.lowercased()) {
            let suffix = "_\(number)"
            name = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// Writes `reports` to `path`. Table sheets are named by table key (prefixed by the command when several
    /// reports have tables with the same key).
    public static func write(_ reports: [Report], to path: String) throws {
        guard let workbook = workbook_new(path) else { throw XLSXError(description: "cannot create the workbook \(path)") }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let percent = workbook_add_format(workbook)
        format_set_num_format(percent, "0.00%")
        let decimal = workbook_add_format(workbook)
        format_set_num_format(decimal, "0.00")
        let decimal3 = workbook_add_format(workbook)
        format_set_num_format(decimal3, "0.000")
        let italic = workbook_add_format(workbook)
        format_set_italic(italic)
        var taken = Set<String>()

        let about = workbook_add_worksheet(workbook, sheetName("About", taken: &taken))
        worksheet_set_column(about, 0, 0, 28, nil)
        worksheet_set_column(about, 1, 1, 90, nil)
        var row: lxw_row_t = 0
        for report in reports {
            worksheet_write_string(about, row, 0, "command", bold)
            worksheet_write_string(about, row, 1, report.command, bold)
            row += 1
            for parameter in report.parameters {
                worksheet_write_string(about, row, 0, parameter.key, nil)
                write(parameter.value, to: about, row: row, column: 1, format: nil)
                row += 1
            }
            for note in report.notes {
                worksheet_write_string(about, row, 1, note, italic)
                row += 1
            }
            row += 1
        }

        let keys = reports.flatMap { $0.tables.map(\.key) }
        for report in reports {
            for table in report.tables {
                let wanted = keys.filter { $0 == table.key }.count > 1 ? "\(report.command)_\(table.key)" : table.key
                let sheet = workbook_add_worksheet(workbook, sheetName(wanted, taken: &taken))
                let percentColumns = table.columns.map(isPercent), fractionColumns = table.columns.map(isFraction)
                for (column, header) in table.columns.enumerated() {
                    worksheet_write_string(sheet, 0, lxw_col_t(column), header.header, bold)
                    let width = max(Double(header.header.count) + 2, 10)
                    worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), min(width, 40), nil)
                }
                worksheet_freeze_panes(sheet, 1, 0)
                for (index, cells) in table.rows.enumerated() {
                    let r = lxw_row_t(index + 1)
                    for (column, value) in cells.enumerated() {
                        let isPercent = column < percentColumns.count && percentColumns[column]
                        var format: UnsafeMutablePointer<lxw_format>? = nil
                        var cell = value
                        if column < fractionColumns.count && fractionColumns[column], ReportRenderer.isNumeric(value) {
                            format = percent
                        } else if isPercent, case .real(let v, let d) = value {
                            cell = .real(v / 100, decimals: d)
                            format = percent
                        } else if isPercent, case .int(let v) = value {
                            cell = .real(Double(v) / 100, decimals: 2)
                            format = percent
                        } else if case .real(_, let d) = value {
                            format = d >= 3 ? decimal3 : decimal
                        }
                        write(cell, to: sheet, row: r, column: lxw_col_t(column), format: format)
                    }
                }
                var noteRow = lxw_row_t(table.rows.count + 2)
                worksheet_write_string(sheet, noteRow, 0, table.title, bold)
                for note in table.notes {
                    noteRow += 1
                    worksheet_write_string(sheet, noteRow, 0, note, italic)
                }
            }
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw XLSXError(description: "cannot write the workbook \(path): \(String(cString: lxw_strerror(status)))")
        }
    }

    private static func write(_ value: ReportValue, to sheet: UnsafeMutablePointer<lxw_worksheet>?, row: lxw_row_t, column: lxw_col_t,
                              format: UnsafeMutablePointer<lxw_format>?) {
        switch value {
        case .null: break
        case .int(let v): worksheet_write_number(sheet, row, column, Double(v), format)
        case .real(let v, _):
            if v.isFinite { worksheet_write_number(sheet, row, column, v, format) }
        case .text(let v): worksheet_write_string(sheet, row, column, v, nil)
        case .bool(let v): worksheet_write_boolean(sheet, row, column, v ? 1 : 0, nil)
        case .list, .range: worksheet_write_string(sheet, row, column, ReportRenderer.display(value, kind: .plain), nil)
        }
    }
}
