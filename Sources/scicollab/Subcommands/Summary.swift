import ArgumentParser
import SciCollab

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "What the database holds: works by source and year, document types, country coverage, diagnostics.",
        discussion: helpText("""
            Lists the most frequent affiliations whose country could not be read and the import diagnostics.
              scicollab summary
              scicollab summary --format markdown --limit 20
            """))

    @OptionGroup var options: GlobalOptions

    @Option(help: "How many rows every list holds: years (the earlier summed in one row), document types per group (the others summed), unresolved affiliations, imports (the latest), diagnostics.")
    var limit = 10

    func validate() throws {
        try validateCount(limit, option: "--limit")
    }

    func run() throws {
        let store = try options.openStore()
        try options.print(StandardReports.summary(try store.summary(limit: limit), limit: limit))
    }
}
