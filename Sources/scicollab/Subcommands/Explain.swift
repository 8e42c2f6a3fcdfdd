import ArgumentParser
import SciCollab

/// Options of every explain subcommand.
struct ExplainOptions: ParsableArguments {
    @Option(help: "List at most N rows per set (all with --format csv when left out).")
    var limit: Int?

    func validate() throws {
        try validateCount(limit, option: "--limit")
    }

    /// Adds the audit trail (one row per affiliation, with file and line) for CSV and JSON, or when
    /// `--table affiliations` asks for it; CSV then writes it by default. `ids`: the works, or nil for the works
    /// selected last (`Store.selectExplainedWorks`).
    func addAffiliations(_ ids: [Int64]?, to report: inout Report, store: Store, options: GlobalOptions) throws {
        guard options.format == .csv || options.format == .json || options.tableName == "affiliations" || options.outputDir != nil else { return }
        let rows = try ids.map { try store.explainAffiliations($0, limit: limit) } ?? store.explainSelectedAffiliations(limit: limit)
        report.tables.append(StandardReports.explainedAffiliations(rows))
        report.primaryTable = "affiliations"
    }

    /// The table of the works of `set` (selected in SQL, not read), `--limit` of them listed with their records;
    /// the works stay selected for `addAffiliations(nil, …)`.
    func worksTable(_ set: ImpactSet, scope: AnalysisScope, countries: [String], key: String, title: String, store: Store) throws -> ReportTable {
        let total = try store.selectExplainedWorks(set, scope: scope)
        let works = try store.explainSelectedWorks(countries: countries, citationSource: scope.citationSource, limit: limit)
        return StandardReports.explainedWorks(works, key: key, title: title, total: total, records: try store.explainRecords(works.map(\.id)))
    }

    /// The table of the works `ids`, `--limit` of them listed with their records (read for the listed works only).
    func worksTable(_ ids: [Int64], scope: AnalysisScope, countries: [String], key: String, title: String, store: Store,
                    weights: [(key: String, header: String, values: [Int64: Double])] = []) throws -> ReportTable {
        let works = try store.explainWorks(ids, countries: countries, citationSource: scope.citationSource, limit: limit)
        return StandardReports.explainedWorks(works, key: key, title: title, total: ids.count, records: try store.explainRecords(works.map(\.id)),
                                              weights: weights)
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
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
            let scope = try scopeOptions.period(scopeOptions.scope, store)
            let a = scope.country(try countryArgument(self.a)), b = scope.country(try countryArgument(self.b))
            var report = Report(command: "explain", parameters: [("figure", .text("pair \(a) \(b)")), ("period", scope.periodValue)])
            if let side = shareOfAuthors {
                let joint = try store.works(of: .pair(a, b), scope: scope).map(\.id)
                let code = scope.country(try countryArgument(side))
                let all = try store.works(of: .country(code), scope: scope).map(\.id)
                let numerator = try store.explainAuthors(joint, country: code, scope: scope)
                let denominator = try store.explainAuthors(all, country: code, scope: scope)
                report.tables = [
                    StandardReports.explainedAuthors(Array(numerator.prefix(explainOptions.limit ?? .max)), key: "numerator", title: "Co-authors of \(code) on \(a)–\(b) works", total: numerator.count),
                    StandardReports.explainedAuthors(Array(denominator.prefix(explainOptions.limit ?? .max)), key: "denominator", title: "Authors of \(code)", total: denominator.count),
                ]
            } else if growth {
                let explained: ExplainedGrowth
                do { explained = try store.explainGrowth(a, b, counting: counting, scope: scope) } catch let error as ExplainError {
                    throw ValidationError(error.description)
                }
                report = StandardReports.explainedGrowth(explained, scope: scope)
                for (key, entries, year) in [("first_year", explained.firstYear, explained.growth.from), ("last_year", explained.lastYear, explained.growth.to)] {
                    let ids = entries.map(\.id)
                    report.tables.append(try explainOptions.worksTable(
                        ids, scope: scope, countries: [a, b], key: key, title: "Joint works of \(a) and \(b) in \(year)", store: store,
                        weights: counting == .full ? [] : [("link_weight", "1/(|K_p|−1)", Dictionary(entries.map { ($0.id, $0.weight) }, uniquingKeysWith: +))]))
                }
                try explainOptions.addAffiliations((explained.firstYear + explained.lastYear).map(\.id), to: &report, store: store, options: options)
            } else if let side = shareOfOutput {
                let code = scope.country(try countryArgument(side))
                guard code == a || code == b else { throw ValidationError("--share-of-output names a side of the pair: \(a) or \(b)") }
                let explained = try store.explainShareOfOutput(side: code, other: code == a ? b : a, counting: counting, scope: scope)
                report = StandardReports.explainedShare(explained, a: a, b: b, scope: scope)
                func weights(_ entries: [ExplainedShare.Entry], other: Bool) -> [Int64: Double] {
                    Dictionary(entries.map { ($0.id, other ? $0.otherWeight ?? 0 : $0.weight) }, uniquingKeysWith: +)
                }
                let (sideKey, otherKey) = code == a ? ("weight_a", "weight_b") : ("weight_b", "weight_a")
                let fractional = counting == .fractional
                let joint = explained.numerator.map(\.id), all = explained.denominator.map(\.id)
                let jointWeights = [(sideKey, "f_\(code)", weights(explained.numerator, other: false)),
                                    (otherKey, "f_\(explained.other)", weights(explained.numerator, other: true))].sorted { $0.0 < $1.0 }
                report.tables = [
                    try explainOptions.worksTable(joint, scope: scope, countries: [a, b], key: "numerator", title: "Joint works of \(a) and \(b)",
                                                  store: store, weights: fractional ? jointWeights : []),
                    try explainOptions.worksTable(all, scope: scope, countries: [code], key: "denominator", title: "Works of \(code)", store: store,
                                                  weights: fractional ? [(sideKey, "f_\(code)", weights(explained.denominator, other: false))] : []),
                ]
                try explainOptions.addAffiliations(joint, to: &report, store: store, options: options)
            } else {
                report.tables = [try explainOptions.worksTable(.pair(a, b), scope: scope, countries: [a, b], key: "works",
                                                               title: "Joint works of \(a) and \(b)", store: store)]
                try explainOptions.addAffiliations(nil, to: &report, store: store, options: options)
            }
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
            let scope = try scopeOptions.period(scopeOptions.scope, store)
            let code = scope.country(try countryArgument(country))
            var report = Report(command: "explain", parameters: [("figure", .text("country \(code)")), ("period", scope.periodValue)],
                                tables: [try explainOptions.worksTable(.country(code), scope: scope, countries: [code], key: "works",
                                                                       title: "Works of \(code)", store: store)])
            try explainOptions.addAffiliations(nil, to: &report, store: store, options: options)
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
            let scope = try scopeOptions.period(scopeOptions.scope, store)
            let code = try country.map { scope.country(try countryArgument($0)) }
            var report = Report(command: "explain", parameters: [("figure", .text("type \(type)")), ("period", scope.periodValue)],
                                tables: [try explainOptions.worksTable(.collaboration(collaboration, country: code), scope: scope,
                                                                       countries: code.map { [$0] } ?? [], key: "works",
                                                                       title: "\(collaboration.label.capitalized) works", store: store)])
            try explainOptions.addAffiliations(nil, to: &report, store: store, options: options)
            try options.print(report, scope: scope)
        }
    }
}
