import ArgumentParser
import SciCollab

/// Options of every explain subcommand.
struct ExplainOptions: ParsableArguments {
    @Option(help: "List at most N rows per set (all with --format csv when left out).")
    var limit: Int?

    func validate() throws {
        try validateCount(limit, option: "--limit")
    }

    /// Adds the audit trail (one row per affiliation, with file and line) of the works `selection` (a handle of
    /// `selector`) for CSV and JSON, or when `--table affiliations` asks for it; CSV then writes it by default. Its
    /// rows are read as the table is written.
    func addAffiliations(_ selection: Int, to report: inout Report, selector: ExplainSelector, options: GlobalOptions) {
        guard options.format == .csv || options.format == .json || options.tableName == "affiliations" || options.outputDir != nil else { return }
        let limit = self.limit
        var table = StandardReports.explainedAffiliations()
        table.rowSource = ReportRowSource { body in
            try selector.select(selection)
            try selector.store.forEachSelectedAffiliation(limit: limit) { try body(StandardReports.explainedAffiliationRow($0)) }
        }
        report.tables.append(table)
        report.primaryTable = "affiliations"
    }

    /// The table of the distinct authors of `country` on `works` (selected in SQL, never read as a whole), most works
    /// first, `--limit` of them listed. The rows are read as the table is written.
    func authorsTable(_ works: ExplainSelector.Works, country: String, scope: AnalysisScope, key: String, title: String,
                      selector: ExplainSelector) throws -> ReportTable {
        let selection = try selector.add(works).selection
        let total = try selector.store.selectedAuthorCount(country: country, scope: scope)
        let limit = self.limit
        var table = StandardReports.explainedAuthors(key: key, title: title, total: total, listed: min(total, limit ?? .max))
        table.rowSource = ReportRowSource { body in
            try selector.select(selection)
            try selector.store.forEachSelectedAuthor(country: country, scope: scope, limit: limit) { try body(StandardReports.explainedAuthorRow($0)) }
        }
        return table
    }

    /// The table of `works` (selected in SQL, never read as a whole), `--limit` of them listed with their records,
    /// and its selection handle for `addAffiliations`. The rows are read as the table is written.
    func worksTable(_ works: ExplainSelector.Works, scope: AnalysisScope, countries: [String], key: String, title: String,
                    selector: ExplainSelector, weights: [StandardReports.WorkWeights] = []) throws -> (table: ReportTable, selection: Int) {
        let (selection, total) = try selector.add(works)
        let limit = self.limit, citationSource = scope.citationSource
        var table = StandardReports.explainedWorks(key: key, title: title, total: total, listed: min(total, limit ?? .max), weights: weights)
        table.rowSource = ReportRowSource { body in
            try selector.select(selection)
            try selector.store.forEachSelectedWork(countries: countries, citationSource: citationSource, limit: limit) {
                try body(StandardReports.explainedWorkRow($0, weights: weights))
            }
        }
        return (table, selection)
    }
}

/// The sets of works the tables of one explain report list. The store holds one selection at a time
/// (`Store.selectExplainedWorks`), and a report's tables are written one after the other (with `--output-dir` more
/// than once): each table selects its works again when it is written, unless they are still selected.
final class ExplainSelector {
    /// A set of works: the works of a figure's set in a scope, or works given by id.
    enum Works {
        case set(ImpactSet, AnalysisScope)
        case ids([Int64])
    }

    let store: Store
    private var works: [Works] = []
    private var selected: Int?

    init(store: Store) {
        self.store = store
    }

    /// Selects `works` and returns its handle and how many works it has.
    func add(_ works: Works) throws -> (selection: Int, total: Int) {
        self.works.append(works)
        let selection = self.works.count - 1
        selected = selection
        switch works {
        case .set(let set, let scope): return (selection, try store.selectExplainedWorks(set, scope: scope))
        case .ids(let ids):
            try store.fillExplainIDs(ids)
            return (selection, ids.count)
        }
    }

    /// Selects the works of `selection` in the store, unless they are the selected ones.
    func select(_ selection: Int) throws {
        guard selected != selection else { return }
        switch works[selection] {
        case .set(let set, let scope): _ = try store.selectExplainedWorks(set, scope: scope)
        case .ids(let ids): try store.fillExplainIDs(ids)
        }
        selected = selection
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Lists the works (or authors) behind a figure: source id, DOI, year, countries, the affiliations that placed it.",
        discussion: helpText("""
              scicollab explain pair RU CN                         # the joint works (C_AB)
              scicollab explain pair RU CN --share-of-output RU    # numerator (joint works) and denominator (RU works)
              scicollab explain pair RU CN --share-of-output RU --counting fractional   # with f_RU(p), f_CN(p) per work
              scicollab explain pair RU CN --growth --from 2018 --to 2023   # the joint works of the two years of the growth
              scicollab explain pair RU CN --share-of-authors RU   # the co-authors of RU and all authors of RU
              scicollab explain country RU --from 2018 --to 2023   # the works of RU (N_RU)
              scicollab explain type international --country RU
              scicollab explain work 10.21031/epod.1069307         # the source records merged into one work
            """),
        subcommands: [PairWorks.self, CountryWorks.self, TypeWorks.self, WorkRecords.self])

