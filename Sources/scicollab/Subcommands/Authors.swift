import ArgumentParser
import SciCollab

struct Authors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authors",
        abstract: "Author-level collaboration: authors and co-authors per paper, collaboration index, degree and coefficient.",
        discussion: helpText("""
            The indicators of bibliometrix and the Leiden Ranking (definitions §13) over all works, a country or
            group (--country), the joint works of a pair (--pair A B) or a collaboration type (--type).
              scicollab authors
              scicollab authors --country RU --from 2018 --to 2024
              scicollab authors --pair BRICS US --format json
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions
    @OptionGroup var workSet: WorkSetOptions

    @Option(help: "The works of a collaboration type: international, national, institutional or single (with --country, that country's).")
    var type: String?

    func validate() throws {
        try validateCollaborationType(type)
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        let (set, baseScope) = try workSet.set(scopeOptions, type: type.flatMap(CollaborationType.init(rawValue:)))
        let scope = try scopeOptions.period(baseScope, store)
        var report = StandardReports.authorIndicators(try store.authorIndicators(of: set, scope: scope), set: set, scope: scope)
        report.describeGroups(scope)
        try options.print(report)
    }
}
