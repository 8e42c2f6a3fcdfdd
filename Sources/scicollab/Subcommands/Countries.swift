import ArgumentParser
import SciCollab

struct Countries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per country: works (full and fractional counting), distinct authors, citations per publication.",
        discussion: """
            A work counts for every country among its authors' resolved affiliations (full counting) and
            for its author-level fractional share (SPEC §4).
              scicollab countries
              scicollab countries --from 2018 --to 2023 --format json
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "Show only the first N countries.")
    var top: Int?

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func validate() throws {
        try validateCount(top, option: "--top")
    }

    func run() throws {
        let store = try options.openStore()
        let scope = scopeOptions.scope
        var rows = try store.countryTable(scope: scope)
        if let top { rows = Array(rows.prefix(top)) }
        var report = StandardReports.countries(rows, scope: scope, works: try store.workCounts(scope: scope))
        if !impactColumn.noImpact {
            let model = try impactOptions.model(store, works: [])
            let means = try store.meanImpactByCountry(model: model, scope: scope)
            report.addImpactColumn(table: "countries", values: rows.map { row in
                means[row.country].map { .real($0, decimals: 3) } ?? .null
            }, model: model)
        }
        options.print(report)
    }
}
