import ArgumentParser
import SciCollab

struct Countries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per country: works (full and fractional counting), distinct authors, citations per publication.",
        discussion: """
            A work counts for every country among its authors' resolved affiliations (full counting) and
            for its author-level fractional share (definitions §4). With --group, one row per country group (definitions
            §12): works with at least one member, Σ f_X over the members, the union of their authors.
              scicollab countries
              scicollab countries --from 2018 --to 2023 --format json
              scicollab countries --group BRICS --group G7 --from 2018 --to 2024
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "Show only the first N countries.")
    var top: Int?

    @Option(name: .customLong("group"), help: "A country group (BRICS, BRICS+, EU27, G7, G20, OECD, ASEAN, AfricanUnion or one from --groups); repeat for several.")
    var groupNames: [String] = []

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func validate() throws {
        try validateCount(top, option: "--top")
    }

    func run() throws {
        let store = try options.openStore()
        let scope = try scopeOptions.period(scopeOptions.scope, store)
        let model = impactColumn.noImpact ? nil : try impactOptions.model(store, works: [])
        var rows: [CountryRow] = []
        var impact: [String: Double] = [:]
        var notes: [String] = []
        if groupNames.isEmpty {
            rows = try store.countryTable(scope: scope)
            if let model { impact = try store.meanImpactByCountry(model: model, scope: scope) }
        } else {
            // Each group in its own scope: groups may overlap one another (G7 and EU27).
            for name in groupNames {
                let (codes, resolvedScope) = try scopeOptions.resolve([name])
                let groupScope = try scopeOptions.period(resolvedScope, store)
                guard groupScope.groups.count == 1 else { throw ValidationError("\(name) is a country, not a group: leave out --group") }
                rows.append(try store.countryRow(codes[0], scope: groupScope))
                if let model, let mean = try store.meanImpact(of: [.country(codes[0])], model: model, scope: groupScope).first ?? nil {
                    impact[codes[0]] = mean
                }
                notes += groupScope.groupNotes
            }
        }
        if let top { rows = Array(rows.prefix(top)) }
        var report = StandardReports.countries(rows, scope: scope, works: try store.workCounts(scope: scope))
        report.notes += notes
        if let note = try store.sharedAffiliationsNote(scope: scope) { report.notes.append(note) }
        if let model {
            report.addImpactColumn(table: "countries", values: rows.map { row in
                impact[row.country].map { .real($0, decimals: 3) } ?? .null
            }, model: model)
        }
        try options.print(report)
    }
}
