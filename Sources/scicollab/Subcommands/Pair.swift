import ArgumentParser
import SciCollab

struct Pair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Two countries: co-authored works, shares of output and authors, strength, affinity, growth.",
        discussion: """
            Every figure of SPEC §6 for countries A and B over the period: C_AB, N_A, N_B, both output shares,
            both shares of international output, co-authors, Authors, both author shares, Salton, Jaccard,
            affinity both ways, balance, leadership, citations per joint work, growth and CAGR, per year.
              scicollab pair RU CN --from 2018 --to 2023
              scicollab pair Russia China --counting fractional --format json
            """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Argument(help: "Country A (ISO code or name) or country group (BRICS, EU27, …).")
    var a: String

    @Argument(help: "Country B (ISO code or name) or country group, disjoint from A.")
    var b: String

    @Option(help: "Counting method: full or fractional.")
    var counting: CountingMethod = .full

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func run() throws {
        let store = try options.openStore()
        let (codes, scope) = try scopeOptions.resolve([a, b])
        do {
            let metrics = try store.pair(codes[0], codes[1], counting: counting, scope: scope)
            var report = StandardReports.pair(metrics, scope: scope)
            report.notes += scope.groupNotes
            if !impactColumn.noImpact {
                let joint = try store.works(of: .pair(metrics.a, metrics.b), scope: scope)
                let model = try impactOptions.model(store, works: joint.map(\.id))
                let summary = model.summary(joint)
                report.addImpactRow(summary: summary, model: model)
            }
            options.print(report)
        } catch let error as PairError {
            throw ValidationError(error.description)
        } catch let error as CountryGroupError {
            throw ValidationError(error.description)
        }
    }
}

extension CountingMethod: ExpressibleByArgument {}
