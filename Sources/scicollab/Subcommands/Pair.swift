import ArgumentParser
import SciCollab

struct Pair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "Two countries: co-authored works, shares of output and authors, strength, affinity, growth.",
        discussion: helpText("""
            Every figure of definitions §6 for countries A and B over the period: C_AB, N_A, N_B, both output shares,
            both shares of international output, co-authors, Authors, both author shares, Salton, Jaccard,
            affinity both ways, balance, leadership, citations per joint work, growth and CAGR, per year.
            --compare adds one table for A∩B, A∖B, B∖A, A and B (works, citations per paper, impact,
            PP(top 10%), international share). A or B may be a country group (definitions §12).
              scicollab pair RU CN --compare --from 2018 --to 2024
              scicollab pair RU CN --from 2018 --to 2023
              scicollab pair Russia China --counting fractional --format json
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Argument(help: "Country A (ISO code or name) or country group (BRICS, EU27, …).")
    var a: String

    @Argument(help: "Country B (ISO code or name) or country group, disjoint from A.")
    var b: String

    @Option(help: "Counting method: full or fractional.")
    var counting: CountingMethod = .full

    @Option(help: "Authors counted: all (ids and name keys) or ids (only authors identified by an id; the share left out is printed).")
    var authorIdentity: AuthorIdentityOption = .all

    @Flag(help: "Add the table of joint works against each side alone: A∩B, A∖B, B∖A, A, B.")
    var compare = false

    @Option(help: "The entities: country (countries and groups) or institution (A and B are institution keys or names).")
    var level: AnalysisLevel = .country

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func run() throws {
        let store = try options.openStoreWithWorks()
        do {
            var (codes, baseScope) = level == .country ? try scopeOptions.resolve([a, b]) : ([a, b], scopeOptions.scope)
            if level == .institution {
                baseScope.level = .institution
                codes = try codes.map { try store.institutionKey($0) }
            }
            let scope = try scopeOptions.period(baseScope, store)
            let metrics = try store.pair(codes[0], codes[1], counting: counting, scope: scope, authorIdentity: authorIdentity)
            var report = StandardReports.pair(metrics, scope: scope)
            report.describeGroups(scope)
            if level == .country { report.notes += CountryResolver.standard.dissolvedStateNotes(arguments: [a, b], codes: [metrics.a, metrics.b]) }
            if counting == .fractional, let note = try store.sharedAffiliationsNote(scope: scope) { report.notes.append(note) }
            let comparison = compare ? try store.jointComparison(metrics.a, metrics.b, scope: scope) : nil
            var model: ImpactModel?
            if !impactColumn.noImpact {
                let joint = ImpactSet.pair(metrics.a, metrics.b)
                if let comparison {
                    model = try impactOptions.model(store, citationSource: scope.citationSource, works: comparison.row(.a).ids + comparison.row(.b).ids)
                    report.addImpactRow(summary: model!.summary(try store.works(of: joint, scope: scope)), model: model!)
                } else {
                    // The joint works choose the window by their own SQL, and a kept model is summarised in SQL: no work
                    // is read here (the row has no median).
                    let kept = try impactOptions.model(store, citationSource: scope.citationSource, readWorks: false, windowSet: (joint, scope))
                    let summary = try store.impactSummary(of: joint, model: kept, scope: scope, median: false)
                        ?? kept.summary(try store.works(of: joint, scope: scope))
                    report.addImpactRow(summary: summary, model: kept)
                    model = kept
                }
            }
            if let comparison { report.tables.append(StandardReports.comparisonTable(comparison, model: model)) }
            try options.print(report, scope: scope)
        } catch let error as PairError {
            throw CommandFailure.usage(error.description)
        } catch let error as CountryGroupError {
            throw CommandFailure.usage(error.description)
        } catch let error as InstitutionError {
            throw CommandFailure.usage(error.description)
        }
    }
}

extension CountingMethod: ExpressibleByArgument {}
extension AnalysisLevel: ExpressibleByArgument {}

extension AuthorIdentityOption: ExpressibleByArgument {}
