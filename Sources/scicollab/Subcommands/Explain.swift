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
    /// `--table affiliations` asks for it; CSV then writes it by default.
    func addAffiliations(_ ids: [Int64], to report: inout Report, store: Store, options: GlobalOptions) throws {
        guard options.format == .csv || options.format == .json || options.tableName == "affiliations" || options.outputDir != nil else { return }
        report.tables.append(StandardReports.explainedAffiliations(try store.explainAffiliations(ids, limit: limit)))
        report.primaryTable = "affiliations"
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lists the works (or authors) behind a figure: source id, DOI, year, countries, the affiliations that placed it.",
        discussion: """
              scicollab explain pair RU CN                         the joint works (C_AB)
              scicollab explain pair RU CN --share-of-output RU    numerator (joint works) and denominator (RU works)
              scicollab explain pair RU CN --share-of-authors RU   the co-authors of RU and all authors of RU
              scicollab explain country RU --from 2018 --to 2023   the works of RU (N_RU)
              scicollab explain type international --country RU
              scicollab explain work 10.21031/epod.1069307           the source records merged into one work
            """,
        subcommands: [PairWorks.self, CountryWorks.self, TypeWorks.self, WorkRecords.self])

    struct WorkRecords: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "work", abstract: "The source records behind one work (definitions §9): file, line, key it merged on, citations, countries.",
            discussion: """
                  scicollab explain work 10.21031/epod.1069307
                  scicollab explain work WOS:000870236000001
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The work: its DOI, PMID, a source id of one of its records, or its id in the database.") var work: String

        func run() throws {
            let store = try options.openStore()
            guard let id = try store.workID(matching: work) else { throw ValidationError("no work with the id, DOI or PMID '\(work)'") }
            let records = try store.sourceRecords(ofWork: id)
            try options.print(Report(command: "explain", parameters: [("figure", .text("work \(id)")), ("records", .int(records.count))],
                                 tables: [StandardReports.sourceRecords(records, work: id)]))
        }
    }

    struct PairWorks: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pair", abstract: "The joint works of two countries, or the sets of a share.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var scopeOptions: ScopeOptions
        @OptionGroup var explainOptions: ExplainOptions
        @Argument(help: "Country A.") var a: String
        @Argument(help: "Country B.") var b: String
        @Option(help: "List numerator and denominator of the share of this side's output co-authored with the other.")
        var shareOfOutput: String?
        @Option(help: "List the co-authors of this side and all its authors (the author share).")
        var shareOfAuthors: String?

        func run() throws {
            let store = try options.openStore()
            let scope = try scopeOptions.period(scopeOptions.scope, store)
            let a = scope.country(try countryArgument(self.a)), b = scope.country(try countryArgument(self.b))
            let joint = try store.works(of: .pair(a, b), scope: scope).map(\.id)
            var report = Report(command: "explain", parameters: [("figure", .text("pair \(a) \(b)")), ("period", scope.periodValue)])
            if let side = shareOfAuthors {
                let code = scope.country(try countryArgument(side))
                let all = try store.works(of: .country(code), scope: scope).map(\.id)
                let numerator = try store.explainAuthors(joint, country: code, scope: scope)
                let denominator = try store.explainAuthors(all, country: code, scope: scope)
                report.tables = [
                    StandardReports.explainedAuthors(Array(numerator.prefix(explainOptions.limit ?? .max)), key: "numerator", title: "Co-authors of \(code) on \(a)–\(b) works", total: numerator.count),
                    StandardReports.explainedAuthors(Array(denominator.prefix(explainOptions.limit ?? .max)), key: "denominator", title: "Authors of \(code)", total: denominator.count),
                ]
            } else {
                report.tables = [StandardReports.explainedWorks(try store.explainWorks(joint, countries: [a, b], citationSource: scope.citationSource, limit: explainOptions.limit),
                                                                key: shareOfOutput == nil ? "works" : "numerator", title: "Joint works of \(a) and \(b)", total: joint.count,
                                                                records: try store.explainRecords(joint))]
                try explainOptions.addAffiliations(joint, to: &report, store: store, options: options)
                if let side = shareOfOutput {
                    let code = scope.country(try countryArgument(side))
                    let all = try store.works(of: .country(code), scope: scope).map(\.id)
                    report.tables.append(StandardReports.explainedWorks(try store.explainWorks(all, countries: [code], citationSource: scope.citationSource, limit: explainOptions.limit),
                                                                        key: "denominator", title: "Works of \(code)", total: all.count,
                                                                        records: try store.explainRecords(all)))
                }
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
            let store = try options.openStore()
            let scope = try scopeOptions.period(scopeOptions.scope, store)
            let code = scope.country(try countryArgument(country))
            let ids = try store.works(of: .country(code), scope: scope).map(\.id)
            var report = Report(command: "explain", parameters: [("figure", .text("country \(code)")), ("period", scope.periodValue)],
                                tables: [StandardReports.explainedWorks(try store.explainWorks(ids, countries: [code], citationSource: scope.citationSource, limit: explainOptions.limit),
                                                                        key: "works", title: "Works of \(code)", total: ids.count,
                                                                        records: try store.explainRecords(ids))])
            try explainOptions.addAffiliations(ids, to: &report, store: store, options: options)
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
            let store = try options.openStore()
            let scope = try scopeOptions.period(scopeOptions.scope, store)
            let code = try country.map { scope.country(try countryArgument($0)) }
            let ids = try store.works(of: .collaboration(collaboration, country: code), scope: scope).map(\.id)
            var report = Report(command: "explain", parameters: [("figure", .text("type \(type)")), ("period", scope.periodValue)],
                                tables: [StandardReports.explainedWorks(try store.explainWorks(ids, countries: code.map { [$0] } ?? [], citationSource: scope.citationSource, limit: explainOptions.limit),
                                                                        key: "works", title: "\(collaboration.label.capitalized) works", total: ids.count,
                                                                        records: try store.explainRecords(ids))])
            try explainOptions.addAffiliations(ids, to: &report, store: store, options: options)
            try options.print(report, scope: scope)
        }
    }
}
