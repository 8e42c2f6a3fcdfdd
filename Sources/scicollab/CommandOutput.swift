import ArgumentParser
import Foundation
import SciCollab

/// `--format`: the text formats of `OutputFormat`, or an Excel workbook.
enum CommandFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, xlsx

    var textFormat: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

/// Where a command's report goes: standard output, a text file, or a workbook (`--format xlsx` or an
/// `--output` ending in `.xlsx`). Text is written as it is rendered: CSV and JSON row by row.
enum CommandOutput {
    /// `output`: the file to write, nil for standard output.
    static func write(_ report: Report, format: CommandFormat, output: String?, options: RenderOptions) throws {
        let workbook = format == .xlsx || output?.lowercased().hasSuffix(".xlsx") == true
        if workbook {
            guard let output else { throw CommandFailure.usage("--format xlsx writes a workbook: name it with --output FILE.xlsx") }
            do {
                try XLSXWorkbook.write([report.materialized()], to: output)
            } catch let error as XLSXError {
                throw CommandFailure.failure(error.description)
            }
            printError("wrote \(output): \(report.tables.count) table\(report.tables.count == 1 ? "" : "s")")
            return
        }
        guard let output else {
            var stream = ReportFileStream(handle: .standardOutput)
            try ReportRenderer.write(report, as: format.textFormat ?? .table, options: options, to: &stream)
            try stream.close()
            return
        }
        var stream: ReportFileStream
        do {
            stream = try ReportFileStream(path: output)
        } catch {
            throw CommandFailure.failure("cannot write \(output): \(error.localizedDescription)")
        }
        do {
            try ReportRenderer.write(report, as: format.textFormat ?? .table, options: options, to: &stream)
            try stream.close()
        } catch {
            // No partial file is left behind to be read as the whole output.
            try? stream.close()
            try? FileManager.default.removeItem(atPath: output)
            if error is DatabaseError { throw error }
            throw CommandFailure.failure("cannot write \(output): \(error.localizedDescription)")
        }
    }
}
