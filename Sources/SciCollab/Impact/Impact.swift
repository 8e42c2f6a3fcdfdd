import Foundation

/// The citation window of definitions §7.
public enum CitationWindow: String, Sendable, CaseIterable {
    /// Citations in the publication year and the three years after (needs per-year citations).
    case fourYears = "4y"
    /// Citations to date as exported.
    case total
}

/// The document-type groups of the cohorts (definitions §7).
public enum DocumentTypeGroup: String, Sendable, CaseIterable {
    case article, review
    case conferencePaper = "conference paper"
    case book = "book/chapter"
    case other

    /// The group of a document type as any source writes it (`Article`, `Journal Article`, `Proceedings
    /// Paper`, Crossref's `proceedings-article`, Lens's `conference proceedings article`, `book-chapter`, …), from
    /// the first listed type (definitions §7): `Article; Proceedings Paper` is an
    /// article; `Article in Press` and `Early Access` are articles.
    public static func of(_ documentType: String?) -> DocumentTypeGroup {
        guard let first = documentType?.split(separator: ";").map({ TextFolding.fold($0) }).first(where: { !$0.isEmpty }) else { return .other }
        switch first {
        case "review", "systematic review", "meta analysis": return .review
        case "conference paper", "proceedings paper", "proceedings article", "conference proceedings article", "conference proceedings":
            return .conferencePaper
        case "book", "book chapter", "monograph": return .book
        case "article", "journal article", "article in press", "early access": return .article
        default: return first.hasPrefix("article proceedings") ? .conferencePaper : .other
        }
    }
}

/// Expected citations per cohort: `(scheme, field, year, document-type group) → e` for one window.
public struct Baseline: Sendable {
    public struct Key: Hashable, Sendable {
        public var scheme: String
        public var field: String
        public var year: Int
        public var group: DocumentTypeGroup
    }

    public var window: CitationWindow
    public var expected: [Key: Double]
    /// `corpus-relative`, or `baseline: <file name>`.
    public var label: String

