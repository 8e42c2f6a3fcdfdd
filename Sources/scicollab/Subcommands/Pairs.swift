import ArgumentParser
import SciCollab

struct Pairs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Country pairs ranked by co-authored works, with both shares.",
        discussion: helpText("""
            Every pair of countries with a joint work (or the partners of one country), ranked by C_AB under
            full counting or by the VOSviewer fractional link weight.
              scicollab pairs --top 20
              scicollab pairs --country RU --counting fractional --format csv
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "Only the partners of this country (ISO code or name) or country group.")
    var country: String?

    @Option(help: "Counting method of the link weight: full or fractional.")
    var counting: CountingMethod = .full

    @Option(help: "Show only the first N pairs.")
    var top: Int?

    @Flag(help: "One row per year and pair: C_AB, link strength, N of both sides, both shares (the first --top pairs, if given).")
    var byYear = false

    @Option(help: "The entities: country (countries and groups) or institution.")
    var level: AnalysisLevel = .country

    @Option(help: "With --level institution: only the partners of this institution (its key or name).")
    var institution: String?

    func validate() throws {
        try validateCount(top, option: "--top")
        if level == .institution && country != nil { throw ValidationError("with --level institution, name one institution with --institution") }
        if level == .country && institution != nil { throw ValidationError("--institution goes with --level institution") }
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        var (codes, baseScope) = try scopeOptions.resolve(country.map { [$0] } ?? [])
        if level == .institution {
            baseScope.level = .institution
            do { codes = try institution.map { [try store.institutionKey($0)] } ?? [] } catch let error as InstitutionError {
                throw ValidationError(error.description)
            }
        }
        let code = codes.first
        let scope = try scopeOptions.period(baseScope, store)
        if byYear {
            var years = try store.pairYearSeries(entity: code, scope: scope)
            // With --top, the years of the first pairs only (without it, every pair: no ranking needed).
            if let top {
                let keep = Set(try store.pairs(country: code, counting: counting, top: top, scope: scope).map { [$0.a, $0.b] })
                years = years.filter { keep.contains([$0.a, $0.b]) || keep.contains([$0.b, $0.a]) }
            }
            var report = StandardReports.pairYears(years, scope: scope)
            report.describeGroups(scope)
            try options.print(report, scope: scope)
            return
        }
        let rows = try store.pairs(country: code, counting: counting, top: top, scope: scope)
        var report = StandardReports.pairs(rows, country: code, counting: counting, scope: scope, works: try store.workCounts(scope: scope))
        report.describeGroups(scope)
        if level == .institution { StandardReports.addInstitutionNames(&report, info: try store.institutionInfo()) }
        try options.print(report, scope: scope)
    }
}
