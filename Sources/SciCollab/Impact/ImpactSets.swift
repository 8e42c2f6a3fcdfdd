/// The sets of works an impact figure is computed over.
public enum ImpactSet: Sendable, Equatable {
    case all
    case country(String)
    case pair(String, String)
    /// The works of a collaboration type, optionally only those of one country.
    case collaboration(CollaborationType, country: String? = nil)

    public var description: String {
        switch self {
        case .all: return "all works"
        case .country(let code): return "the works of \(code)"
        case .pair(let a, let b): return "the joint works of \(a) and \(b)"
        case .collaboration(let type, let country): return "\(type.label) works" + (country.map { " of \($0)" } ?? "")
        }
    }
}

extension Store {
    /// The works of `set` in `scope`, with their weights: `f_X(p)` for a country under fractional counting,
    /// else 1.
    public func works(of set: ImpactSet, counting: CountingMethod = .full, scope: AnalysisScope = AnalysisScope()) throws -> [(id: Int64, weight: Double)] {
        let query = try workSetQuery(set, counting: counting, scope: scope)
        var works: [(id: Int64, weight: Double)] = []
        try database.forEachRow(query.sql, query.arguments) { row in
            guard case .integer(let id) = row[0] else { return }
            works.append((id, row[1].double ?? 1))
        }
        return works
    }

    /// SQL giving the works of `set` as rows (work_id, weight); with `facts`, (work_id, weight, year, citations): the
    /// work's year and stored citation count, which every table a set is read from keeps beside the work.
    func workSetQuery(_ set: ImpactSet, counting: CountingMethod, scope: AnalysisScope,
                      facts: Bool = false) throws -> (sql: String, arguments: [SQLValue]) {
        let sources = try derivedSources(scope)
        func columns(_ alias: String) -> String { facts ? ", \(alias)year, \(alias)citations" : "" }
        switch set {
        case .all:
            return ("SELECT f.work_id, 1.0\(columns("f.")) FROM work_facts f WHERE \(scope.factsCondition)", [])
        case .country(let code):
            return ("SELECT work_id, \(counting == .fractional ? "weight" : "1.0")\(columns("")) FROM \(sources.countries) WHERE country = ? AND \(scope.yearCondition("year"))",
                    [.text(scope.country(code))])
        case .pair(let a, let b):
            let (low, high) = scope.country(a) < scope.country(b) ? (scope.country(a), scope.country(b)) : (scope.country(b), scope.country(a))
            return ("SELECT work_id, \(counting == .fractional ? "link" : "1.0")\(columns("")) FROM \(sources.pairs) WHERE a = ? AND b = ? AND \(scope.yearCondition("year"))",
                    [.text(low), .text(high)])
        case .collaboration(let type, let country):
            let query = collaborationWorksQuery(country: country, condition: "f.\(scope.collaborationColumn) = ?", counting: counting,
                                                scope: scope, sources: sources, columns: columns("f."))
            return (query.sql, query.arguments + [.text(type.rawValue)])
        }
    }

    /// The works of `country` (every work when nil) whose facts meet `condition` (its arguments follow those
    /// returned), as rows (work_id, weight) followed by `columns`: one SELECT, whatever the condition, so that each
    /// collaboration type's works come in the same order alone as among those of every type.
    private func collaborationWorksQuery(country: String?, condition: String, counting: CountingMethod, scope: AnalysisScope,
                                         sources: DerivedSources, columns: String) -> (sql: String, arguments: [SQLValue]) {
        guard let country else {
            return ("SELECT f.work_id, 1.0\(columns) FROM work_facts f WHERE \(condition) AND \(scope.factsCondition)", [])
        }
        return ("""
            SELECT f.work_id, \(counting == .fractional ? "wc.weight" : "1.0")\(columns) FROM work_facts f
            JOIN \(sources.countries) wc ON wc.work_id = f.work_id AND wc.country = ?
            WHERE \(condition) AND \(scope.factsCondition)
            """, [.text(scope.country(country))])
    }

    /// `model`, kept in the store, holding the values of the works `ids` alone (read in one join with their list); a model
    /// not kept is returned as it is (it holds every work).
    public func impactModel(_ model: ImpactModel, holding ids: [Int64], citationSource: CitationSource = .precedence) throws -> ImpactModel {
        guard let modelID = model.storedID else { return model }
        var holding = model
        holding.works = try database.readTransaction {
            try ImpactCache.readWorks(database, modelID: modelID, window: model.window, citationSource: citationSource, ids: ids)
        }
        return holding
    }

