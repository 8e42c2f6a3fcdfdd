import Foundation

/// The verdict on one claim (definitions §10).
public struct AuditResult: Sendable, Equatable {
    public enum Verdict: String, Sendable { case consistent, inconsistent, notComparable = "not comparable", notComputable = "not computable" }
    /// A count (extensive), a share, ratio, growth or impact (intensive), or arithmetic over stated values.
    public enum Figure: String, Sendable { case extensive, intensive, arithmetic }

    public var id: String
    public var verdict: Verdict
    public var stated: StatedValue
    /// The computed value in the stated unit (a percentage when the stated value is one).
    public var computed: Double?
    /// Why the claim is not computable, or how the value was obtained.
    public var reason: String
    /// The record counts behind the computed value.
    public var records: String

    public var population: Population = .sample
    public var figure: Figure = .arithmetic
    /// On a sample, an intensive figure's bootstrap 95% interval in the stated unit (definitions §10).
    public var intervalLow: Double?
    public var intervalHigh: Double?

    public var difference: Double? { computed.map { $0 - stated.value } }
}

/// Checks claims against the database (metrics) and against each other (expressions).
public struct Auditor {
    let store: Store?
    /// The country groups a claim may name where a country is accepted (definitions §12).
    public var groups: CountryGroupCatalog = .standard
    /// Whose citation count each work has in the citation metrics (definitions §9).
    public var citationSource: CitationSource = .precedence
    /// How the groups count their members over time (definitions §12).
    public var membership: GroupMembership = .listed

    /// The units behind the last intensive metric (works or authors as `(numerator, denominator)`, the figure
    /// being `Σ numerator / Σ denominator`), for its bootstrap interval on a sample.
    private var units: [(numerator: Double, denominator: Double)]?

    public init(store: Store?) {
        self.store = store
    }

    /// Counts (definitions §10: extensive figures); every other metric is intensive.
    public static let extensiveMetrics: Set<String> = ["output", "authors", "coauthored", "coauthors", "field_output", "field_coauthored"]

    public mutating func audit(_ file: ClaimsFile) -> [AuditResult] {
        let stated = Dictionary(uniqueKeysWithValues: file.claims.map { ($0.id, $0.stated) })
        return file.claims.map { claim in
            var result = check(claim, stated: stated)
            result.population = claim.population
            if case .metric(let spec) = claim.kind { result.figure = Self.extensiveMetrics.contains(spec.name) ? .extensive : .intensive }
            return result
        }
    }

    private mutating func check(_ claim: Claim, stated: [String: StatedValue]) -> AuditResult {
            switch claim.kind {
            case .expression(let text, let resultIsPercent):
                return expression(claim, text, resultIsPercent: resultIsPercent, stated: stated)
            case .metric(let spec):
                do {
                    units = nil
                    let (value, isFraction, records) = try metric(spec)
                    let inStatedUnit = { (x: Double) -> Double in
                        spec.transform == "excess-percent" ? (x - 1) * 100 : (isFraction && claim.stated.isPercent ? x * 100 : x)
                    }
                    let computed = inStatedUnit(value)
                    var result = AuditResult(id: claim.id, verdict: claim.stated.accepts(computed) ? .consistent : .inconsistent,
                                             stated: claim.stated, computed: computed, reason: "computed from the data", records: records)
                    result.population = claim.population
                    result.figure = Self.extensiveMetrics.contains(spec.name) ? .extensive : .intensive
                    guard claim.population == .sample, let store else { return result }
                    if result.figure == .extensive {
                        result.verdict = .notComparable
                        result.reason = "a count is compared only on a complete population (population: complete); the database is a sample: \(try store.coverageDescription())"
                        return result
                    }
                    guard let units, let interval = Bootstrap.interval(units) else {
                        result.reason = "computed on a sample; no interval: no works behind the figure"
                        return result
                    }
                    if let reason = Self.noInterval(units) {
                        result.verdict = .notComputable
                        result.reason = "on a sample: " + reason
                        return result
                    }
                    let (low, high) = (inStatedUnit(interval.low), inStatedUnit(interval.high))
                    let within = claim.stated.overlaps(low: low, high: high)
                    result.intervalLow = low
                    result.intervalHigh = high
                    result.verdict = within ? .consistent : .inconsistent
                    result.reason = "on a sample: the stated value is \(within ? "within" : "outside") the sample's interval "
                        + String(format: "%.4g – %.4g", low, high) + " (95%, bootstrap of \(Bootstrap.resamples) resamples of \(units.count) units, definitions §7)"
                    return result
                } catch let problem as NotComputable {
                    return AuditResult(id: claim.id, verdict: .notComputable, stated: claim.stated, computed: nil, reason: problem.reason, records: "")
                } catch {
                    return AuditResult(id: claim.id, verdict: .notComputable, stated: claim.stated, computed: nil, reason: "\(error)", records: "")
                }
            }
    }

