import ArgumentParser
import Foundation
import SciCollab

@main
struct ScicollabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scicollab",
        abstract: "Turns bibliographic exports into one SQLite database and computes collaboration figures.",
        discussion: helpText("""
            Import the exports, then ask for the figures:
              scicollab import Fixtures/
              scicollab summary
              scicollab countries --format json

            The database is scicollab.sqlite in the current directory, or $SCICOLLAB_DB, or --db PATH. \
            Exit codes: 0 success; 1 a failure (records skipped, a file that could not be read, an \
            inconsistent claim); 64 a usage error (an unknown option or value); 66 a missing input (no such \
            file or database).
            """),
        version: SciCollabVersion.current,
        subcommands: [Import.self, ImportSources.self, Summary.self, Resolve.self, Countries.self, Collaboration.self, Pair.self, Pairs.self, Institutions.self, Authors.self, Fields.self, Impact.self, BaselineCommand.self, Audit.self, Explain.self, Indicators.self, Network.self, ReportCommand.self]
    )

    /// Parses the arguments, then runs the command. Only an error found while parsing (an unknown option, a
    /// value an option cannot take) prints the usage line; an error found while running prints `error: …`
    /// alone. Exit codes: 64 a usage error, 66 a missing input, 1 any other failure.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            // `scicollab help import` reaches here with the parser's request for help: the parser prints it.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") && !(error is ValidationError) && !(error is ExitCode) {
                exit(withError: error)
            }
            let failure = CommandFailure.from(error)
            if !failure.message.isEmpty { printError("error: \(failure.message)") }
            Foundation.exit(failure.code)
        }
    }
}

