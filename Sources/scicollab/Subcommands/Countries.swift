import ArgumentParser
import SciCollab

struct Countries: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "countries",
        abstract: "Per country: works (full and fractional counting), distinct authors, citations per publication.",
        discussion: helpText("""
            A work counts for every country among its authors' resolved affiliations (full counting) and
            for its author-level fractional share (definitions §4). With --group, one row per country group (definitions
            §12): works with at least one member, Σ f_X over the members, the union of their authors.
              scicollab countries
              scicollab countries --from 2018 --to 2023 --format json
              scicollab countries --group BRICS --group G7 --from 2018 --to 2024
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "Show only the first N countries.")
    var top: Int?

    @Option(name: .customLong("group"), help: "A country group (BRICS, BRICS+, EU27, G7, G20, OECD, ASEAN, AfricanUnion or one from --groups); repeat for several.")
    var groupNames: [String] = []

    @Flag(help: "One row per year and country (or group): works, fractional works, authors, citations per publication, international works.")
    var byYear = false

    @Flag(help: "Add the table of the corresponding author's country: SCP, MCP and MCP ratio beside the all-author figures.")
    var corresponding = false

    @Option(help: "Authors counted: all (ids and name keys) or ids (only authors identified by an id; the name-keyed ones left out are shown).")
    var authorIdentity: AuthorIdentityOption = .all

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func validate() throws {
        try validateCount(top, option: "--top")
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        let scope = try scopeOptions.period(scopeOptions.scope, store)
        if byYear {
            try options.print(try yearReport(store, scope: scope), scope: scope)
            return
        }
        let model = impactColumn.noImpact ? nil : try impactOptions.model(store, citationSource: scope.citationSource, works: [])
        var rows: [CountryRow] = []
        var impact: [String: Double] = [:]
        var notes: [String] = []
        var groupsScope = scope
        var correspondingRows: [CorrespondingAuthorRow] = []
        if groupNames.isEmpty {
            rows = try store.countryTable(scope: scope, authorIdentity: authorIdentity)
            if let model { impact = try store.meanImpactByCountry(model: model, scope: scope) }
            if corresponding { correspondingRows = try store.correspondingAuthorTable(scope: scope) }
        } else {
            // Each group in its own scope: groups may overlap one another (G7 and EU27).
            for name in groupNames {
                let (codes, resolvedScope) = try scopeOptions.resolve([name])
                let groupScope = try scopeOptions.period(resolvedScope, store)
                guard groupScope.groups.count == 1 else { throw ValidationError("\(name) is a country, not a group: leave out --group") }
                rows.append(try store.countryRow(codes[0], scope: groupScope, authorIdentity: authorIdentity))
                if let model, let mean = try store.meanImpact(of: [.country(codes[0])], model: model, scope: groupScope).first ?? nil {
                    impact[codes[0]] = mean
                }
                notes += groupScope.groupNotes
                groupsScope.groups += groupScope.groups
                if corresponding { correspondingRows += try store.correspondingAuthorTable(scope: groupScope).filter { $0.country == codes[0] } }
            }
        }
        if let top {
            rows = Array(rows.prefix(top))
            correspondingRows = Array(correspondingRows.prefix(top))
        }
        var report = StandardReports.countries(rows, scope: scope, works: try store.workCounts(scope: scope))
        report.notes += notes
        if !groupNames.isEmpty { report.describeMembership(groupsScope) }
        if let note = try store.sharedAffiliationsNote(scope: scope) { report.notes.append(note) }
        if let model {
            report.addImpactColumn(table: "countries", values: rows.map { row in
                impact[row.country].map { .real($0, decimals: 3) } ?? .null
            }, model: model)
        }
        if corresponding { report.tables.append(StandardReports.correspondingTable(correspondingRows)) }
        try options.print(report, scope: scope)
    }

    /// `--by-year`: the countries, or each group in its own scope.
    private func yearReport(_ store: Store, scope: AnalysisScope) throws -> Report {
        guard !groupNames.isEmpty else { return StandardReports.entityYears(try store.yearSeries(scope: scope), command: "countries", entityKey: "country", scope: scope) }
        var rows: [EntityYearRow] = []
        var notes: [String] = []
        var groupsScope = scope
        for name in groupNames {
            let (codes, resolvedScope) = try scopeOptions.resolve([name])
            let groupScope = try scopeOptions.period(resolvedScope, store)
            rows += try store.yearSeries(entities: codes, scope: groupScope)
            notes += groupScope.groupNotes
            groupsScope.groups += groupScope.groups
        }
        var report = StandardReports.entityYears(rows.sorted { ($0.year, $0.entity) < ($1.year, $1.entity) }, command: "countries", entityKey: "country", scope: scope)
        report.notes += notes
        report.describeMembership(groupsScope)
        return report
    }
}