    private func expression(_ claim: Claim, _ text: String, resultIsPercent: Bool, stated: [String: StatedValue]) -> AuditResult {
        var parsed = ClaimExpression(text)
        let inexact = parsed.identifiers.filter { stated[$0].map { $0.relation != .equal } ?? false }
        do {
            let value = try parsed.evaluate { stated[$0]?.value }
            let computed = claim.stated.isPercent && !resultIsPercent ? value * 100 : value
            let accepted = claim.stated.accepts(computed)
            return AuditResult(id: claim.id, verdict: accepted ? .consistent : .inconsistent, stated: claim.stated, computed: computed,
                               reason: "arithmetic over stated values: \(text)" + (inexact.isEmpty ? "" : " (\(inexact.joined(separator: ", ")) stated as a bound)"),
                               records: "no data used")
        } catch ClaimExpression.EvaluationError.unknown(let id) {
            return AuditResult(id: claim.id, verdict: .notComputable, stated: claim.stated, computed: nil,
                               reason: "\(id) is not stated in this file", records: "")
        } catch {
            return AuditResult(id: claim.id, verdict: .notComputable, stated: claim.stated, computed: nil,
                               reason: "the expression cannot be evaluated: \(error)", records: "")
        }
    }

    /// The fewest units (works or authors) behind an intensive figure on a sample for a bootstrap interval.
    public static let minimumUnits = 5
    /// Below this many units, units that all give the same value show no spread to draw an interval from.
    public static let spreadUnits = 30

    /// Why a sample's units give no usable interval (definitions §10), nil when they do: fewer than
    /// `minimumUnits`, or fewer than `spreadUnits` that all give the same value (an FWCI of 1 for every work
    /// alone in its cohort, a share of 0 for every work).
    static func noInterval(_ units: [(numerator: Double, denominator: Double)]) -> String? {
        if units.count < minimumUnits {
            return "\(units.count) \(units.count == 1 ? "unit" : "units") (works or authors) behind the figure, fewer than the \(minimumUnits) an interval needs (definitions §10)"
        }
        // Identical units make every resample the same figure (a growth's units differ by year, so they do not).
        if units.count < spreadUnits, let first = units.first,
           units.allSatisfy({ abs($0.numerator - first.numerator) < 1e-12 && abs($0.denominator - first.denominator) < 1e-12 }) {
            let value = first.denominator == 0 ? "undefined" : String(format: "%.4g", first.numerator / first.denominator)
            return "all \(units.count) units behind the figure are alike (each gives \(value)), so the sample shows no spread to draw an interval from; fewer than \(spreadUnits) cannot settle it (definitions §10)"
        }
        return nil
    }

    struct NotComputable: Error {
        let reason: String
    }

