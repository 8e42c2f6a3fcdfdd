import ArgumentParser
import Foundation
import SciCollab

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import export files (or every file in a directory) into the database.",
        discussion: helpText("""
            Each file is imported in one transaction; a file imported before (same SHA-256) is not read
            again. A record that cannot be read is reported with its file and line and skipped; the exit
            code is then 1 unless --allow-skips is given.
              scicollab import Fixtures/
              scicollab import Fixtures/scopus_2024_pybibx_13rec.csv --db study.sqlite --allow-skips
              scicollab import --dry-run Fixtures/wos_txt_2026_bibliometrix_8rec.txt    # read and check only
              scicollab import Fixtures/wos_txt_2026_bibliometrix_8rec.txt --no-merge --db coverage.sqlite
              scicollab import Fixtures/ --verbose --quiet     # list the files passed over; no progress
            A record of a paper already stored (same DOI, else PMID, else title, year and first author) joins
            its work; the report says how many merged, on which key.
            """))

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("Export files or directories.", valueName: "file|dir"))
    var paths: [String]

    @Flag(help: "Exit with 0 even when records were skipped.")
    var allowSkips = false

    @Flag(help: "Read and check the files without writing to the database: records, skips, unresolved affiliations.")
    var dryRun = false

    @Flag(help: "Keep every record a work of its own instead of merging records of the same paper (DOI, PMID, title) across files and sources.")
    var noMerge = false

    @Flag(help: "List the files of a directory that were passed over because they are not exports.")
    var verbose = false

    @Flag(help: "Show no progress on standard error (by default: a bar while standard error is a terminal, else a line every 10 s for a long file).")
    var quiet = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Read the files as this format instead of detecting it (\(Importers.all.map(\.format.id).joined(separator: ", "))).", valueName: "format"))
    var formatID: String?

    func validate() throws {
        if let formatID, Importers.named(formatID) == nil {
            throw ValidationError("unknown format '\(formatID)'; known: \(Importers.all.map(\.format.id).joined(separator: ", "))")
        }
    }

    func run() throws {
        // A database file this command creates is removed again when no file gave a record to read (every file
        // failed, or held none), so that no later command reads an empty file as a database; a file whose records
        // were all skipped keeps its diagnostics in the database. A server database is left as it is.
        let path = options.databasePath
        let createsFile = !dryRun && !path.hasPrefix("postgres") && !FileManager.default.fileExists(atPath: path)
        var store = dryRun ? nil : try options.openStore(.create)
        let walk: Store.FileWalk
        do {
            walk = try Store.walk(paths: paths)
        } catch {
            throw CommandFailure.missingInput("\(error)")
        }
        let files = walk.files
        let explicitFiles = Set(paths)
        var reports: [ImportReport] = []
        var failures: [(path: String, message: String)] = walk.unreadable.map { error in
            if case .unreadable(let path, _) = error { return (path, "\(error)") }
            return ("", "\(error)")
        }
        var notExports: [String] = []
        var unsupported = 0
        let progress = ImportProgress(files: files, quiet: quiet)
        for file in files {
            progress.begin(file)
            defer { progress.end() }
            do {
                let importer = formatID.flatMap(Importers.named)
                let report = try store?.importFile(file, as: importer, merging: !noMerge) { count in
                    progress.records(count)
                } ?? Store.checkFile(file, as: importer)
                reports.append(report)
            } catch let error as ImportError {
                guard case .unknownFormat = error else {
                    failures.append((file, "\(error)"))
                    continue
                }
                // A known export that is not read is named with what to do; a file in a directory that is no
                // export is passed over (counted, listed under --verbose); a named one is a failure.
                if let known = UnsupportedExports.identify(path: file) {
                    progress.end()
                    if explicitFiles.contains(file) {
                        failures.append((file, "\(file): \(known)"))
                    } else {
                        printError("skipped \(file): \(known)")
                        unsupported += 1
                    }
                    continue
                }
                if explicitFiles.contains(file) {
                    failures.append((file, "\(error)"))
                } else {
                    notExports.append(file)
                }
            } catch {
                failures.append((file, "\(error)"))
            }
        }
        if !notExports.isEmpty {
            printError("passed over \(notExports.count == 1 ? "1 file that is not an export" : "\(notExports.count) files that are not exports")"
                + (verbose ? ":" : " (--verbose lists them)"))
            if verbose { for file in notExports { printError("  \(file)") } }
        }
        if createsFile, reports.allSatisfy({ $0.recordsRead == 0 && $0.recordsDeleted == 0 }) {
            store = nil
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            printError("no database written at \(path): nothing was imported")
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
            let passedOver = notExports.count + unsupported
            printError("error: nothing to import in \(folders): \(passedOver == 0 ? "no files" : "\(passedOver) file(s), none a recognised export")"
                + " (formats: \(Importers.all.map(\.format.id).joined(separator: ", ")), World Bank WDI CSV)")
            throw ExitCode.failure
        }
        if !failures.isEmpty || (skipped > 0 && !allowSkips) { throw ExitCode.failure }
    }
}