    /// Reads a baseline CSV (`scheme,field,year,doc_type,expected_citations,window`, definitions §7); rows of another
    /// window than `window` are left out. Without a window, the file must hold one.
    public static func read(path: String, window: CitationWindow?) throws -> Baseline {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw ImportError.unreadable(path: path, reason: "empty file") }
        let names = (0..<header.fieldCount).map { reader.string($0).trimmedString.lowercased() }
        let required = ["scheme", "field", "year", "doc_type", "expected_citations", "window"]
        let missing = required.filter { !names.contains($0) }
        guard missing.isEmpty else { throw ImportError.missingColumns(path: path, format: "baseline CSV", columns: missing) }
        let index = Dictionary(uniqueKeysWithValues: required.map { ($0, names.firstIndex(of: $0)!) })
        var expected: [CitationWindow: [Key: Double]] = [:]
        while let record = try reader.next() {
            guard record.fieldCount >= names.count, record.malformation == nil else {
                throw ImportError.unreadable(path: path, reason: "line \(record.line): expected \(names.count) fields")
            }
            func cell(_ name: String) -> String { reader.string(index[name]!).trimmedString }
            guard let rowWindow = CitationWindow(rawValue: cell("window")) else {
                throw ImportError.unreadable(path: path, reason: "line \(record.line): window must be 4y or total")
            }
            guard let year = Int(cell("year")), let value = Double(cell("expected_citations")),
                  let group = DocumentTypeGroup(rawValue: cell("doc_type")) else {
                throw ImportError.unreadable(path: path, reason: "line \(record.line): year, doc_type (\(DocumentTypeGroup.allCases.map(\.rawValue).joined(separator: ", "))) or expected_citations not readable")
            }
            expected[rowWindow, default: [:]][Key(scheme: cell("scheme"), field: cell("field"), year: year, group: group)] = value
        }
        guard let chosen = window ?? (expected.count == 1 ? expected.keys.first : nil) else {
            throw ImportError.unreadable(path: path, reason: "the file has rows of both windows; choose one with --window")
        }
        return Baseline(window: chosen, expected: expected[chosen] ?? [:], label: "baseline: " + (path as NSString).lastPathComponent)
    }

    /// The baseline as CSV, in the format `read` takes.
    public var csv: String {
        var lines = ["scheme,field,year,doc_type,expected_citations,window"]
        for (key, value) in expected.sorted(by: { ($0.key.scheme, $0.key.field, $0.key.year, $0.key.group.rawValue) < ($1.key.scheme, $1.key.field, $1.key.year, $1.key.group.rawValue) }) {
            let field = key.field.contains(",") || key.field.contains("\"") ? "\"" + key.field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : key.field
            lines.append("\(key.scheme),\(field),\(key.year),\(key.group.rawValue),\(value),\(window.rawValue)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Per-work citation impact over the whole database (definitions §7): the cohorts, each work's FWCI-style value
/// and its top-10% share. Computed once, then summarised over any set of works.
public struct ImpactModel: Sendable {
    /// One work's values.
    public struct WorkImpact: Sendable, Equatable {
        /// `c_p` in the window, nil when unknown.
        public var citations: Double?
        /// The work's fields in the scheme; empty: unclassified.
        public var fields: [(scheme: String, field: String)]
        /// `FWCI_p`, nil when undefined or unclassified.
        public var value: Double?
        /// The share of the work in its cohorts' top 10% (fractional at the threshold).
        public var top10: Double?
        public var provisional: Bool
        public var sourceFWCI: Double?

        public static func == (lhs: WorkImpact, rhs: WorkImpact) -> Bool {
            lhs.citations == rhs.citations && lhs.value == rhs.value && lhs.top10 == rhs.top10
        }
    }

    public var window: CitationWindow
    /// Why this window: the user's choice, the baseline's, or the coverage rule of definitions §7.
    public var windowReason = "chosen with --window"
    /// The scheme asked for, or nil for `auto` (the ASJC subject areas of every source, `FieldSchemes.automatic`).
    public var scheme: String?
    public var baseline: Baseline
    /// The works read or computed (a model read back from the store holds the works asked for).
    public var works: [Int64: WorkImpact]
    /// The model's id in the store when it is kept there (`work_impact`), so that means over large sets can be
    /// computed in SQL.
    var storedID: Int64?
    /// Why a model computed now could not be kept in the store (a read-only file, a full disk): the next
    /// command computes it again. Nil when it was kept or read back.
    public var notKeptReason: String?

    /// The scheme of the cohorts, as the outputs name it.
    public var schemeDescription: String { scheme ?? FieldSchemes.automaticDescription }
}

/// A summary of FWCI-style values over a set of works.
public struct ImpactSummary: Sendable, Equatable {
    /// Works of the set.
    public var works: Int
    /// Works with a defined value.
    public var defined: Int
    /// Works with fields whose value is undefined (no citation count in the window, e = 0 or no baseline entry).
    public var undefined: Int
    /// Works without a field in the scheme.
    public var unclassified: Int
    /// Works whose window is not complete yet.
    public var provisional: Int
    public var mean: Double?
    public var median: Double?
    /// PP(top 10%), 0–1.
    public var top10: Double?
    /// `--intervals`: 2.5–97.5 percentiles of 1000 bootstrap resamples.
    public var meanInterval: (low: Double, high: Double)?
    public var top10Interval: (low: Double, high: Double)?
    /// The mean of OpenAlex's own `fwci` over the works that have one, and their number.
    public var sourceMean: Double?
    public var sourceCount: Int

    /// Fewer than 30 works with a defined value.
    public var isSmall: Bool { defined < 30 }

    public static func == (lhs: ImpactSummary, rhs: ImpactSummary) -> Bool {
        lhs.works == rhs.works && lhs.defined == rhs.defined && lhs.undefined == rhs.undefined && lhs.mean == rhs.mean
            && lhs.top10 == rhs.top10 && lhs.median == rhs.median
    }
}

extension ImpactModel {
    /// Summarises the works `ids` with weights (1 each under full counting, `f_X(p)` under fractional).
    public func summary(_ ids: [(id: Int64, weight: Double)], intervals: Bool = false) -> ImpactSummary {
        var values: [(value: Double, top10: Double, weight: Double)] = []
        // PP(top 10%) runs over every work with a known count and a cohort, defined value or not (definitions §7).
        var tops: [(value: Double, top10: Double, weight: Double)] = []
        var summary = ImpactSummary(works: ids.count, defined: 0, undefined: 0, unclassified: 0, provisional: 0, sourceCount: 0)
        var sourceTotal = 0.0
        for (id, weight) in ids {
            guard let work = works[id] else { continue }
            if work.provisional { summary.provisional += 1 }
            if let fwci = work.sourceFWCI {
                sourceTotal += fwci
                summary.sourceCount += 1
            }
            if let top10 = work.top10, !work.fields.isEmpty { tops.append((work.value ?? 0, top10, weight)) }
            if work.fields.isEmpty {
                summary.unclassified += 1
            } else if let value = work.value {
                values.append((value, work.top10 ?? 0, weight))
            } else {
                summary.undefined += 1
            }
        }
        summary.defined = values.count
        summary.sourceMean = summary.sourceCount == 0 ? nil : sourceTotal / Double(summary.sourceCount)
        func weightedMean(_ sample: [(value: Double, top10: Double, weight: Double)], _ key: ((value: Double, top10: Double, weight: Double)) -> Double) -> Double? {
            let total = sample.map(\.weight).reduce(0, +)
            return total == 0 ? nil : sample.map { key($0) * $0.weight }.reduce(0, +) / total
        }
        summary.top10 = weightedMean(tops, \.top10)
        if intervals && !tops.isEmpty {
            summary.top10Interval = Bootstrap.interval(tops.map { (numerator: $0.top10 * $0.weight, denominator: $0.weight) })
        }
        guard !values.isEmpty else { return summary }
        summary.mean = weightedMean(values, \.value)
        summary.median = Self.weightedMedian(values.map { ($0.value, $0.weight) })
        if intervals {
            summary.meanInterval = Bootstrap.interval(values.map { (numerator: $0.value * $0.weight, denominator: $0.weight) })
        }
        return summary
    }

    static func weightedMedian(_ values: [(Double, Double)]) -> Double? {
        let sorted = values.sorted { $0.0 < $1.0 }
        let total = sorted.map(\.1).reduce(0, +)
        guard total > 0 else { return nil }
        if sorted.allSatisfy({ $0.1 == sorted[0].1 }) {
            let n = sorted.count
            return n % 2 == 1 ? sorted[n / 2].0 : (sorted[n / 2 - 1].0 + sorted[n / 2].0) / 2
        }
        var cumulative = 0.0
        for (value, weight) in sorted {
            cumulative += weight
            if cumulative >= total / 2 { return value }
        }
        return sorted.last?.0
    }
}

extension Store {
    /// Computes every work's impact (definitions §7).
    ///
    /// - Parameters:
    ///   - scheme: the field scheme of the cohorts; nil or `auto`: the ASJC subject areas of every source, as `fields`
    ///     classifies works (`Store.automaticAreas`, definitions §8).
    ///   - window: nil: `4y` when every work with a citation count also has per-year citations, else `total`.
    ///   - baseline: expected citations from a file; nil: the corpus itself (every imported work).
    ///   - citationSource: whose count each work has (definitions §9): the precedence's, or one source's (works
    ///     without a record of it have no count).
    ///   - currentYear: the year after which a 4-year window is incomplete (provisional).
    ///   - works: the works the caller will summarise; nil: all. The model is read for these works only (a model
    ///     that cannot be kept in the store holds every work).
    ///   - readWorks: false: the works choose the window but none is read (the caller summarises a kept model in SQL,
    ///     `impactSummary(of:model:)`).
    ///   - windowSet: a set whose works choose the default window instead of `works`, read by its own SQL (no list of
    ///     ids needed).
    ///
    /// The model is computed in SQL with memory bounded by SQLite's page caches (`ImpactComputation`), kept in the
    /// store (`Schemas/007_impact_cache.sql`) and read back by later commands with the same options until the data
    /// change.
    public func impactModel(scheme: String? = nil, window: CitationWindow? = nil, baseline: Baseline? = nil,
                            citationSource: CitationSource = .precedence,
                            currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date()),
                            works: [Int64]? = nil, readWorks: Bool = true,
                            windowSet: (set: ImpactSet, scope: AnalysisScope)? = nil) throws -> ImpactModel {
        let scheme = scheme == FieldSchemes.automatic ? nil : scheme
        // The window is chosen once per computation, by one rule for every command (definitions §7).
        let chosen: (window: CitationWindow, reason: String)
        if let window {
            chosen = (window, "chosen with --window")
        } else if let baseline {
            chosen = (baseline.window, "the window of \(baseline.label)")
        } else if let windowSet {
            chosen = try defaultCitationWindow(of: windowSet.set, scope: windowSet.scope)
        } else {
            chosen = try defaultCitationWindow(works: works, citationSource: citationSource)
        }
        let key = ImpactCache.key(scheme: scheme, window: chosen.window, baseline: baseline, citationSource: citationSource, currentYear: currentYear)
        let read = readWorks ? works : []
        if var kept = try ImpactCache.read(database, key: key, scheme: scheme, citationSource: citationSource, works: read) {
            kept.windowReason = chosen.reason
            return kept
        }
        // Computed in SQL (temporary tables), then kept in the store and read back for the works asked for; a
        // store that cannot be written (read-only file, another writer) still gets its figures, read from the
        // temporary tables.
        let computation = try ImpactComputation(self, scheme: scheme, window: chosen.window, baseline: baseline,
                                                citationSource: citationSource, currentYear: currentYear)
        defer { computation.drop() }
        let label = baseline?.label ?? "corpus-relative"
        var model: ImpactModel
        do {
            try ImpactCache.write(computation, key: key, label: label, to: database)
            guard let kept = try ImpactCache.read(database, key: key, scheme: scheme, citationSource: citationSource, works: read) else {
                throw DatabaseError(code: 0, message: "the impact model just kept could not be read back", sql: nil)
            }
            model = kept
        } catch {
            model = try ImpactCache.readComputed(computation, scheme: scheme, label: label, from: database)
            model.notKeptReason = "\(error)"
        }
        model.windowReason = chosen.reason
        return model
    }

    /// The default window of definitions §7 for the works `ids` (nil or empty: every work): `4y` when every work of the
    /// set with a known count has per-year counts that cover its window (its year is on or after the first
    /// year with per-year counts in the database; a work whose total is 0 has 0 in every window), else `total`;
    /// with the reason. Under a citation source other than the precedence, a work's per-year counts are its own
    /// only when the record that gives them is of that source.
    public func defaultCitationWindow(works ids: [Int64]? = nil,
                                      citationSource: CitationSource = .precedence) throws -> (window: CitationWindow, reason: String) {
        guard let ids, !ids.isEmpty else {
            return Self.citationWindow(try corpusWindowCounts(citationSource), citationSource: citationSource)
        }
        try fillTemporaryIDs("window_ids", ids)
        let works = "SELECT f.work_id, f.year, f.citations FROM work_facts f JOIN temp.window_ids s ON s.id = f.work_id"
        return try defaultCitationWindow(over: (works, []), citationSource: citationSource)
    }

    /// The prefix of the `store_state` names that keep the window counts of every work (`corpus_window 4 precedence`).
    static let corpusWindowPrefix = "corpus_window "

    /// `windowCounts` over every work: kept in `store_state` per citation source and data generation (the first year
    /// with per-year counts, the works with a known count, those covered; -1 for a first year when there is none),
    /// computed by the first figure after a change; counted on each call where the store cannot be written or a
    /// transaction is open.
    private func corpusWindowCounts(_ citationSource: CitationSource) throws -> (start: Int, known: Int, covered: Int)? {
        let all = ("SELECT f.work_id, f.year, f.citations FROM work_facts f", [SQLValue]())
        return try keptWindowCounts(prefix: Self.corpusWindowPrefix, key: "\(citationSource)") {
            try windowCounts(over: all, citationSource: citationSource)
        }
    }

    /// The prefix of the `store_state` names that keep the window counts of a set over every year
    /// (`set_window known precedence 0 country US`; after the citation source, the kept group definition of the rows, 0
    /// for the stored rows, and the set).
    static let setWindowPrefix = "set_window "

    /// Window counts kept in `store_state` under `prefix` and `key` per data generation, computed by `compute` where
    /// they are older than the data; computed on each call where the store cannot be written or a transaction is open.
    private func keptWindowCounts(prefix: String, key: String,
                                  compute: () throws -> (start: Int, known: Int, covered: Int)?) throws -> (start: Int, known: Int, covered: Int)? {
        let names = ["generation", "start", "known", "covered"].map { "\(prefix)\($0) \(key)" }
        func kept() throws -> [Int] {
            var values: [String: Int] = [:]
            for row in try database.rows("SELECT name, value FROM store_state WHERE name IN (?, ?, ?, ?)", names.map { .text($0) }) {
                values[row[0].string ?? ""] = row[1].int
            }
            return names.compactMap { values[$0] }
        }
        guard database.isAutocommit, try keptSet(current: { try kept().first == $0 }, fill: { generation in
            let counts = try compute()
            let insert = try database.prepare("""
                INSERT INTO store_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """)
            for (name, value) in zip(names, [generation, counts?.start ?? -1, counts?.known ?? 0, counts?.covered ?? 0]) {
                try insert.run([.text(name), .integer(Int64(value))])
            }
        }), case let values = try kept(), values.count == 4 else {
            return try compute()
        }
        return values[1] < 0 ? nil : (values[1], values[2], values[3])
    }

    /// The default window (as `defaultCitationWindow(works:citationSource:)`) for the works of `set` in `scope`, read by
    /// the set's own SQL; an empty set chooses it by every work, as an empty list of works does.
    public func defaultCitationWindow(of set: ImpactSet, scope: AnalysisScope) throws -> (window: CitationWindow, reason: String) {
        // Every work over every year: the corpus's counts, kept.
        if case .all = set, scope.from == nil, scope.to == nil { return try defaultCitationWindow(citationSource: scope.citationSource) }
        let query = try workSetQuery(set, counting: .full, scope: scope, facts: true)
        guard try !database.rows("SELECT 1 FROM (\(query.sql)) s LIMIT 1", query.arguments).isEmpty else {
            return try defaultCitationWindow(citationSource: scope.citationSource)
        }
        // Over every year of a country, pair or group: the counts kept per set (`keptSetKey`).
        if let (groupID, workSet) = try keptSetKey(set, scope: scope) {
            let counts = try keptWindowCounts(prefix: Self.setWindowPrefix, key: "\(scope.citationSource) \(groupID) \(workSet)") {
                try windowCounts(over: query, citationSource: scope.citationSource)
            }
            return Self.citationWindow(counts, citationSource: scope.citationSource)
        }
        return try defaultCitationWindow(over: query, citationSource: scope.citationSource)
    }

    /// The default window over `works`, a query with the columns `work_id`, `year` and `citations` (a work's stored
    /// count, as `work_facts` keeps them), each work once.
    private func defaultCitationWindow(over works: (sql: String, arguments: [SQLValue]),
                                       citationSource: CitationSource) throws -> (window: CitationWindow, reason: String) {
        Self.citationWindow(try windowCounts(over: works, citationSource: citationSource), citationSource: citationSource)
    }

    /// For the works of `works` (as `defaultCitationWindow(over:citationSource:)` takes them): the first year with
    /// per-year counts in the database, the works with a known count, and those of them whose window the per-year
    /// counts cover; nil when the database has no per-year counts.
    private func windowCounts(over works: (sql: String, arguments: [SQLValue]),
                              citationSource: CitationSource) throws -> (start: Int, known: Int, covered: Int)? {
        // The first year with per-year counts: kept per data generation (a scan of every per-year count, 0.1 s on a
        // million works); -1 when there is none.
        let start = try keptCounts("per_year_start \(citationSource)") {
            ["year": try database.scalar("SELECT min(cy.year) FROM citations_by_year cy WHERE \(citationSource.perYearSQL(workID: "cy.work_id"))").int ?? -1]
        }["year"] ?? -1
        guard start >= 0 else { return nil }
        let perYear = "(EXISTS (SELECT 1 FROM citations_by_year c WHERE c.work_id = w.work_id) AND \(citationSource.perYearSQL(workID: "w.work_id")))"
        let total = citationSource.sql(workID: "w.work_id", stored: "w.citations")
        let row = try database.rows("""
            SELECT count(*), coalesce(sum(CASE WHEN \(total) = 0 OR (w.year >= ? AND \(perYear)) THEN 1 ELSE 0 END), 0)
            FROM (\(works.sql)) w WHERE \(total) IS NOT NULL OR \(perYear)
            """, [.integer(Int64(start))] + works.arguments).first
        return (start, row?[0].int ?? 0, row?[1].int ?? 0)
    }

    /// The default window and its reason from `windowCounts`.
    private static func citationWindow(_ counts: (start: Int, known: Int, covered: Int)?,
                                       citationSource: CitationSource) -> (window: CitationWindow, reason: String) {
        guard let (start, known, covered) = counts else {
            return (.total, citationSource == .precedence ? "no per-year citation counts in the database"
                                                          : "no per-year citation counts of \(citationSource) in the database")
        }
        guard known > 0 else { return (.total, "no work of the set has a citation count") }
        if covered == known {
            return (.fourYears, "per-year counts (from \(start) on) cover the 4-year windows of all \(known) works of the set with a count")
        }
        return (.total, "per-year counts cover the 4-year windows of \(covered) of the \(known) works of the set with a count (they start in \(start); older works and works without them are not covered)")
    }

    /// The corpus baseline, for `scicollab baseline export`.
    public func corpusBaseline(scheme: String? = nil, window: CitationWindow? = nil) throws -> Baseline {
        try impactModel(scheme: scheme, window: window).baseline
    }
}
