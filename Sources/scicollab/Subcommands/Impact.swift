import ArgumentParser
import Foundation
import SciCollab

/// Options shared by the commands that compute citation impact.
struct ImpactOptions: ParsableArguments {
    @Option(help: "Field scheme of the cohorts (auto, asjc, asjc-area, openalex-subfield, wos-category, …); default auto: the ASJC subject areas of every source, as fields classifies works (asjc-area, else the OpenAlex field, else the WoS category through the shipped crosswalk).")
    var scheme: String?

    @Option(help: "Citation window: 4y or total (default: 4y when every work has per-year citations, else total).")
    var window: String?

    @Option(help: "A CSV of expected citations (columns scheme, field, year, doc_type, expected_citations, window) instead of the corpus.")
    var baseline: String?

    func validate() throws {
        if let window, CitationWindow(rawValue: window) == nil { throw ValidationError("--window must be 4y or total") }
        try validateScheme(scheme)
    }

    /// The impact model; `works`: the works that will be summarised (nil: all), so that a model kept from an
    /// earlier command is read for those works only.
    /// `readWorks`: false: the works choose the window but none is read (the set is summarised in SQL).
    /// `windowSet`: a set whose works choose the window, read in SQL (instead of `works`).
    func model(_ store: Store, citationSource: CitationSource = .precedence, works: [Int64]? = nil, readWorks: Bool = true,
               windowSet: (set: ImpactSet, scope: AnalysisScope)? = nil) throws -> ImpactModel {
        let window = self.window.flatMap(CitationWindow.init(rawValue:))
        if let baseline, !FileManager.default.fileExists(atPath: baseline) {
            throw CommandFailure.missingInput("--baseline \(baseline): no such file")
        }
        do {
            let file = try baseline.map { try Baseline.read(path: $0, window: window) }
            let started = Date()
            let announced = try announceComputation(store, window: window ?? file?.window, baseline: file, citationSource: citationSource)
            let model = try store.impactModel(scheme: scheme, window: window ?? file?.window, baseline: file, citationSource: citationSource,
                                              works: works, readWorks: readWorks, windowSet: windowSet)
            if announced {
                printError(String(format: "impact model computed in %.1f s", Date().timeIntervalSince(started)))
            }
            if let reason = model.notKeptReason {
                printError("note: the impact model could not be kept in the database, so the next command computes it again (\(reason))")
            }
            return model
        } catch let error as ImportError {
            if case .notFound = error { throw CommandFailure.missingInput(error.description) }
            throw CommandFailure.failure(error.description)
        }
    }
}

extension ImpactOptions {
    /// See `announceImpactComputation`.
    func announceComputation(_ store: Store, window: CitationWindow?, baseline: Baseline?, citationSource: CitationSource) throws -> Bool {
        try announceImpactComputation(store, scheme: scheme, window: window, baseline: baseline, citationSource: citationSource)
    }
}

/// Works from which the first impact computation is announced on standard error: below, it takes under a second.
let announcedImpactWorks = 50_000

/// On a database of `announcedImpactWorks` works or more without a kept model for these options, says on standard
/// error that the impact model is being computed (it reads every work's citations and fields once, then it is
/// kept). Returns whether it said so.
func announceImpactComputation(_ store: Store, scheme: String?, window: CitationWindow?, baseline: Baseline?,
                               citationSource: CitationSource = .precedence) throws -> Bool {
    guard !(try store.hasKeptImpactModel(scheme: scheme, window: window, baseline: baseline, citationSource: citationSource)) else { return false }
    let works = try store.storedWorkCount()
    guard works >= announcedImpactWorks else { return false }
    printError("computing the impact model of \(NumberFormatting.grouped(works)) works (every work's citations, fields and cohorts; "
        + "about 2–3 CPU s per million works); it is kept in the database, so later commands read it")
    return true
}

/// The set of works a figure is computed over: all works, a country's (`--country`), a pair's joint works (`--pair A B`).
struct WorkSetOptions: ParsableArguments {
    @Option(help: "The works of this country or country group.")
    var country: String?

    @Option(parsing: .upToNextOption, help: "The joint works of two countries: --pair A B.")
    var pair: [String] = []

    func validate() throws {
        if !pair.isEmpty && pair.count != 2 { throw ValidationError("--pair takes two countries") }
        if country != nil && !pair.isEmpty { throw ValidationError("choose --country or --pair") }
    }