    /// The mean impact (definitions §7: the weighted mean of the defined per-work values; nil when none is defined) of
    /// each set. A model kept in the store is averaged in SQL without reading its works; otherwise the works
    /// the model holds are summarised.
    public func meanImpact(of sets: [ImpactSet], model: ImpactModel, counting: CountingMethod = .full,
                           scope: AnalysisScope = AnalysisScope()) throws -> [Double?] {
        guard let modelID = model.storedID else {
            return try sets.map { model.summary(try works(of: $0, counting: counting, scope: scope)).mean }
        }
        if let kept = try keptCollaborationMeans(of: sets, modelID: modelID, counting: counting, scope: scope) { return kept }
        return try computedMeanImpact(of: sets, modelID: modelID, counting: counting, scope: scope)
    }

    /// The means of `sets`, all collaboration types of one country (or of every work), over every year under the kept
    /// model `modelID` (`Schemas/035_collaboration_impact.sql`): read when kept, else computed as `meanImpact(of:)`
    /// computes them and kept. Nil where they are computed on each call: other sets, a period, merged regions, a group,
    /// institutions, an open transaction, or a store that cannot be written.
    private func keptCollaborationMeans(of sets: [ImpactSet], modelID: Int64, counting: CountingMethod,
                                        scope: AnalysisScope) throws -> [Double?]? {
        var types: [CollaborationType] = []
        var countries: Set<String?> = []
        for set in sets {
            guard case .collaboration(let type, let country) = set else { return nil }
            types.append(type)
            countries.insert(country.map(scope.country))
        }
        guard countries.count == 1, let country = countries.first, scope.from == nil, scope.to == nil, scope.level == .country,
              !scope.mergeChinaRegions, database.isAutocommit else { return nil }
        if country != nil, try derivedSources(scope).countries != "work_countries" { return nil }
        let key: [SQLValue] = [.integer(modelID), .text(country ?? ""), .text(counting.rawValue)]
        func read() throws -> [Double?]? {
            var means: [String: Double?] = [:]
            try database.forEachRow("SELECT collaboration, mean FROM collaboration_impact WHERE model_id = ? AND country = ? AND counting = ?",
                                    key) { row in
                if let type = row[0].string { means[type] = row[1].double }
            }
            guard types.allSatisfy({ means[$0.rawValue] != nil }) else { return nil }
            return types.map { means[$0.rawValue] ?? nil }
        }
        return try keptValue(read: { _ in try read() }, compute: {
            try computedMeanImpact(of: sets, modelID: modelID, counting: counting, scope: scope)
        }, store: { computed, _ in
            let insert = try database.prepare("""
                INSERT INTO collaboration_impact (model_id, country, collaboration, counting, mean) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (model_id, country, collaboration, counting) DO UPDATE SET mean = excluded.mean
                """)
            for (type, mean) in zip(types, computed) {
                try insert.run([key[0], key[1], .text(type.rawValue), key[2], mean.map { .real($0) } ?? .null])
            }
        })
    }

    /// `meanImpact(of:model:counting:scope:)` under the kept model `modelID`, computed now (or read from the kept group means).
    private func computedMeanImpact(of sets: [ImpactSet], modelID: Int64, counting: CountingMethod,
                                    scope: AnalysisScope) throws -> [Double?] {
        let byType = try meanImpactByCollaborationType(of: sets, modelID: modelID, counting: counting, scope: scope)
        return try sets.enumerated().map { index, set in
            if let mean = byType[index] { return mean }
            func compute() throws -> Double? {
                let query = try workSetQuery(set, counting: counting, scope: scope)
                return try database.rows("""
                    WITH s (work_id, weight) AS (\(query.sql))
                    SELECT sum(wi.value * s.weight) / sum(s.weight) FROM s
                    JOIN work_impact wi ON wi.model_id = \(modelID) AND wi.work_id = s.work_id
                    WHERE wi.value IS NOT NULL AND wi.fields <> ''
                    """, query.arguments).first?[0].double
            }
            return try keptGroupMeanImpact(of: set, modelID: modelID, counting: counting, scope: scope, compute: compute) ?? compute()
        }
    }

