import ArgumentParser
import SciCollab

struct Institutions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institutions",
        abstract: "Per institution: works (full and fractional), authors, partners, citations per publication, impact.",
        discussion: helpText("""
            An institution is the source's id where the export gives one (OpenAlex, ROR), else the folded
            institution name of definitions §1; the identity column says which. The first run after an import fills
            the institution tables (kept in the database until the data change).
              scicollab institutions --top 20
              scicollab institutions --country RU --from 2018 --to 2024 --format json
              scicollab pairs --level institution --top 20
              scicollab pair --level institution "Brigham and Women's Hospital" "Harvard Medical School"
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "Only the institutions located in this country (the country most of their affiliations give).")
    var country: String?

    @Option(help: "Show only the first N institutions.")
    var top: Int?

    @Flag(help: "One row per year and institution (the first --top institutions by works, if given).")
    var byYear = false

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func validate() throws {
        try validateCount(top, option: "--top")
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        var base = scopeOptions.scope
        let code = try country.map { try base.country(countryArgument($0)) }
        base.level = .institution
        let scope = try scopeOptions.period(base, store)
        if byYear {
            // With --top or --country, the years of the institutions the table would list; else of every institution.
            var entities: [String]?
            if top != nil || code != nil {
                let all = try store.institutionTable(country: code, scope: scope)
                entities = Array(Set((top.map { Array(all.prefix($0)) } ?? all).map(\.figures.country)))
            }
            let years = try store.yearSeries(entities: entities, scope: scope)
            try options.print(StandardReports.entityYears(years, command: "institutions", entityKey: "institution", scope: scope), scope: scope)
            return
        }
        let all = try store.institutionTable(country: code, scope: scope)
        let rows = top.map { Array(all.prefix($0)) } ?? all
        var report = StandardReports.institutions(all, top: top, country: code, scope: scope)
        if !impactColumn.noImpact {
            let model = try impactOptions.model(store, citationSource: scope.citationSource, works: [])
            let means = try store.meanImpactByCountry(model: model, scope: scope)
            report.addImpactColumn(table: "institutions", values: rows.map { row in
                means[row.figures.country].map { .real($0, decimals: 3) } ?? .null
            }, model: model)
        }
        try options.print(report, scope: scope)
    }
}
