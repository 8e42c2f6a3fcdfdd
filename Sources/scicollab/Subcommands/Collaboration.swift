import ArgumentParser
import SciCollab

struct Collaboration: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collaboration",
        abstract: "Works by collaboration type: international, national, institutional, single authorship.",
        discussion: helpText("""
            The four types of the SciVal cascade (definitions §3) with works, share of the classified works and
            citations per publication, for the whole database or for the works of one country.
              scicollab collaboration
              scicollab collaboration RU --from 2018 --to 2023 --format json
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Argument(help: "A country (ISO code or name) or country group (BRICS, EU27, …); all works when left out.")
    var country: String?

    @Option(name: .customLong("country"), help: "The same as the argument.")
    var countryOption: String?

    func validate() throws {
        if country != nil && countryOption != nil { throw ValidationError("give the country once, as the argument or with --country") }
    }

    @Flag(help: "One row per year and collaboration type: works, share of the year's classified works, citations per publication.")
    var byYear = false

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func run() throws {
        let store = try options.openStoreWithWorks()
        let (codes, baseScope) = try scopeOptions.resolve([country, countryOption].compactMap { $0 })
        let code = codes.first
        let scope = try scopeOptions.period(baseScope, store)
        if byYear {
            var report = StandardReports.collaborationYears(try store.collaborationYearSeries(country: code, scope: scope), country: code, scope: scope)
            report.describeGroups(scope)
            try options.print(report, scope: scope)
            return
        }
        let breakdown = try store.collaboration(country: code, scope: scope)
        var report = StandardReports.collaboration(breakdown, country: code, scope: scope)
        report.describeGroups(scope)
        if !impactColumn.noImpact {
            let model = try impactOptions.model(store, citationSource: scope.citationSource, works: [])
            let means = try store.meanImpact(of: breakdown.rows.map { .collaboration($0.type, country: code) }, model: model, scope: scope)
            let values = means.map { mean -> ReportValue in mean.map { .real($0, decimals: 3) } ?? .null }
            report.addImpactColumn(table: "types", values: values, model: model)
        }
        try options.print(report, scope: scope)
    }
}