    /// The metric's value, whether it is a fraction (shown as a percentage when stated as one), and its records.
    private mutating func metric(_ spec: MetricSpec) throws -> (Double, Bool, String) {
        guard let store else { throw NotComputable(reason: "no data: the audit ran without a database") }
        // Every country or group the claim names; its groups count as one country each.
        let named = [spec.country, spec.side].compactMap { $0 } + (spec.pair ?? [])
        var scope = AnalysisScope(from: spec.from, to: spec.to, membership: membership, citationSource: citationSource)
        do {
            scope = try scope.with(named.compactMap { try? groups.entity($0) })
        } catch let error as CountryGroupError {
            throw NotComputable(reason: error.description)
        }
        let works = try store.workCounts(scope: scope)
        if works.works == 0 {
            let years = try store.database.rows("SELECT (SELECT min(year) FROM work_facts), (SELECT max(year) FROM work_facts)").first
            if let low = years?[0].int, let high = years?[1].int {
                throw NotComputable(reason: "the period \(scope.periodDescription) is outside the data (\(low)–\(high))")
            }
            throw NotComputable(reason: "no works in the database")
        }
        func code(_ text: String?) throws -> String {
            guard let text else { throw NotComputable(reason: "the metric \(spec.name) needs a country") }
            do { return scope.country(try groups.entity(text).code) } catch { throw NotComputable(reason: "\(text) is not a country code or name, nor a country group") }
        }
        func countryRow(_ country: String, _ scope: AnalysisScope) throws -> CountryRow {
            guard let row = try store.countryTable(scope: scope, only: [country]).first(where: { $0.country == country }) else {
                throw NotComputable(reason: "missing country data: no works of \(country) in \(scope.periodDescription)")
            }
            return row
        }
        func pairCodes() throws -> (String, String) {
            guard let pair = spec.pair, pair.count == 2 else { throw NotComputable(reason: "the metric \(spec.name) needs a pair [A, B]") }
            return (try code(pair[0]), try code(pair[1]))
        }
        func sideIsA(_ a: String, _ b: String) throws -> Bool {
            guard let side = spec.side else { throw NotComputable(reason: "the metric \(spec.name) needs a side (A or B of the pair)") }
            let sideCode = try code(side)
            guard sideCode == a || sideCode == b else { throw NotComputable(reason: "side \(side) is not one of the pair") }
            return sideCode == a
        }
        func growth(_ value: Growth?) throws -> Double {
            guard scope.hasPeriod else { throw NotComputable(reason: "growth needs a period: give the claim from and to (definitions §5)") }
            guard let value, let percent = value.percent else { throw NotComputable(reason: "growth is undefined: no works in the first year of the period") }
            return percent
        }
        let sources = try store.derivedSources(scope)
        /// Units `(numerator, denominator)` from rows of a query.
        func queryUnits(_ sql: String, _ arguments: [SQLValue], _ unit: ([SQLValue]) -> (numerator: Double, denominator: Double)) throws {
            units = try store.database.rows(sql, arguments).map(unit)
        }
        /// Units made of counts: `count` units of each kind.
        func countedUnits(_ kinds: [(count: Int, numerator: Double, denominator: Double)]) {
            units = kinds.flatMap { Array(repeating: (numerator: $0.numerator, denominator: $0.denominator), count: max(0, $0.count)) }
        }
        let yearCondition = scope.yearCondition("year")
        let endYears: [SQLValue] = [.integer(Int64(spec.from ?? 0)), .integer(Int64(spec.to ?? 0))]
        func impact(_ set: ImpactSet) throws -> (Double, String) {
            // The window by the rule of every command, for this set's works (definitions §7).
            let works = try store.works(of: set, counting: spec.counting, scope: scope)
            let model = try store.impactModel(scheme: spec.scheme, window: spec.window.flatMap(CitationWindow.init(rawValue:)),
                                              citationSource: citationSource, works: works.map(\.id))
            let summary = model.summary(works)
            units = works.compactMap { work in
                guard let impact = model.works[work.id], !impact.fields.isEmpty, let value = impact.value else { return nil }
                return (numerator: value * work.weight, denominator: work.weight)
            }
            guard let mean = summary.mean else {
                throw NotComputable(reason: "no citations in this source for \(set.description): no work has a defined value (\(summary.undefined) undefined, \(summary.unclassified) without field)")
            }
            return (mean, "\(summary.defined) works with a defined value, \(summary.undefined) undefined, window \(model.window.rawValue) (\(model.windowReason)), \(model.baseline.label)")
        }
        func cpp(_ value: Double?, _ what: String) throws -> Double {
            guard let value else { throw NotComputable(reason: "no citations in this source for \(what)") }
            return value
        }

        switch spec.name {
        case "output", "output_growth", "authors", "citations_per_publication":
            let country = try code(spec.country)
            let row = try countryRow(country, scope)
            switch spec.name {
            case "output": return (spec.counting == .full ? Double(row.works) : row.worksFractional, false, "N_\(country) = \(row.works) works")
            case "output_growth":
                // A work of the first year is (−100, 1), one of the last year (100, 0): Σ / Σ = the growth in percent.
                countedUnits([(Int(row.growth?.first ?? 0), -100, 1), (Int(row.growth?.last ?? 0), 100, 0)])
                return (try growth(row.growth), false, "\(Int(row.growth?.first ?? 0)) → \(Int(row.growth?.last ?? 0)) works")
            case "authors": return (Double(row.authors), false, "\(row.authors) distinct authors of \(country)")
            default:
                try queryUnits("SELECT \(scope.citations("wc")) AS c FROM \(sources.countries) wc WHERE country = ? AND \(yearCondition) AND c IS NOT NULL",
                               [.text(country)]) { (Double($0[0].int ?? 0), 1) }
                return (try cpp(row.citationsPerPublication, "the works of \(country)"), false, "\(row.works - row.worksWithoutCitationCount) works with a citation count")
            }
        case "authors_growth":
            let country = try code(spec.country)
            guard scope.hasPeriod, let bounds = try store.periodBounds(scope) else { throw NotComputable(reason: "growth needs a period: give the claim from and to (definitions §5)") }
            let first = try store.countryTable(scope: scope.year(bounds.from), only: [country]).first { $0.country == country }?.authors ?? 0
            let last = try store.countryTable(scope: scope.year(bounds.to), only: [country]).first { $0.country == country }?.authors ?? 0
            // An author of the first year is (−100, 1), of the last (100, 0), of both (0, 1): Σ / Σ is the growth in percent.
            try queryUnits("""
                SELECT max(year = ?2), max(year = ?3) FROM \(sources.authors) WHERE country = ?1 AND year IN (?2, ?3) GROUP BY author_id
                """, [.text(country)] + endYears) { row in
                let first = Double(row[0].int ?? 0), last = Double(row[1].int ?? 0)
                return (100 * (last - first), first)
            }
            return (try growth(Growth(from: bounds.from, to: bounds.to, first: Double(first), last: Double(last))), false,
                    "\(first) authors in \(bounds.from), \(last) in \(bounds.to)")
        case "fwci":
            let (value, records) = try impact(.country(try code(spec.country)))
            return (value, false, records)
        case "coauthored", "coauthored_growth", "coauthors", "coauthors_growth", "share_of_output", "share_of_authors",
             "pair_citations_per_publication":
            let (a, b) = try pairCodes()
            let m = try store.pair(a, b, counting: spec.counting, scope: scope)
            if m.outputA == 0 || m.outputB == 0 {
                throw NotComputable(reason: "missing country data: no works of \(m.outputA == 0 ? a : b) in \(scope.periodDescription)")
            }
            let (low, high) = a < b ? (a, b) : (b, a)
            let pairCondition = "p.a = '\(low)' AND p.b = '\(high)'"
            switch spec.name {
            case "coauthored": return (m.coauthored, false, "C_\(a)\(b) = \(m.jointWorks) joint works")
            case "coauthored_growth":
                try queryUnits("SELECT year = ?1, year = ?2, link FROM \(sources.pairs) p WHERE \(pairCondition) AND year IN (?1, ?2)", endYears) { row in
                    let weight = spec.counting == .full ? 1 : row[2].double ?? 0
                    let first = Double(row[0].int ?? 0), last = Double(row[1].int ?? 0)
                    return (100 * weight * (last - first), weight * first)
                }
                return (try growth(m.growth(\.coauthored)), false, "joint works per year: \(m.byYear.map { "\($0.year): \(Int($0.coauthored))" }.joined(separator: ", "))")
            case "coauthors":
                let isA = try sideIsA(a, b)
                return (Double(isA ? m.coauthorsA : m.coauthorsB), false, "\(isA ? m.coauthorsA : m.coauthorsB) authors of \(isA ? a : b) on \(m.jointWorks) joint works")
            case "coauthors_growth":
                let isA = try sideIsA(a, b)
                try queryUnits("""
                    SELECT max(x.year = ?2), max(x.year = ?3) FROM \(sources.authors) x JOIN \(sources.pairs) p ON p.work_id = x.work_id AND \(pairCondition)
                    WHERE x.country = ?1 AND x.year IN (?2, ?3) GROUP BY x.author_id
                    """, [.text(isA ? a : b)] + endYears) { row in
                    let first = Double(row[0].int ?? 0), last = Double(row[1].int ?? 0)
                    return (100 * (last - first), first)
                }
                return (try growth(m.growth { Double(isA ? $0.coauthorsA : $0.coauthorsB) }), false, "co-authors in the first and last year")
            case "share_of_output":
                let isA = try sideIsA(a, b)
                guard let share = isA ? m.shareOfOutputA : m.shareOfOutputB else { throw NotComputable(reason: "no output") }
                let side = isA ? a : b
                // Each work of the side: (f or 1 when joint, else 0; f or 1).
                try queryUnits("""
                    SELECT wc.weight, EXISTS (SELECT 1 FROM \(sources.pairs) p WHERE p.work_id = wc.work_id AND \(pairCondition))
                    FROM \(sources.countries) wc WHERE wc.country = ? AND \(scope.yearCondition("wc.year"))
                    """, [.text(side)]) { row in
                    let weight = spec.counting == .full ? 1 : row[0].double ?? 0
                    return (row[1].int == 1 ? weight : 0, weight)
                }
                let records = spec.counting == .full
                    ? "C = \(m.jointWorks) of N_\(side) = \(Int(isA ? m.outputA : m.outputB))"
                    : String(format: "Σ f_%@ over %d joint works = %.4f of Σ f_%@ = %.4f", side, m.jointWorks, isA ? m.jointWeightA : m.jointWeightB, side, isA ? m.outputA : m.outputB)
                return (share, true, records)
            case "share_of_authors":
                let isA = try sideIsA(a, b)
                guard let share = isA ? m.shareOfAuthorsA : m.shareOfAuthorsB else { throw NotComputable(reason: "no authors") }
                let coauthors = isA ? m.coauthorsA : m.coauthorsB, authors = isA ? m.authorsA : m.authorsB
                countedUnits([(coauthors, 1, 1), (authors - coauthors, 0, 1)])
                return (share, true, "\(isA ? m.coauthorsA : m.coauthorsB) co-authors of Authors(\(isA ? a : b)) = \(isA ? m.authorsA : m.authorsB); author identity \(m.authorIdentity)")
            default:
                try queryUnits("SELECT \(scope.citations("p")) AS c FROM \(sources.pairs) p WHERE \(pairCondition) AND \(yearCondition) AND c IS NOT NULL", []) {
                    (Double($0[0].int ?? 0), 1)
                }
                return (try cpp(m.citationsPerPublication, "the joint works"), false, "\(m.jointWorks - m.jointWithoutCitationCount) joint works with a citation count")
            }
        case "pair_fwci":
            let (a, b) = try pairCodes()
            let (value, records) = try impact(.pair(a, b))
            return (value, false, records)
        case "type_share", "type_citations_per_publication", "type_fwci":
            guard let typeName = spec.type, let type = CollaborationType(rawValue: typeName) else {
                throw NotComputable(reason: "the metric \(spec.name) needs a type: international, national, institutional or single")
            }
            let country = try spec.country.map { try code($0) }
            let breakdown = try store.collaboration(country: country, scope: scope)
            guard let row = breakdown.rows.first(where: { $0.type == type }) else { throw NotComputable(reason: "no such type") }
            switch spec.name {
            case "type_share":
                guard let share = breakdown.share(row) else { throw NotComputable(reason: "no classified works") }
                countedUnits([(row.works, 1, 1), (breakdown.classified - row.works, 0, 1)])
                return (share / 100, true, "\(row.works) of \(breakdown.classified) classified works")
            case "type_citations_per_publication":
                let ids = Set(try store.works(of: .collaboration(type, country: country), scope: scope).map(\.id))
                units = try store.database.rows("SELECT f.work_id, \(scope.citations("f")) AS c FROM work_facts f WHERE \(scope.factsCondition) AND c IS NOT NULL")
                    .compactMap { row in
                        guard case .integer(let id) = row[0], ids.contains(id) else { return nil }
                        return (Double(row[1].int ?? 0), 1)
                    }
                return (try cpp(row.citationsPerPublication, "\(type.label) works"), false, "\(row.works) works")
            default:
                let (value, records) = try impact(.collaboration(type, country: country))
                return (value, false, records)
            }
        case "field_output", "field_coauthored":
            guard let scheme = spec.scheme, let field = spec.field else { throw NotComputable(reason: "the metric \(spec.name) needs a scheme and a field") }
            let set: ImpactSet
            if spec.name == "field_output" {
                set = .country(try code(spec.country))
            } else {
                let (a, b) = try pairCodes()
                set = .pair(a, b)
            }
            let breakdown = try store.fieldBreakdown(scheme: scheme, set: set, scope: scope)
            if breakdown.classified == 0 && breakdown.unclassified > 0 {
                throw NotComputable(reason: "no field scheme: none of the \(breakdown.unclassified) works has a field in \(scheme)")
            }
            let folded = TextFolding.fold(field)
            let row = breakdown.rows.first { $0.field == field || TextFolding.fold($0.name ?? "") == folded }
            return (Double(row?.works ?? 0), false, "\(row?.works ?? 0) works in \(scheme) \(field) among \(breakdown.classified) classified")
        default:
            throw NotComputable(reason: "unknown metric \(spec.name)")
        }
    }
}

extension Store {
    /// What the database holds, for an audit of a sample: `645 works (openalex 58, scopus 283, wos 293),
    /// publication years 1965–2026`.
    public func coverageDescription() throws -> String {
        let bySource = try database.rows("SELECT source, count(*) FROM works GROUP BY source ORDER BY source")
            .map { "\($0[0].string ?? "") \($0[1].int ?? 0)" }
        let total = try database.scalar("SELECT count(*) FROM works").int ?? 0
        let years = try database.rows("SELECT (SELECT min(year) FROM work_facts), (SELECT max(year) FROM work_facts)").first
        let span = years.flatMap { row in row[0].int.flatMap { low in row[1].int.map { "\(low)–\($0)" } } } ?? "no dated works"
        return "\(total) works (\(bySource.joined(separator: ", "))), publication years \(span)"
    }
}
