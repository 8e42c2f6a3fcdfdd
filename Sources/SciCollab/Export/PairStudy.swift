import Foundation

/// The standard study of two countries: every figure an analyst writes about a pair, computed by the
/// library's metric functions, with the tables (for the workbook and the HTML report) and the charts' data.
public struct PairStudy: Sendable {
    public var a: String
    public var b: String
    public var scope: AnalysisScope
    public var counting: CountingMethod
    public var metrics: PairMetrics
    /// The country table's rows of A and B (outputs, authors, growth).
    public var sides: [CountryRow]
    /// Works by collaboration type per year, of A and of B.
    public var typesByYear: [String: [(year: Int, breakdown: CollaborationBreakdown)]]
    /// The field scheme with the most classified joint works, and the pair's breakdown in it.
    public var fields: FieldBreakdown?
    /// Impact (definitions §7) of the joint works, of A's and of B's works; nil without a model.
    public var impact: (joint: ImpactSummary, a: ImpactSummary, b: ImpactSummary)?
    /// Partners of A and of B.
    public var partnersA: [PairRow]
    public var partnersB: [PairRow]
    /// A, B and their partners (the 25 nodes with most links).
    public var network: CollaborationNetwork
    /// The study's tables, as the commands show them (pair, countries, collaboration, fields, impact, pairs, network).
    public var reports: [Report]
}

extension Store {
    /// Works by collaboration type (definitions §3) for every year of the scope's period (of `country`'s works when given).
    public func collaborationByYear(country: String? = nil, scope: AnalysisScope = AnalysisScope()) throws -> [(year: Int, breakdown: CollaborationBreakdown)] {
        guard let bounds = try periodBounds(scope), bounds.to - bounds.from < 200 else { return [] }
        return try (bounds.from...bounds.to).map { year in
            (year, try collaboration(country: country, scope: scope.year(year)))
        }
    }

    /// The standard study of `a` and `b` in `scope`. `model` adds the impact figures; `scheme` chooses the
    /// field scheme (default: the one of `asjc-area`, `wos-category`, `openalex-field`, `mesh` with the most
    /// classified joint works).
    public func pairStudy(_ a: String, _ b: String, counting: CountingMethod = .full, scope: AnalysisScope = AnalysisScope(),
                          model: ImpactModel? = nil, scheme: String? = nil) throws -> PairStudy {
        let metrics = try pair(a, b, counting: counting, scope: scope)
        let (a, b) = (metrics.a, metrics.b)
        let countryRows = try countryTable(scope: scope)
        let sides = [a, b].compactMap { code in countryRows.first { $0.country == code } }
        var typesByYear: [String: [(year: Int, breakdown: CollaborationBreakdown)]] = [:]
        for side in [a, b] { typesByYear[side] = try collaborationByYear(country: side, scope: scope) }
        var fields: FieldBreakdown?
        for candidate in scheme.map({ [$0] }) ?? ["asjc-area", "wos-category", "openalex-field", "mesh"] {
            let breakdown = try fieldBreakdown(scheme: candidate, set: .pair(a, b), scope: scope)
            if breakdown.classified > (fields?.classified ?? 0) || (scheme != nil && fields == nil) { fields = breakdown }
        }
        var impact: (joint: ImpactSummary, a: ImpactSummary, b: ImpactSummary)?
        if let model {
            impact = (model.summary(try works(of: .pair(a, b), scope: scope)), model.summary(try works(of: .country(a), scope: scope)),
                      model.summary(try works(of: .country(b), scope: scope)))
        }
        let partnersA = try pairs(country: a, counting: counting, scope: scope)
        let partnersB = try pairs(country: b, counting: counting, scope: scope)
        let network = try self.network(NetworkOptions(counting: counting, top: 25, focus: [a, b]), scope: scope, impact: nil)

        // The tables, as the commands print them; keys made unique across the study.
        var reports: [Report] = []
        var pairReport = StandardReports.pair(metrics, scope: scope)
        if let model, let impact { pairReport.addImpactRow(summary: impact.joint, model: model) }
        reports.append(pairReport)
        var countriesReport = StandardReports.countries(sides, scope: scope, works: try workCounts(scope: scope))
        countriesReport.tables = countriesReport.tables.map { table in var table = table; table.title = "Output and growth of \(a) and \(b)"; return table }
        reports.append(countriesReport)
        for side in [a, b] {
            var report = StandardReports.collaboration(try collaboration(country: side, scope: scope), country: side, scope: scope)
            report.tables = report.tables.map { table in var table = table; table.key += "_\(side)"; return table }
            reports.append(report)
        }
        if let fields { reports.append(StandardReports.fields(fields, model: model, set: .pair(a, b), scope: scope)) }
        if let model, let impact {
            for (set, summary) in [(ImpactSet.pair(a, b), impact.joint), (.country(a), impact.a), (.country(b), impact.b)] {
                var report = StandardReports.impact(summary, model: model, set: set, counting: .full, scope: scope)
                let suffix: String
                switch set {
                case .country(let code): suffix = code
                default: suffix = "\(a)_\(b)"
                }
                report.tables = report.tables.map { table in var table = table; table.key += "_\(suffix)"; return table }
                reports.append(report)
            }
        }
        let works = try workCounts(scope: scope)
        for (side, rows) in [(a, partnersA), (b, partnersB)] {
            var report = StandardReports.pairs(rows, country: side, counting: counting, scope: scope, works: works)
            report.tables = report.tables.map { table in var table = table; table.key = "partners_\(side)"; table.title = "Partners of \(side)"; return table }
            reports.append(report)
        }
        reports.append(StandardReports.network(network))
        return PairStudy(a: a, b: b, scope: scope, counting: counting, metrics: metrics, sides: sides, typesByYear: typesByYear,
                         fields: fields, impact: impact, partnersA: partnersA, partnersB: partnersB, network: network, reports: reports)
    }
}
