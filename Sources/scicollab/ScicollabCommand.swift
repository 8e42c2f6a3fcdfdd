import ArgumentParser
import Foundation
import SciCollab

@main
struct ScicollabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scicollab",
        abstract: "Turns bibliographic exports into one SQLite database and computes collaboration figures.",
        discussion: """
            Import Scopus exports, then ask for the figures:
              scicollab import Fixtures/
              scicollab summary
              scicollab countries --format json
            The database is scicollab.sqlite in the current directory, or $SCICOLLAB_DB, or --db PATH.
            """,
        version: "0.1.0",
        subcommands: [Import.self, ImportSources.self, Summary.self, Countries.self, Collaboration.self, Pair.self, Pairs.self, Institutions.self, Fields.self, Impact.self, BaselineCommand.self, Audit.self, Explain.self, Indicators.self]
    )
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $SCICOLLAB_DB, else scicollab.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    var databasePath: String { db ?? Store.defaultPath }

    /// Opens the database: read commands refuse a missing file (never create one) and open a read-only one
    /// read-only; imports create it.
    func openStore(_ access: Store.Access = .read) throws -> Store {
        do {
            return try Store(path: databasePath, access: access)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("cannot open the database \(databasePath): \(error)")
        }
    }

    func print(_ report: Report) {
        let text = ReportRenderer.render(report, as: format)
        FileHandle.standardOutput.write(Data(text.utf8))
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

    var scope: AnalysisScope { AnalysisScope(from: from, to: to, mergeChinaRegions: mergeChinaRegions) }

    /// `scope` with `--last N` resolved and the years the data hold looked up, so that headers name them.
    func period(_ scope: AnalysisScope, _ store: Store) throws -> AnalysisScope {
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
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Rejects a negative count option (`--top`, `--limit`) as a usage error.
func validateCount(_ value: Int?, option: String) throws {
    if let value, value < 0 { throw ValidationError("\(option) must be 0 or more, not \(value)") }
}

/// Rejects a field scheme no importer writes.
func validateScheme(_ scheme: String?) throws {
    if let scheme, !FieldSchemes.known.contains(scheme) {
        throw ValidationError("unknown field scheme '\(scheme)'; known: \(FieldSchemes.known.joined(separator: ", "))")
    }
}

/// An error that ends a command with exit code 1 and its message (no usage text: the arguments were fine).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
