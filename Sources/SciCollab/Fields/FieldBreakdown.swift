/// One field of a per-field breakdown (definitions §8): works counted in every one of their fields (full).
public struct FieldRow: Sendable {
    public var field: String
    public var name: String?
    /// Works of the set in the field (`N_X(f)` for a country, `C_AB(f)` for a pair).
    public var works: Int
    public var citations: Int
    public var worksWithoutCitationCount: Int
    /// The work ids, for impact; empty when the breakdown computed the field's mean impact itself (from a kept model).
    public var ids: [Int64]
    /// For a pair: `N_A(f)`, `N_B(f)`.
    public var outputA: Int?
    public var outputB: Int?
    /// For a pair: `Σ f_A(p)` over A's works in the field and over the joint works in it; and for B.
    public var outputFractionalA = 0.0
    public var outputFractionalB = 0.0
    public var jointWeightA = 0.0
    public var jointWeightB = 0.0

    /// For a pair: `s(A→B)` in the field, `C_AB(f) / N_A(f)` (full) or `Σ_{p∈S_AB(f)} f_A(p) / Σ_{p∈f} f_A(p)`
    /// (fractional), within [0, 1] (definitions §6, §8); and `s(B→A)`.
    public func shares(_ counting: CountingMethod) -> (a: Double?, b: Double?) {
        func ratio(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : x / y }
        switch counting {
        case .full: return (ratio(Double(works), Double(outputA ?? 0)), ratio(Double(works), Double(outputB ?? 0)))
        case .fractional: return (ratio(jointWeightA, outputFractionalA), ratio(jointWeightB, outputFractionalB))
        }
    }

    public var citationsPerPublication: Double? {
        let known = works - worksWithoutCitationCount
        return known == 0 ? nil : Double(citations) / Double(known)
    }
}

/// The field classification schemes the importers write.
public enum FieldSchemes {
    /// Every scheme name a command accepts.
    public static let known = [automatic, "asjc", "asjc-area", "wos-category", "wos-area", "openalex-subfield", "openalex-field", "openalex-domain", "mesh"]
    /// `auto` (definitions §8), the default of `fields`, `impact` and every impact column: the ASJC subject areas of
    /// every source, `asjc-area` where a work has it, else its OpenAlex field, else its Web of Science categories
    /// through the shipped crosswalk.
    public static let automatic = "auto"
    /// The schemes `auto` reads, in order of preference.
    static let automaticSources = ["asjc-area", "openalex-field", "wos-category"]
    /// The scheme the cohorts of `auto` are keyed by (in a baseline file): its codes are ASJC subject areas.
    public static let automaticCohortScheme = "asjc-area"
    /// How the outputs name `auto`.
    public static let automaticDescription = "auto (ASJC subject areas: asjc-area, else the OpenAlex field, else the WoS category through the crosswalk)"
}

/// A breakdown and the denominators of its shares.
public struct FieldBreakdown: Sendable {
    public var scheme: String
    public var rows: [FieldRow]
    /// Works of the set with at least one field in the scheme, and without.
    public var classified: Int
    public var unclassified: Int
    /// For a pair: works of A and of B with a field in the scheme.
    public var classifiedA: Int?
    public var classifiedB: Int?
    /// With a kept impact model: per field, the mean impact of the set's works in it (definitions §7, as
    /// `ImpactModel.summary(_:)` gives it over `FieldRow.ids`), absent where none has a defined value; nil when not
    /// computed here.
    public var impactMeans: [String: Double]?
}