/// A failure found while running a command (not while parsing it): printed as `error: …` with no usage line.
/// Exit codes: 1 a failure, 64 a value the command cannot use (an unknown country), 66 a missing input.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32

    var description: String { message }

    /// Exit code 1.
    init(_ message: String) {
        self.init(message: message, code: 1)
    }

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    /// Exit code 1: the command ran and failed.
    static func failure(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 1) }
    /// Exit code 64 (EX_USAGE): an argument the command cannot use, found while running.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 64) }
    /// Exit code 66 (EX_NOINPUT): a file or database that does not exist.
    static func missingInput(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 66) }

    /// What an error thrown while running means for the user: a `ValidationError` is a usage error (64), an
    /// `ExitCode` keeps its code with nothing printed (the command has said why), anything else is a failure (1).
    static func from(_ error: Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: return failure
        case let validation as ValidationError: return .usage(validation.message)
        case let exit as ExitCode: return CommandFailure(message: "", code: exit.rawValue)
        default: return .failure("\(error)")
        }
    }
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database: a SQLite file, or a postgresql:// URL (default: $SCICOLLAB_DB, else scicollab.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: "Output format: table, csv, json, markdown, or xlsx (an Excel workbook written to --output).")
    var format: CommandFormat = .table

    @Option(name: .long, help: ArgumentHelp("Write the output to this file instead of printing it (a .xlsx name writes a workbook).", valueName: "path"))
    var output: String?

    @Flag(help: "Leave the explanatory notes out of table and markdown output.")
    var brief = false

    @Option(name: .customLong("table"), help: ArgumentHelp("Write only this table of a command that prints several (csv writes the first one without it).", valueName: "name"))
    var tableName: String?

    @Option(help: ArgumentHelp("Write every table as its own CSV and JSON file into this directory instead of printing.", valueName: "dir"))
    var outputDir: String?

    var databasePath: String { db ?? Store.defaultPath }

    /// Opens the database: read commands refuse a missing file (never create one) and open a read-only one
    /// read-only; imports create it.
    func openStore(_ access: Store.Access = .read) throws -> Store {
        do {
            return try Store(path: databasePath, access: access)
        } catch let error as StoreError {
            if case .noDatabase = error { throw CommandFailure.missingInput(error.description) }
            throw CommandFailure.failure(error.description)
        } catch {
            throw CommandFailure.failure("cannot open the database \(Store.displayPath(databasePath)): \(error)")
        }
    }

    /// The store of a command whose figures count works. A database that holds no work is an error, never a report
    /// of empty tables that reads like a finding.
    func openStoreWithWorks() throws -> Store {
        let store = try openStore()
        guard try store.database.scalar("SELECT count(*) FROM (SELECT 1 FROM works LIMIT 1) w").int == 1 else {
            throw CommandFailure.failure("\(store.database.displayPath) holds no works: nothing to count"
                + " (import exports first: scicollab import FILE --db \(store.database.displayPath))")
        }
        return store
    }

    /// The width of `table` output: `$COLUMNS`, else the terminal's width, else 100.
    static var terminalWidth: Int { terminalWidth(of: STDOUT_FILENO) }

    /// The width for lines written to `descriptor`: `$COLUMNS`, else its terminal's width, else 100.
    static func terminalWidth(of descriptor: Int32) -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), columns > 0 {
            return columns
        }
        var size = winsize()
        if isatty(descriptor) != 0, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    func validate() throws {
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx writes a workbook: name it with --output FILE.xlsx") }
        if output != nil && outputDir != nil { throw ValidationError("choose --output FILE or --output-dir DIR") }
    }

    var renderOptions: RenderOptions { RenderOptions(width: Self.terminalWidth, brief: brief) }

    /// The commands whose figures count works: their parameters say how the works were formed (definitions §9).
    static let figureCommands: Set<String> = ["countries", "collaboration", "pair", "pairs", "institutions", "fields", "impact", "explain", "audit",
                                                   "network", "authors"]

    /// Prints `report` in the chosen format, or writes its tables into `--output-dir`. `scope`: the scope of
    /// the figures, whose citation source the parameters and notes state (nil: the precedence, over every year).
    func print(_ report: Report, scope: AnalysisScope? = nil) throws {
        var report = report
        if Self.figureCommands.contains(report.command), Store.exists(databasePath),
           let store = try? Store(path: databasePath, access: .read), let merge = try? store.mergeSummary() {
            let scope = scope ?? AnalysisScope()
            report.addMergeParameters(merge, citationSource: scope.citationSource)
            if scope.citationSource != .precedence, let missing = try? store.citationCoverage(scope: scope) {
                report.notes.append(StandardReports.citationSourceNote(missing, citationSource: scope.citationSource))
            }
        }
        if let tableName {
            guard let only = report.only(table: tableName) else {
                throw CommandFailure.usage("\(report.command) has no table '\(tableName)'; its tables: \(report.tables.map(\.key).joined(separator: ", "))")
            }
            report = only
        }
        if let outputDir {
            try write(report, into: outputDir)
            return
        }
        if format == .xlsx || output != nil {
            try CommandOutput.write(report, format: format, output: output, options: renderOptions)
            return
        }
        try CommandOutput.write(report, format: format, output: nil, options: renderOptions)
        if format == .csv, tableName == nil, report.tables.count > 1, let first = report.csvTable {
            let others = report.tables.map(\.key).filter { $0 != first.key }
            printError("note: CSV of the table \(first.key); the others (\(others.joined(separator: ", "))): --table NAME, or --output-dir DIR for all")
        }
    }

    /// `DIR/<command>.json` (the whole report) and `DIR/<command>_<table>.csv` and `.json` for every table.
    func write(_ report: Report, into directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let base = report.command.replacingOccurrences(of: " ", with: "_")
            var written: [String] = []
            /// Each file written as it is rendered (a table's rows read as they are written).
            func save(_ name: String, _ write: (inout ReportFileStream) throws -> Void) throws {
                let path = (directory as NSString).appendingPathComponent(name)
                var stream = try ReportFileStream(path: path)
                try write(&stream)
                try stream.close()
                written.append(path)
            }
            try save("\(base).json") { try ReportRenderer.write(report, as: .json, to: &$0) }
            for table in report.tables {
                try save("\(base)_\(table.key).csv") { try ReportRenderer.csv(table: table, to: &$0) }
                if let only = report.only(table: table.key) {
                    try save("\(base)_\(table.key).json") { try ReportRenderer.write(only, as: .json, to: &$0) }
                }
            }
            printError("wrote \(written.count) files: \(written.joined(separator: ", "))")
        } catch {
            throw CommandFailure.failure("cannot write into \(directory): \(error.localizedDescription)")
        }
    }
}

/// Options of the commands that compute figures over a period.
struct ScopeOptions: ParsableArguments {
    @Option(help: "First publication year included.")
    var from: Int?