    struct WorkRecords: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "work", abstract: "The source records behind one work (definitions §9): file, line, key it merged on, citations, countries.",
            discussion: helpText("""
                  scicollab explain work 10.21031/epod.1069307
                  scicollab explain work WOS:000870236000001
                """))
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The work: its DOI, PMID, a source id of one of its records, or its id in the database.") var work: String

        func run() throws {
            let store = try options.openStoreWithWorks()
            guard let id = try store.workID(matching: work) else { throw ValidationError("no work with the id, DOI or PMID '\(work)'") }
            let records = try store.sourceRecords(ofWork: id)
            try options.print(Report(command: "explain", parameters: [("figure", .text("work \(id)")), ("records", .int(records.count))],
                                 tables: [StandardReports.sourceRecords(records, work: id)]))
        }
    }

    struct PairWorks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pair", abstract: "The joint works of two countries, or the sets of a share, or the two years of a growth.",
            discussion: helpText("""
                  scicollab explain pair RU CN --share-of-output RU --counting fractional   # f_RU(p), f_CN(p) per work and the share
                  scicollab explain pair RU CN --growth --from 2018 --to 2023               # the joint works of 2018 and of 2023
                """))
        @OptionGroup var options: GlobalOptions
        @OptionGroup var scopeOptions: ScopeOptions
        @OptionGroup var explainOptions: ExplainOptions
        @Argument(help: "Country A.") var a: String
        @Argument(help: "Country B.") var b: String
        @Option(help: "List numerator and denominator of the share of this side's output co-authored with the other.")
        var shareOfOutput: String?
        @Option(help: "List the co-authors of this side and all its authors (the author share).")
        var shareOfAuthors: String?
        @Flag(help: "List the joint works of the first and the last year of the period (--from/--to or --last N) behind the growth of C_AB.")
        var growth = false
        @Option(help: "Counting method of the share or growth: full or fractional (each work's f_A(p), f_B(p) or link weight listed).")
        var counting: CountingMethod = .full

        func validate() throws {
            if [shareOfOutput != nil, shareOfAuthors != nil, growth].filter({ $0 }).count > 1 {
                throw ValidationError("choose one of --share-of-output, --share-of-authors and --growth")
            }
        }

        func run() throws {
            let store = try options.openStoreWithWorks()
            // Countries or groups; the sides named by --share-of-* are resolved with them.
            let sides = [shareOfAuthors, shareOfOutput].compactMap { $0 }
            let (codes, baseScope) = try scopeOptions.resolve([self.a, self.b] + sides)
            let scope = try scopeOptions.period(baseScope, store)
            let (a, b) = (codes[0], codes[1])
            let placing = placingCountries([a, b], scope: scope)
            var report = Report(command: "explain", parameters: [("figure", .text("pair \(a) \(b)")), ("period", scope.periodValue)])
            if shareOfAuthors != nil {
                let code = codes[2]
                let selector = ExplainSelector(store: store)
                report.tables = try [(ImpactSet.pair(a, b), "numerator", "Co-authors of \(code) on \(a)–\(b) works"),
                                     (ImpactSet.country(code), "denominator", "Authors of \(code)")].map { set, key, title in
                    try explainOptions.authorsTable(.set(set, scope), country: code, scope: scope, key: key, title: title, selector: selector)
                }
            } else if growth {
                let explained: ExplainedGrowth
                do { explained = try store.explainGrowth(a, b, counting: counting, scope: scope) } catch let error as ExplainError {
                    throw ValidationError(error.description)
                }
                report = StandardReports.explainedGrowth(explained, scope: scope)
                let selector = ExplainSelector(store: store)
                for (key, entries, year) in [("first_year", explained.firstYear, explained.growth.from), ("last_year", explained.lastYear, explained.growth.to)] {
                    report.tables.append(try explainOptions.worksTable(
                        .ids(entries.map(\.id)), scope: scope, countries: placing, key: key, title: "Joint works of \(a) and \(b) in \(year)",
                        selector: selector,
                        weights: counting == .full ? [] : [("link_weight", "1/(|K_p|−1)", Dictionary(entries.map { ($0.id, $0.weight) }, uniquingKeysWith: +))]).table)
                }
                let both = try selector.add(.ids((explained.firstYear + explained.lastYear).map(\.id))).selection
                explainOptions.addAffiliations(both, to: &report, selector: selector, options: options)
            } else if shareOfOutput != nil {
                let code = codes[2]
                guard code == a || code == b else { throw ValidationError("--share-of-output names a side of the pair: \(a) or \(b)") }
                let explained = try store.explainShareOfOutput(side: code, other: code == a ? b : a, counting: counting, scope: scope)
                report = StandardReports.explainedShare(explained, a: a, b: b, scope: scope)
                func weights(_ entries: [ExplainedShare.Entry], other: Bool) -> [Int64: Double] {
                    Dictionary(entries.map { ($0.id, other ? $0.otherWeight ?? 0 : $0.weight) }, uniquingKeysWith: +)
                }
                let (sideKey, otherKey) = code == a ? ("weight_a", "weight_b") : ("weight_b", "weight_a")
                let fractional = counting == .fractional
                let jointWeights = [(sideKey, "f_\(code)", weights(explained.numerator, other: false)),
                                    (otherKey, "f_\(explained.other)", weights(explained.numerator, other: true))].sorted { $0.0 < $1.0 }
                let selector = ExplainSelector(store: store)
                let joint = try explainOptions.worksTable(.ids(explained.numerator.map(\.id)), scope: scope, countries: placing, key: "numerator",
                                                          title: "Joint works of \(a) and \(b)", selector: selector,
                                                          weights: fractional ? jointWeights : [])
                let all = try explainOptions.worksTable(.ids(explained.denominator.map(\.id)), scope: scope,
                                                        countries: placingCountries([code], scope: scope), key: "denominator",
                                                        title: "Works of \(code)", selector: selector,
                                                        weights: fractional ? [(sideKey, "f_\(code)", weights(explained.denominator, other: false))] : [])
                report.tables = [joint.table, all.table]
                explainOptions.addAffiliations(joint.selection, to: &report, selector: selector, options: options)
            } else {
                let selector = ExplainSelector(store: store)
                let works = try explainOptions.worksTable(.set(.pair(a, b), scope), scope: scope, countries: placing, key: "works",
                                                          title: "Joint works of \(a) and \(b)", selector: selector)
                report.tables = [works.table]
                explainOptions.addAffiliations(works.selection, to: &report, selector: selector, options: options)
            }
            report.describeGroups(scope)
            try options.print(report, scope: scope)
        }
    }

    struct CountryWorks: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "country", abstract: "The works of a country (N_X).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var scopeOptions: ScopeOptions
        @OptionGroup var explainOptions: ExplainOptions
        @Argument(help: "The country.") var country: String

        func run() throws {
            let store = try options.openStoreWithWorks()
            let (codes, baseScope) = try scopeOptions.resolve([country])
            let scope = try scopeOptions.period(baseScope, store)
            let code = codes[0]
            let selector = ExplainSelector(store: store)
            let works = try explainOptions.worksTable(.set(.country(code), scope), scope: scope, countries: placingCountries([code], scope: scope),
                                                      key: "works", title: "Works of \(code)", selector: selector)
            var report = Report(command: "explain", parameters: [("figure", .text("country \(code)")), ("period", scope.periodValue)],
                                tables: [works.table])
            report.describeGroups(scope)
            explainOptions.addAffiliations(works.selection, to: &report, selector: selector, options: options)
            try options.print(report, scope: scope)
        }
    }

    struct TypeWorks: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "type", abstract: "The works of a collaboration type.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var scopeOptions: ScopeOptions
        @OptionGroup var explainOptions: ExplainOptions
        @Argument(help: "international, national, institutional or single.") var type: String
        @Option(help: "Only the works of this country.") var country: String?

        func run() throws {
            guard let collaboration = CollaborationType(rawValue: type) else {
                throw ValidationError("the type must be international, national, institutional or single")
            }
            let store = try options.openStoreWithWorks()
            let (codes, baseScope) = try scopeOptions.resolve(country.map { [$0] } ?? [])
            let scope = try scopeOptions.period(baseScope, store)
            let code = codes.first
            let selector = ExplainSelector(store: store)
            let works = try explainOptions.worksTable(.set(.collaboration(collaboration, country: code), scope), scope: scope,
                                                      countries: placingCountries(codes, scope: scope), key: "works",
                                                      title: "\(collaboration.label.capitalized) works", selector: selector)
            var report = Report(command: "explain", parameters: [("figure", .text("type \(type)")), ("period", scope.periodValue)],
                                tables: [works.table])
            report.describeGroups(scope)
            explainOptions.addAffiliations(works.selection, to: &report, selector: selector, options: options)
            try options.print(report, scope: scope)
        }
    }
}

/// The countries whose affiliations place a work in `codes`, for the affiliations column: a group's members (as the
/// scope counts them), a country itself.
private func placingCountries(_ codes: [String], scope: AnalysisScope) -> [String] {
    codes.flatMap { code in scope.groups.first { $0.name == code }.map { $0.countries.map(scope.country) } ?? [code] }
}
