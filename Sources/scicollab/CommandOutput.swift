import ArgumentParser
import Foundation
import SciCollab

/// `--format`: the text formats of `OutputFormat`, or an Excel workbook.
enum CommandFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, xlsx

    var textFormat: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

/// Where a command's report goes: standard output, a text file, or a workbook (`--format xlsx` or an
/// `--output` ending in `.xlsx`).
enum CommandOutput {
    static func write(_ report: Report, format: CommandFormat, output: String?, options: RenderOptions) throws {
        let workbook = format == .xlsx || output?.lowercased().hasSuffix(".xlsx") == true
        if workbook {
            guard let output else { throw CommandFailure.usage("--format xlsx writes a workbook: name it with --output FILE.xlsx") }
            do {
                try XLSXWorkbook.write([report], to: output)
            } catch let error as XLSXError {
                throw CommandFailure.failure(error.description)
            }
            printError("wrote \(output): \(report.tables.count) table\(report.tables.count == 1 ? "" : "s")")
            return
        }
        let text = ReportRenderer.render(report, as: format.textFormat ?? .table, options: options)
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw CommandFailure.failure("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