    @Option(help: "Last publication year included.")
    var to: Int?

    @Option(help: "The last N complete publication years present (instead of --from/--to); growth and CAGR need a period.")
    var last: Int?

    @Flag(help: "Count Taiwan, Hong Kong and Macao as China.")
    var mergeChinaRegions = false

    @Option(help: ArgumentHelp("A file of country groups (the format of Schemas/country_groups.tsv) added to the shipped ones.", valueName: "file"))
    var groups: String?

    @Option(help: ArgumentHelp("Whose citation count each work has: precedence (one record per work, definitions §9.1) or a source (\(SourceDatabase.allCases.map(\.rawValue).joined(separator: ", "))); works without a record of that source have no count.", valueName: "source"))
    var citationsFrom: String = "precedence"

    @Option(help: ArgumentHelp("How country groups count their members over time: listed (every member in every year, as SciVal) or dated (only within the years a member joined and left).", valueName: "listed|dated"))
    var membership: GroupMembership = .listed

    var scope: AnalysisScope {
        AnalysisScope(from: from, to: to, mergeChinaRegions: mergeChinaRegions, membership: membership,
                      citationSource: CitationSource(argument: citationsFrom) ?? .precedence)
    }

    /// `scope` with `--last N` resolved and the years the data hold looked up, so that headers name them.
    func period(_ scope: AnalysisScope, _ store: Store) throws -> AnalysisScope {
        if let groups, !FileManager.default.fileExists(atPath: groups) {
            throw CommandFailure.missingInput("--groups \(groups): no such file")
        }
        do {
            return try store.resolvedScope(scope, last: last)
        } catch let error as PeriodError {
            throw ValidationError(error.description)
        }
    }

    /// The shipped country groups and those of `--groups`.
    func catalog() throws -> CountryGroupCatalog {
        do {
            return try groups.map { try CountryGroupCatalog.standard.adding(file: $0) } ?? .standard
        } catch let error as CountryGroupError {
            throw ValidationError(error.description)
        }
    }

    /// Reads countries or groups (`RU`, `Russia`, `BRICS`) and returns them as codes with the scope that counts
    /// their groups as one country each.
    /// - Throws: `ValidationError` for a name that is neither, or groups that overlap each other or a country.
    func resolve(_ texts: [String]) throws -> (codes: [String], scope: AnalysisScope) {
        do {
            let catalog = try catalog()
            let entities = try texts.map { try catalog.entity($0) }
            let scope = try self.scope.with(entities)
            return (entities.map { scope.country($0.code) }, scope)
        } catch let error as CountryGroupError {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
        if last != nil && (from != nil || to != nil) { throw ValidationError("choose --last or --from/--to") }
        if let last, last < 1 { throw ValidationError("--last takes a number of years, at least 1") }
        try validateCitationSource(citationsFrom)
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension GroupMembership: ExpressibleByArgument {}

/// Rejects a negative count option (`--top`, `--limit`) as a usage error.
func validateCount(_ value: Int?, option: String) throws {
    if let value, value < 0 { throw ValidationError("\(option) must be 0 or more, not \(value)") }
}

/// Rejects a `--citations-from` that names neither the precedence nor a source.
func validateCitationSource(_ text: String) throws {
    if CitationSource(argument: text) == nil {
        throw ValidationError("--citations-from must be \(CitationSource.argumentValues.joined(separator: ", ")), not '\(text)'")
    }
}

/// Rejects a `--type` that names no collaboration type (definitions §3).
func validateCollaborationType(_ type: String?) throws {
    if let type, CollaborationType(rawValue: type) == nil {
        throw ValidationError("--type must be international, national, institutional or single")
    }
}

/// Rejects a field scheme no importer writes.
func validateScheme(_ scheme: String?) throws {
    if let scheme, !FieldSchemes.known.contains(scheme) {
        throw ValidationError("unknown field scheme '\(scheme)'; known: \(FieldSchemes.known.joined(separator: ", "))")
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A country argument as an ISO code; an unknown name is a usage failure (exit code 64) without a usage line.
func countryArgument(_ text: String) throws -> String {
    do {
        return try Store.countryCode(text)
    } catch {
        throw CommandFailure.usage("\(error)")
    }
}