    /// The mean of `set` under the kept model `modelID` over the rows of a kept country group definition, over every
    /// year (`Schemas/032_kept_set_impact.sql`): read when kept, else computed by `compute` (the statement of
    /// `meanImpact(of:)`) and kept. The outer nil: not kept here (no kept group rows in `scope`, a period, a
    /// collaboration type, an open transaction, a store that cannot be written); the inner nil: no defined value.
    func keptGroupMeanImpact(of set: ImpactSet, modelID: Int64, counting: CountingMethod, scope: AnalysisScope,
                             compute: () throws -> Double?) throws -> Double?? {
        guard let (groupID, workSet) = try keptSetKey(set, scope: scope), groupID != 0 else { return nil }
        let key: [SQLValue] = [.integer(Int64(groupID)), .integer(modelID), .text(workSet), .text(counting.rawValue)]
        let read = "SELECT mean FROM group_impact WHERE group_id = ? AND model_id = ? AND work_set = ? AND counting = ?"
        return .some(try keptValue(read: { _ in try database.rows(read, key).first.map { $0[0].double } }, compute: compute) { mean, _ in
            try database.prepare("INSERT INTO group_impact (group_id, model_id, work_set, counting, mean) VALUES (?, ?, ?, ?, ?)")
                .run(key + [mean.map { .real($0) } ?? .null])
        })
    }

    /// The means of the sets among `sets` that are collaboration types of one country (or of every work), by their
    /// index in `sets`, where a country has more than one: one pass over the country's works sums each type apart.
    /// Each type's rows come in the order its own query reads them, so every sum is the one `meanImpact` takes alone.
    private func meanImpactByCollaborationType(of sets: [ImpactSet], modelID: Int64, counting: CountingMethod,
                                               scope: AnalysisScope) throws -> [Int: Double?] {
        var typesByCountry: [String?: [(index: Int, type: CollaborationType)]] = [:]
        for (index, set) in sets.enumerated() {
            if case .collaboration(let type, let country) = set { typesByCountry[country, default: []].append((index, type)) }
        }
        let sources = try derivedSources(scope)
        var means: [Int: Double?] = [:]
        for (country, types) in typesByCountry where types.count > 1 {
            let column = "f.\(scope.collaborationColumn)"
            let literals = types.map { Self.sqlLiteral($0.type.rawValue) }
            let query = collaborationWorksQuery(country: country, condition: "\(column) IN (\(Set(literals).sorted().joined(separator: ", ")))",
                                                counting: counting, scope: scope, sources: sources, columns: ", \(column)")
            let sums = literals.map { "sum(CASE WHEN s.type = \($0) THEN wi.value * s.weight END) / sum(CASE WHEN s.type = \($0) THEN s.weight END)" }
            guard let row = try database.rows("""
                WITH s (work_id, weight, type) AS (\(query.sql))
                SELECT \(sums.joined(separator: ", ")) FROM s
                JOIN work_impact wi ON wi.model_id = \(modelID) AND wi.work_id = s.work_id
                WHERE wi.value IS NOT NULL AND wi.fields <> ''
                """, query.arguments).first else { continue }
            for (column, type) in types.enumerated() { means[type.index] = row[column].double }
        }
        return means
    }

    /// The key under which a figure of `set` in `scope` is kept beside a model (`Schemas/032_kept_set_impact.sql`): the
    /// kept country group definition whose rows it reads (0: the stored rows) and the set (`country US`, `pair CN US`);
    /// nil where such figures are computed on each call (a period, merged regions, institutions, every work, a
    /// collaboration type, an open transaction).
    func keptSetKey(_ set: ImpactSet, scope: AnalysisScope) throws -> (groupID: Int, workSet: String)? {
        let workSet: String
        switch set {
        case .country(let code): workSet = "country \(scope.country(code))"
        case .pair(let a, let b): workSet = "pair " + [scope.country(a), scope.country(b)].sorted().joined(separator: " ")
        case .all, .collaboration: return nil
        }
        guard scope.from == nil, scope.to == nil, scope.level != .institution, database.isAutocommit else { return nil }
        let sources = try derivedSources(scope)
        if let groupID = sources.keptGroupID { return (groupID, workSet) }
        return sources.countries == "work_countries" && sources.pairs == "work_country_pairs" ? (0, workSet) : nil
    }