extension Store {
    /// Works per field of `scheme` for `set` (all works, a country, or a pair with `N_A(f)`, `N_B(f)`).
    ///
    /// Aggregated in SQLite: the works of the set and (for a pair) of each side go into a temporary table keyed
    /// by work, whose field rows are counted per field; only the set's work ids per field are read back (for the
    /// impact column). Memory stays bounded by the set, not by the database. For a pair over every year, the sides'
    /// outputs per field are read from the kept totals (`keptFieldTotals`, and `keptGroupFieldTotals` for country
    /// groups whose rows are kept) where the scope allows them, and only the joint works go into the table. With
    /// `impactModel` kept in the store, the mean impact per field is read from its rows in `work_impact` too
    /// (`impactMeans`), so that the model need not hold the set's works (nor are the work ids read).
    ///
    /// The breakdown of every work or of a country or group over every year under a kept model is kept beside the model
    /// (`Schemas/034_kept_field_breakdowns.sql`) and read from there.
    public func fieldBreakdown(scheme: String, set: ImpactSet = .all, scope: AnalysisScope = AnalysisScope(),
                               impactModel: ImpactModel? = nil) throws -> FieldBreakdown {
        let areas = scheme == FieldSchemes.automatic ? try automaticAreasTable() : nil
        guard let modelID = impactModel?.storedID, let (groupID, workSet) = try keptBreakdownKey(set, scope: scope) else {
            return try computedFieldBreakdown(scheme: scheme, set: set, scope: scope, impactModel: impactModel, areas: areas)
        }
        let key: [SQLValue] = [.integer(modelID), .integer(Int64(groupID)), .text(workSet), .text(scheme), .text(scope.citationSource.description)]
        let condition = "model_id = ? AND group_id = ? AND work_set = ? AND scheme = ? AND citation_source = ?"
        func read() throws -> FieldBreakdown? {
            guard let totals = try database.rows("SELECT works, classified FROM field_breakdowns WHERE \(condition)", key).first else { return nil }
            var rows: [FieldRow] = []
            var means: [String: Double] = [:]
            try database.forEachRow("SELECT code, name, works, citations, without_citations, impact FROM field_breakdown_rows WHERE \(condition)",
                                    key) { row in
                guard let code = row[0].string else { return }
                rows.append(FieldRow(field: code, name: row[1].string, works: row[2].int ?? 0, citations: row[3].int ?? 0,
                                     worksWithoutCitationCount: row[4].int ?? 0, ids: []))
                if let mean = row[5].double { means[code] = mean }
            }
            let (works, classified) = (totals[0].int ?? 0, totals[1].int ?? 0)
            return FieldBreakdown(scheme: scheme, rows: rows.sorted { ($0.works, $1.field) > ($1.works, $0.field) },
                                  classified: classified, unclassified: works - classified, impactMeans: means)
        }
        return try keptValue(read: { _ in try read() }, compute: {
            try computedFieldBreakdown(scheme: scheme, set: set, scope: scope, impactModel: impactModel, areas: areas)
        }, store: { computed, _ in
            let works = computed.classified + computed.unclassified
            try database.prepare("""
                INSERT INTO field_breakdowns (model_id, group_id, work_set, scheme, citation_source, works, classified) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).run(key + [.integer(Int64(works)), .integer(Int64(computed.classified))])
            let insert = try database.prepare("""
                INSERT INTO field_breakdown_rows (model_id, group_id, work_set, scheme, citation_source, code, name, works, citations,
                                                  without_citations, impact)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in computed.rows {
                try insert.run(key + [.text(row.field), row.name.map { .text($0) } ?? .null, .integer(Int64(row.works)),
                                      .integer(Int64(row.citations)), .integer(Int64(row.worksWithoutCitationCount)),
                                      computed.impactMeans?[row.field].map { .real($0) } ?? .null])
            }
        })
    }

    /// The key under which the breakdown of `set` in `scope` is kept beside a model: that of `keptSetKey` for a country
    /// or group, `all` for every work over every year; nil where it is computed on each call.
    private func keptBreakdownKey(_ set: ImpactSet, scope: AnalysisScope) throws -> (groupID: Int, workSet: String)? {
        switch set {
        case .all:
            guard scope.from == nil, scope.to == nil, scope.level != .institution, database.isAutocommit else { return nil }
            return (0, "all")
        case .country: return try keptSetKey(set, scope: scope)
        case .pair, .collaboration: return nil
        }
    }

    /// `fieldBreakdown(scheme:set:scope:impactModel:)` computed now; `areas` the `auto` areas table for that scheme.
    private func computedFieldBreakdown(scheme: String, set: ImpactSet, scope: AnalysisScope, impactModel: ImpactModel?,
                                        areas: String?) throws -> FieldBreakdown {
        let isPair: Bool = { if case .pair = set { return true } else { return false } }()
        var kept = isPair ? try keptFieldTotals(scheme: scheme, areas: areas, for: scope) : false
        // Over country groups whose rows are kept, over every year: the names of the group rows (groups, and dated members)
        // read their outputs kept per definition, the other countries theirs as above, the joint works the groups' pair rows.
        var keptGroup: (id: Int, names: Set<String>)?
        var (pairRows, countryRows) = ("work_country_pairs", "work_countries")
        if isPair, !scope.groups.isEmpty, try keptFieldTotals(scheme: scheme, areas: areas, for: scope.withoutGroups) {
            let sources = try derivedSources(scope)
            if let id = sources.keptGroupID, try keptGroupFieldTotals(groupID: id, scheme: scheme, areas: areas) {
                keptGroup = (id, Set(scope.groups.flatMap { group in [group.name] + group.members.map { scope.country($0.country) } }))
                (pairRows, countryRows) = (sources.pairs, sources.countries)
                kept = true
            }
        }
        try database.execute("DROP TABLE IF EXISTS temp.breakdown_works")
        try database.execute("CREATE TEMP TABLE breakdown_works (work_id INTEGER PRIMARY KEY, member INTEGER NOT NULL DEFAULT 0, wa REAL, wb REAL)")
        defer { try? database.execute("DROP TABLE IF EXISTS temp.breakdown_works") }
        var sides: (a: Bool, b: Bool) = (false, false)
        let memberCount: Int
        if case .pair(let pairA, let pairB) = set, kept {
            let (a, b) = (scope.country(pairA), scope.country(pairB))
            // The joint works with each side's f_X(p), read beside them in the pair table (over every year, as stored:
            // weight_a and weight_b are the works' weights in work_countries of the sides in code order).
            try database.prepare("""
                INSERT INTO temp.breakdown_works (work_id, member, wa, wb)
                SELECT work_id, 1, \(a < b ? "weight_a, weight_b" : "weight_b, weight_a") FROM \(pairRows) WHERE a = ? AND b = ?
                """).run([.text(min(a, b)), .text(max(a, b))])
            memberCount = database.changes
            for country in [a, b] {
                let has = try database.scalar("SELECT CASE WHEN EXISTS (SELECT 1 FROM \(countryRows) WHERE country = ?) THEN 1 ELSE 0 END",
                                              [.text(country)]).int == 1
                if country == a { sides.a = has } else { sides.b = has }
            }
        } else {
            // In work order: the table's B-tree is then written from left to right, not page by page at random.
            let members = try workSetQuery(set, counting: .full, scope: scope)
            try database.prepare("INSERT OR IGNORE INTO temp.breakdown_works (work_id, member) SELECT work_id, 1 FROM (\(members.sql)) ORDER BY work_id")
                .run(members.arguments)
            memberCount = database.changes
            if case .pair(let a, let b) = set {
                for (column, country) in [("wa", a), ("wb", b)] {
                    let side = try workSetQuery(.country(country), counting: .fractional, scope: scope)
                    try database.prepare("""
                        INSERT INTO temp.breakdown_works (work_id, \(column)) SELECT work_id, sum(weight) FROM (\(side.sql)) GROUP BY work_id
                        ON CONFLICT (work_id) DO UPDATE SET \(column) = excluded.\(column)
                        """).run(side.arguments)
                    if column == "wa" { sides.a = database.changes > 0 } else { sides.b = database.changes > 0 }
                }
            }
        }
        // One row per (work, field) of the works above, with the work's citations (works without facts in the
        // scope are left out, as everywhere).
        let fieldRows: String
        var arguments: [SQLValue] = []
        if scheme == FieldSchemes.automatic {
            fieldRows = """
                SELECT c.work_id, aa.code, NULL AS name, c.member, c.wa, c.wb, \(scope.citations("f")) AS citations
                FROM temp.breakdown_works c
                JOIN work_facts f ON f.work_id = c.work_id AND \(scope.factsCondition)
                JOIN \(areas ?? "") aa ON aa.work_id = c.work_id
                """
        } else {
            fieldRows = """
                SELECT c.work_id, fl.code, fl.name, c.member, c.wa, c.wb, \(scope.citations("f")) AS citations
                FROM temp.breakdown_works c
                JOIN work_facts f ON f.work_id = c.work_id AND \(scope.factsCondition)
                JOIN work_fields wf ON wf.work_id = c.work_id
                JOIN fields fl ON fl.id = wf.field_id AND fl.scheme = ?
                """
            arguments = [.text(scheme)]
        }
        // The (work, field) rows are computed once into a temporary table, then read three times.
        try database.execute("DROP TABLE IF EXISTS temp.breakdown_rows")
        try database.prepare("CREATE TEMP TABLE breakdown_rows AS \(fieldRows)").run(arguments)
        defer { try? database.execute("DROP TABLE IF EXISTS temp.breakdown_rows") }
        var rows: [String: FieldRow] = [:]
        try database.forEachRow("""
            SELECT code, max(name), sum(member), coalesce(sum(CASE WHEN member = 1 THEN citations END), 0),
                   sum(CASE WHEN member = 1 AND citations IS NULL THEN 1 ELSE 0 END),
                   total(CASE WHEN member = 1 THEN coalesce(wa, 0) END), total(CASE WHEN member = 1 THEN coalesce(wb, 0) END),
                   count(wa), total(wa), count(wb), total(wb)
            FROM temp.breakdown_rows GROUP BY code
            """) { row in
            guard let code = row[0].string else { return }
            let works = row[2].int ?? 0
            if isPair && works == 0 { return }
            var entry = FieldRow(field: code, name: row[1].string ?? (scheme == FieldSchemes.automatic ? ASJC.standard.areaName(code) : nil),
                                 works: works, citations: row[3].int ?? 0, worksWithoutCitationCount: row[4].int ?? 0, ids: [],
                                 outputA: sides.a ? row[7].int ?? 0 : nil, outputB: sides.b ? row[9].int ?? 0 : nil)
            entry.jointWeightA = row[5].double ?? 0
            entry.jointWeightB = row[6].double ?? 0
            entry.outputFractionalA = row[8].double ?? 0
            entry.outputFractionalB = row[10].double ?? 0
            rows[code] = entry
        }
        // The set's works per field, for the impact column when the means are not computed below.
        let impactModelID = impactModel?.storedID
        if impactModelID == nil {
            try database.forEachRow("SELECT code, work_id FROM temp.breakdown_rows WHERE member = 1 ORDER BY work_id") { row in
                guard let code = row[0].string, case .integer(let id) = row[1] else { return }
                rows[code]?.ids.append(id)
            }
        }
        // The mean impact per field: the defined values summed in work order, as `ImpactModel.summary(_:)` sums them
        // over the ids above (a work without a row in the model is unclassified there).
        var impactMeans: [String: Double]?
        if let modelID = impactModelID {
            var sums: [String: (total: Double, count: Int)] = [:]
            try database.forEachRow("""
                SELECT r.code, wi.value FROM temp.breakdown_rows r JOIN work_impact wi ON wi.model_id = ? AND wi.work_id = r.work_id
                WHERE r.member = 1 AND wi.value IS NOT NULL AND wi.fields <> '' ORDER BY r.work_id
                """, [.integer(modelID)]) { row in
                guard let code = row[0].string, let value = row[1].double else { return }
                let sum = sums[code, default: (0, 0)]
                sums[code] = (sum.total + value, sum.count + 1)
            }
            impactMeans = sums.mapValues { $0.total / Double($0.count) }
        }
        let counts = try database.rows("""
            SELECT count(DISTINCT CASE WHEN member = 1 THEN work_id END), count(DISTINCT CASE WHEN wa IS NOT NULL THEN work_id END),
                   count(DISTINCT CASE WHEN wb IS NOT NULL THEN work_id END)
            FROM temp.breakdown_rows
            """).first
        let classified = counts?[0].int ?? 0
        var classifiedSides = (a: counts?[1].int ?? 0, b: counts?[2].int ?? 0)
        if case .pair(let pairA, let pairB) = set, kept {
            let (a, b) = (scope.country(pairA), scope.country(pairB))
            // The sides' outputs per field and their classified works, kept over every year (a group's per definition).
            func totals(_ table: String, of side: String) -> (sql: String, arguments: [SQLValue]) {
                guard let keptGroup, keptGroup.names.contains(side) else {
                    return ("SELECT country, \(table == "field_totals" ? "code, works, weight" : "works") FROM country_\(table) WHERE scheme = ? AND country = ?",
                            [.text(scheme), .text(side)])
                }
                return ("SELECT country, \(table == "field_totals" ? "code, works, weight" : "works") FROM group_\(table) WHERE group_id = ? AND scheme = ? AND country = ?",
                        [.integer(Int64(keptGroup.id)), .text(scheme), .text(side)])
            }
            func keptRows(_ table: String) throws -> [[SQLValue]] {
                try [a, b].flatMap { side in
                    let query = totals(table, of: side)
                    return try database.rows(query.sql, query.arguments)
                }
            }
            for row in try keptRows("field_totals") {
                guard let code = row[1].string, rows[code] != nil else { continue }
                if row[0].string == a, sides.a {
                    rows[code]?.outputA = row[2].int ?? 0
                    rows[code]?.outputFractionalA = row[3].double ?? 0
                }
                if row[0].string == b, sides.b {
                    rows[code]?.outputB = row[2].int ?? 0
                    rows[code]?.outputFractionalB = row[3].double ?? 0
                }
            }
            let classifiedRows = try keptRows("field_classified")
            func classifiedWorks(_ country: String) -> Int { classifiedRows.first { $0[0].string == country }?[1].int ?? 0 }
            classifiedSides = (classifiedWorks(a), classifiedWorks(b))
        }
        return FieldBreakdown(
            scheme: scheme,
            rows: rows.values.sorted { ($0.works, $1.field) > ($1.works, $0.field) },
            classified: classified, unclassified: memberCount - classified,
            classifiedA: isPair ? classifiedSides.a : nil, classifiedB: isPair ? classifiedSides.b : nil, impactMeans: impactMeans)
    }
}
