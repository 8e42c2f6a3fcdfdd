import ArgumentParser
import Foundation
import SciCollab

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import export files (or every file in a directory) into the database.",
        discussion: """
            Each file is imported in one transaction; a file imported before (same SHA-256) is not read
            again. A record that cannot be read is reported with its file and line and skipped; the exit
            code is then 1 unless --allow-skips is given.
              scicollab import Fixtures/
              scicollab import scopus.csv --db study.sqlite --allow-skips
              scicollab import --dry-run export.txt     (read and check only; nothing is written)
              scicollab import wos.txt --no-merge       (records of papers already stored stay works of their own)
            A record of a paper already stored (same DOI, else PMID, else title, year and first author) joins
            its work; the report says how many merged, on which key.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("Export files or directories.", valueName: "file|dir"))
    var paths: [String]

    @Flag(help: "Exit with 0 even when records were skipped.")
    var allowSkips = false

    @Flag(help: "Read and check the files without writing to the database: records, skips, unresolved affiliations.")
    var dryRun = false

    @Flag(help: "Keep every record a work of its own instead of merging records of the same paper (DOI, PMID, title) across files and sources.")
    var noMerge = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Read the files as this format instead of detecting it (\(Importers.all.map(\.format.id).joined(separator: ", "))).", valueName: "format"))
    var formatID: String?

    func validate() throws {
        if let formatID, Importers.named(formatID) == nil {
            throw ValidationError("unknown format '\(formatID)'; known: \(Importers.all.map(\.format.id).joined(separator: ", "))")
        }
    }

    func run() throws {
        let store = dryRun ? nil : try options.openStore(.create)
        let walk: Store.FileWalk
        do {
            walk = try Store.walk(paths: paths)
        } catch {
            throw CommandFailure.missingInput("\(error)")
        }
        let files = walk.files
        let explicitFiles = Set(paths)
        let showProgress = isatty(STDERR_FILENO) != 0
        var reports: [ImportReport] = []
        var failures: [(path: String, message: String)] = walk.unreadable.map { error in
            if case .unreadable(let path, _) = error { return (path, "\(error)") }
            return ("", "\(error)")
        }
        var passedOver = 0
        for file in files {
            if showProgress { printError("importing \(file) …") }
            do {
                let importer = formatID.flatMap(Importers.named)
                let report = try store?.importFile(file, as: importer, merging: !noMerge) { count in
                    if showProgress { printError("  \(count) records") }
                } ?? Store.checkFile(file, as: importer)
                reports.append(report)
            } catch let error as ImportError {
                // A file in a directory that is not an export is passed over; a named one is a failure.
                if case .unknownFormat = error, !explicitFiles.contains(file) {
                    printError("skipped \(file): \(error)")
                    passedOver += 1
                    continue
                }
                failures.append((file, "\(error)"))
            } catch {
                failures.append((file, "\(error)"))
            }
        }
        try options.print(StandardReports.imports(reports, failures: failures))
        for failure in failures { printError("error: \(failure.message)") }
        let read = reports.map(\.recordsRead).reduce(0, +)
        let imported = reports.map(\.recordsImported).reduce(0, +)
        let skipped = reports.map(\.recordsSkipped).reduce(0, +)
        printError("\(files.count) file(s): \(read) records read, \(imported) \(dryRun ? "readable (dry run: nothing written)" : "imported"), \(skipped) skipped"
            + (reports.contains(where: \.alreadyImported) ? " (\(reports.filter(\.alreadyImported).count) already imported, unchanged)" : ""))
        if reports.isEmpty && failures.isEmpty {
            let folders = paths.filter { !files.contains($0) }.joined(separator: ", ")
            printError("error: nothing to import in \(folders): \(passedOver == 0 ? "no files" : "\(passedOver) file(s), none a recognised export")"
                + " (formats: \(Importers.all.map(\.format.id).joined(separator: ", ")), World Bank WDI CSV)")
            throw ExitCode.failure
        }
        if !failures.isEmpty || (skipped > 0 && !allowSkips) { throw ExitCode.failure }
    }
}