    /// The summary of `set`'s works (`ImpactModel.summary` without intervals) computed in SQL over a model kept in the
    /// store, reading only the defined values (for the median; without `median`, nil and not read); nil when the model
    /// is not kept. Over every year of a country, a pair or a group (`keptSetKey`), kept beside the model and read
    /// from there.
    public func impactSummary(of set: ImpactSet, model: ImpactModel, counting: CountingMethod = .full,
                              scope: AnalysisScope = AnalysisScope(), median: Bool = true) throws -> ImpactSummary? {
        guard let modelID = model.storedID else { return nil }
        guard let (groupID, workSet) = try keptSetKey(set, scope: scope) else {
            return try computedImpactSummary(of: set, modelID: modelID, counting: counting, scope: scope, median: median)
        }
        let key: [SQLValue] = [.integer(modelID), .integer(Int64(groupID)), .text(workSet), .text(counting.rawValue)]
        func read() throws -> ImpactSummary? {
            guard let row = try database.rows("""
                SELECT works, defined, undefined, unclassified, provisional, source_count, source_mean, top10, mean, has_median, median
                FROM impact_summaries WHERE model_id = ? AND group_id = ? AND work_set = ? AND counting = ?
                """, key).first, row[9].int == 1 || !median else { return nil }
            var summary = ImpactSummary(works: row[0].int ?? 0, defined: row[1].int ?? 0, undefined: row[2].int ?? 0,
                                        unclassified: row[3].int ?? 0, provisional: row[4].int ?? 0, sourceCount: row[5].int ?? 0)
            (summary.sourceMean, summary.top10, summary.mean) = (row[6].double, row[7].double, row[8].double)
            summary.median = median ? row[10].double : nil
            return summary
        }
        return try keptValue(read: { _ in try read().map { .some($0) } }, compute: {
            try computedImpactSummary(of: set, modelID: modelID, counting: counting, scope: scope, median: median)
        }, store: { summary, _ in
            guard let summary else { return }
            func real(_ value: Double?) -> SQLValue { value.map { .real($0) } ?? .null }
            try database.prepare("""
                INSERT INTO impact_summaries (model_id, group_id, work_set, counting, works, defined, undefined, unclassified, provisional,
                                              source_count, source_mean, top10, mean, has_median, median)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (model_id, group_id, work_set, counting) DO UPDATE SET has_median = excluded.has_median, median = excluded.median
                """).run(key + [summary.works, summary.defined, summary.undefined, summary.unclassified, summary.provisional,
                                summary.sourceCount].map { .integer(Int64($0)) }
                         + [real(summary.sourceMean), real(summary.top10), real(summary.mean), .integer(median ? 1 : 0), real(summary.median)])
        })
    }

    /// The most values a weighted median looks up work by work (`computedImpactSummary`).
    static let medianLookupLimit = 20_000

    /// `impactSummary(of:model:counting:scope:median:)` computed now.
    private func computedImpactSummary(of set: ImpactSet, modelID: Int64, counting: CountingMethod, scope: AnalysisScope,
                                       median: Bool) throws -> ImpactSummary? {
        let query = try workSetQuery(set, counting: counting, scope: scope)
        let with = "WITH s (work_id, weight) AS (\(query.sql))"
        let defined = "wi.fields <> '' AND wi.value IS NOT NULL"
        let top = "wi.fields <> '' AND wi.top10 IS NOT NULL"
        guard let row = try database.rows("""
            \(with)
            SELECT count(*), coalesce(sum(CASE WHEN wi.provisional = 1 THEN 1 ELSE 0 END), 0), count(wi.source_fwci), sum(wi.source_fwci),
                   coalesce(sum(CASE WHEN wi.work_id IS NULL OR wi.fields = '' THEN 1 ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN \(defined) THEN 1 ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN wi.fields <> '' AND wi.value IS NULL THEN 1 ELSE 0 END), 0),
                   sum(CASE WHEN \(top) THEN wi.top10 * s.weight END), sum(CASE WHEN \(top) THEN s.weight END),
                   sum(CASE WHEN \(defined) THEN wi.value * s.weight END), sum(CASE WHEN \(defined) THEN s.weight END)
            FROM s LEFT JOIN work_impact wi ON wi.model_id = \(modelID) AND wi.work_id = s.work_id
            """, query.arguments).first else { return nil }
        var summary = ImpactSummary(works: row[0].int ?? 0, defined: row[5].int ?? 0, undefined: row[6].int ?? 0,
                                    unclassified: row[4].int ?? 0, provisional: row[1].int ?? 0, sourceCount: row[2].int ?? 0)
        func ratio(_ x: SQLValue, _ y: SQLValue) -> Double? {
            guard let x = x.double, let y = y.double, y != 0 else { return nil }
            return x / y
        }
        summary.sourceMean = summary.sourceCount == 0 ? nil : row[3].double.map { $0 / Double(summary.sourceCount) }
        summary.top10 = ratio(row[7], row[8])
        guard summary.defined > 0 else { return summary }
        summary.mean = ratio(row[9], row[10])
        guard median else { return summary }
        var values: [(Double, Double)] = []
        values.reserveCapacity(summary.defined)
        // A small set drives the join (SQLite keeps the order of a CROSS JOIN): the planner would read every value of
        // the model in order and probe the set with each, 0.4 s on a million works for a pair's few works. For a large
        // set that read is the faster (the US's 91,257 values: 0.26 s, against 1.1 s looking each work up).
        let join = summary.defined <= Self.medianLookupLimit ? "CROSS JOIN" : "JOIN"
        try database.forEachRow("""
            \(with)
            SELECT wi.value, s.weight FROM s \(join) work_impact wi ON wi.model_id = \(modelID) AND wi.work_id = s.work_id
            WHERE \(defined) ORDER BY wi.value
            """, query.arguments) { row in
            if let value = row[0].double { values.append((value, row[1].double ?? 1)) }
        }
        summary.median = ImpactModel.weightedMedian(values)
        return summary
    }

