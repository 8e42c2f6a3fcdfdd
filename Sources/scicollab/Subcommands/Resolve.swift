import ArgumentParser
import Foundation
import SciCollab

struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Reads the country and institution of addresses, and says which rule of definitions §2 decided.",
        discussion: helpText("""
            No database is opened (--db is accepted and unused). Each address gives its country (or none), the rule that decided (last-component,
            last-two-components, state-zip, state-component-zip, digit-tokens-removed, trailing-alias,
            postal-component-removed, parenthesised-country, unresolved), the text it matched and the institution.
              scicollab resolve "Univ W, Xi'an, 710049 People's Republic of China."
              scicollab resolve "Univ Hong Kong, Hong Kong, Peoples R China" --source wos
              scicollab resolve --file Fixtures/addresses.txt --format csv
            """))

    @Option(help: "The export the addresses come from: scopus, wos, pubmed or openalex (Web of Science puts the organisation first).")
    var source: String = "scopus"

    @Option(help: ArgumentHelp("A file with one address per line (- for standard input).", valueName: "path"))
    var file: String?

    /// `--format`; `--db` is accepted like everywhere and not opened.
    @OptionGroup var options: GlobalOptions

    @Argument(help: "Addresses.")
    var addresses: [String] = []

    func validate() throws {
        if SourceDatabase(rawValue: source) == nil {
            throw ValidationError("--source \(source): expected one of \(SourceDatabase.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if addresses.isEmpty && file == nil { throw ValidationError("give an address or --file") }
    }

    func run() throws {
        var lines = addresses
        if let file {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard FileManager.default.fileExists(atPath: file) else { throw CommandFailure.missingInput("\(file): no such file") }
                guard let read = FileManager.default.contents(atPath: file) else { throw CommandFailure.failure("\(file): cannot be read") }
                data = read
            }
            lines += String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }
        let source = SourceDatabase(rawValue: source) ?? .scopus
        let report = StandardReports.resolvedAddresses(lines.map { ResolvedAddress($0, source: source) }, source: source)
        try options.print(report)
    }
}