    /// The set and the scope that counts its groups as countries; with `type`, the works of that collaboration
    /// type (of the country, if given).
    func set(_ scopeOptions: ScopeOptions, type: CollaborationType? = nil) throws -> (set: ImpactSet, scope: AnalysisScope) {
        let (codes, scope) = try scopeOptions.resolve(country.map { [$0] } ?? pair)
        if let type {
            guard pair.isEmpty else { throw ValidationError("--type goes with --country, not with --pair") }
            return (.collaboration(type, country: codes.first), scope)
        }
        if country != nil { return (.country(codes[0]), scope) }
        if codes.count == 2 {
            guard codes[0] != codes[1] else { throw ValidationError("both sides of --pair are \(codes[0])") }
            return (.pair(codes[0], codes[1]), scope)
        }
        return (.all, scope)
    }
}

/// The impact column of `countries`, `collaboration` and `pair`.
struct ImpactColumnOptions: ParsableArguments {
    @Flag(help: "Leave out the impact column (its first computation reads every work's citations and fields: seconds on a million works; later commands read the kept model).")
    var noImpact = false
}

struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Field-weighted citation impact (FWCI-style) of all works, a country, a pair or a collaboration type.",
        discussion: helpText("""
            Mean FWCI-style value, median, PP(top 10%) with fractional ties, the works with a defined and an
            undefined value, a small-set flag and, with --intervals, bootstrap intervals (definitions §7). OpenAlex's
            own fwci is shown in its own row.
              scicollab impact --country RU --from 2018 --to 2023
              scicollab impact --pair RU CN --intervals --format json
              scicollab baseline export --window total > expected.csv
              scicollab impact --type international --baseline expected.csv
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions
    @OptionGroup var impactOptions: ImpactOptions

    @OptionGroup var workSet: WorkSetOptions

    @Option(help: "The works of a collaboration type: international, national, institutional or single (with --country, that country's).")
    var type: String?

    @Option(help: "Counting method: full or fractional (a country's works weighted by its share).")
    var counting: CountingMethod = .full

    @Flag(help: "Add bootstrap stability intervals (1000 resamples, fixed seed).")
    var intervals = false

    @Flag(help: "List the works of the set with their citations, cohorts and values.")
    var works = false

    @Flag(help: "With --pair A B: one table for A∩B, A∖B, B∖A, A and B (works, citations per paper, impact, PP(top 10%), international share).")
    var compare = false

    func validate() throws {
        try validateCollaborationType(type)
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        let (set, baseScope) = try workSet.set(scopeOptions, type: type.flatMap(CollaborationType.init(rawValue:)))
        let scope = try scopeOptions.period(baseScope, store)
        // Intervals and the list of works need each work's values; otherwise a kept model is summarised in SQL and
        // the set's works are never read here (its own SQL chooses the window).
        let perWork = intervals || works
        let listed = try perWork ? store.works(of: set, counting: counting, scope: scope) : nil
        let model = try impactOptions.model(store, citationSource: scope.citationSource, works: listed?.map(\.id), readWorks: perWork,
                                            windowSet: perWork ? nil : (set, scope))
        func ids() throws -> [(id: Int64, weight: Double)] { try listed ?? store.works(of: set, counting: counting, scope: scope) }
        let summary = try (perWork ? nil : store.impactSummary(of: set, model: model, counting: counting, scope: scope))
            ?? model.summary(try ids(), intervals: intervals)
        var report = StandardReports.impact(summary, model: model, set: set, counting: counting, scope: scope)
        report.describeGroups(scope)
        if works { report.tables.append(try StandardReports.impactWorks(try ids().map(\.id), model: model, store: store)) }
        if compare {
            guard case .pair(let a, let b) = set else { throw ValidationError("--compare goes with --pair A B") }
            let comparison = try store.jointComparison(a, b, scope: scope)
            let sides = try impactOptions.model(store, citationSource: scope.citationSource, works: comparison.row(.a).ids + comparison.row(.b).ids)
            report.tables.append(StandardReports.comparisonTable(comparison, model: sides))
        }
        try options.print(report, scope: scope)
    }
}

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Expected citations per cohort: export the corpus baseline for use with --baseline.",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Writes the corpus baseline as CSV (columns scheme, field, year, doc_type, expected_citations, window).",
            discussion: helpText("""
                  scicollab baseline export --window total > expected.csv
                """))

        @OptionGroup var options: GlobalOptions
        @OptionGroup var impactOptions: ImpactOptions

        func run() throws {
            let store = try options.openStore()
            FileHandle.standardOutput.write(Data(try impactOptions.model(store).baseline.csv.utf8))
        }
    }
}