    /// The mean impact (full counting) of every country's (or institution's, at that level) works in `scope`, as
    /// `meanImpact(of:)`; over every year, kept beside a kept model (`keptEntityImpact`).
    public func meanImpactByCountry(model: ImpactModel, scope: AnalysisScope = AnalysisScope()) throws -> [String: Double] {
        guard let modelID = model.storedID else {
            return try worksByCountry(scope: scope).compactMapValues { works in model.summary(works.map { ($0.id, 1.0) }).mean }
        }
        let sources = try derivedSources(scope)
        var means: [String: Double] = [:]
        // Over every year the means kept beside the model.
        let sql = try keptEntityImpact(sources, modelID: modelID, scope: scope) ?? Self.meanImpactByEntitySQL(sources, modelID: modelID, scope: scope)
        try database.forEachRow(sql) { row in
            if let country = row[0].string, let mean = row[1].double { means[country] = mean }
        }
        return means
    }
}

extension Store {
    /// The works of every country in `scope` with their fractional weights, for per-country impact.
    public func worksByCountry(scope: AnalysisScope = AnalysisScope()) throws -> [String: [(id: Int64, weight: Double)]] {
        let sources = try derivedSources(scope)
        var result: [String: [(id: Int64, weight: Double)]] = [:]
        for row in try database.rows("SELECT country, work_id, weight FROM \(sources.countries) WHERE \(scope.yearCondition("year"))") {
            guard let country = row[0].string, case .integer(let id) = row[1] else { continue }
            result[country, default: []].append((id, row[2].double ?? 1))
        }
        return result
    }
}

extension Report {
    /// Adds an impact column (mean FWCI-style value) to the table `key`, one value per row, and says how it was computed.
    public mutating func addImpactColumn(table key: String, values: [ReportValue], model: ImpactModel) {
        guard let index = tables.firstIndex(where: { $0.key == key }) else { return }
        tables[index].columns.append(ReportColumn("impact", "Impact"))
        for row in tables[index].rows.indices where row < values.count { tables[index].rows[row].append(values[row]) }
        tables[index].notes.append(StandardReports.impactNote(model))
        parameters.append(("impact", .text("\(model.window.rawValue), \(model.baseline.label), \(model.schemeDescription)")))
    }
}

extension Report {
    /// Adds the impact of a pair's joint works to the `pair` table and the JSON members.
    public mutating func addImpactRow(summary: ImpactSummary, model: ImpactModel) {
        if let index = tables.firstIndex(where: { $0.key == "pair" }) {
            tables[index].rows.append([.text("impact of the joint works (mean FWCI-style)"), summary.mean.map { .real($0, decimals: 3) } ?? .null])
            tables[index].rows.append([.text("joint works with a defined impact"), .int(summary.defined)])
            tables[index].notes.append(StandardReports.impactNote(model))
        }
        parameters.append(("impact", .text("\(model.window.rawValue), \(model.baseline.label), \(model.schemeDescription)")))
        jsonMembers.append(("impact", .object([
            ("mean", .value(summary.mean.map { .real($0, decimals: 4) } ?? .null)), ("n_defined", .value(.int(summary.defined))),
            ("n_undefined", .value(.int(summary.undefined))), ("window", .value(.text(model.window.rawValue))),
            ("baseline", .value(.text(model.baseline.label))),
        ])))
    }
}

extension StandardReports {
    static func impactNote(_ model: ImpactModel) -> String {
        "Impact: mean FWCI-style value of the works with a defined value (definitions §7): window \(model.window.rawValue) (\(model.windowReason)), \(model.baseline.label), fields \(model.schemeDescription); — when none is defined."
    }
}
