import ArgumentParser
import SciCollab

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What the database holds: works by source and year, document types, country coverage, diagnostics.",
        discussion: """
            Lists the most frequent affiliations whose country could not be read and the import diagnostics.
              scicollab summary
              scicollab summary --format markdown --limit 20
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "How many unresolved affiliations and diagnostics to list.")
    var limit = 10

    func validate() throws {
        try validateCount(limit, option: "--limit")
    }

    func run() throws {
        let store = try options.openStore()
        try options.print(StandardReports.summary(try store.summary(limit: limit)))
    }
}
