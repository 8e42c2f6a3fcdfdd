import ArgumentParser
import Foundation
import SciCollab

struct ImportSources: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-sources",
        abstract: "Loads a Scopus source list and gives Scopus works the ASJC codes of their journals.",
        discussion: helpText("""
            Scopus exports carry no subject codes. A source list (CSV with the source title and/or ISSN and
            eISSN, and the ASJC codes as "2210; 2211; 3104;") assigns them by ISSN, then eISSN, then folded
            title, with their two-digit subject areas (scheme asjc-area). Works imported later are matched too.
              scicollab import-sources Fixtures/scopus_sourcelist_title_to_asjc_biblium_excerpt.csv
            """))

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The source list (CSV).")
    var file: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw CommandFailure.missingInput("\(file): no such file") }
        let store = try options.openStore(.create)
        let report = try store.importSourceList(file)
        try options.print(StandardReports.sourceList(report, path: file))
    }
}
