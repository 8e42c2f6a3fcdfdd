import ArgumentParser
import Foundation
import SciCollab

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "Works, share, citations and impact per field of a scheme; for a country or a pair.",
        discussion: helpText("""
            Per field of the scheme (asjc, asjc-area, wos-category, wos-area, openalex-subfield,
            openalex-field, openalex-domain, mesh): works, share, citations per publication and impact. With
            --pair A B, per field also C_AB(f), N_A(f), N_B(f) and both shares (definitions §8).
              scicollab fields --scheme asjc-area
              scicollab fields --scheme wos-category --pair US CN --format json
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "The field scheme: auto (ASJC subject areas of every source: asjc-area, else the OpenAlex field, else the WoS category through the shipped crosswalk), asjc, asjc-area, wos-category, wos-area, openalex-subfield, openalex-field, openalex-domain or mesh.")
    var scheme: String = FieldSchemes.automatic

    @OptionGroup var workSet: WorkSetOptions

    @Option(help: "Counting method of the pair's shares (--pair): full or fractional.")
    var counting: CountingMethod = .full

    @Option(help: "Citation window of the impact column: 4y or total.")
    var window: String?

    @Option(help: "Show only the first N fields.")
    var top: Int?

    @Flag(help: "With --pair A B: per field, works and impact of A∩B, A∖B, B∖A, A and B.")
    var compare = false

    func validate() throws {
        if let window, CitationWindow(rawValue: window) == nil { throw ValidationError("--window must be 4y or total") }
        try validateCount(top, option: "--top")
        try validateScheme(scheme)
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        let (set, baseScope) = try workSet.set(scopeOptions)
        let scope = try scopeOptions.period(baseScope, store)
        let started = Date()
        let announced = try announceImpactComputation(store, scheme: scheme, window: window.flatMap(CitationWindow.init(rawValue:)), baseline: nil)
        // The window is chosen by the set's own SQL; a kept model's values are read per field with the breakdown
        // (--compare reads the set's works into the model, for its differences of sets).
        let model = compare
            ? try store.impactModel(scheme: scheme, window: window.flatMap(CitationWindow.init(rawValue:)),
                                    works: try store.works(of: set, scope: scope).map(\.id))
            : try store.impactModel(scheme: scheme, window: window.flatMap(CitationWindow.init(rawValue:)), readWorks: false,
                                    windowSet: (set, scope))
        if announced { printError(String(format: "impact model computed in %.1f s", Date().timeIntervalSince(started))) }
        var breakdown = try store.fieldBreakdown(scheme: scheme, set: set, scope: scope, impactModel: compare ? nil : model)
        if let top { breakdown.rows = Array(breakdown.rows.prefix(top)) }
        var report = StandardReports.fields(breakdown, model: model, set: set, scope: scope, counting: counting)
        report.describeGroups(scope)
        if compare {
            guard case .pair(let a, let b) = set else { throw ValidationError("--compare goes with --pair A B") }
            var rows = try store.fieldComparison(scheme: scheme, a, b, scope: scope)
            if let top { rows = Array(rows.prefix(top)) }
            report.tables.append(StandardReports.fieldComparisonTable(rows, a: a, b: b, scheme: scheme, model: model))
            report.tables.append(StandardReports.fieldComparisonSetsTable(rows, a: a, b: b, scheme: scheme, model: model))
        }
        try options.print(report, scope: scope)
    }
}
