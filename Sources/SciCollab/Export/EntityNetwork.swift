import Foundation

/// Institution and author networks, accumulated from each work's entities (definitions §4 with institutions or
/// authors in place of countries).
extension Store {
    /// One work's entities with their fractional weights.
    private struct WorkEntities {
        var year: Int?
        var citations: Int?
        /// Entity key → fractional weight in the work (the weights of a work sum to 1; those of the kept nodes alone when
        /// only they are read).
        var weights: [String: Double] = [:]
        /// The work's entities, kept or not (nil: those of `weights`): a link's weight counts them all.
        var count: Int?
    }

    func entityNetwork(_ options: NetworkOptions, scope: AnalysisScope, impact: ImpactModel?) throws -> CollaborationNetwork {
        let period = try periodBounds(scope)
        var labels: [String: [String: Int]] = [:], countries: [String: [String: Int]] = [:]
        var authorCounts: [String: Int] = [:]
        if options.level == .institutions { try prepareInstitutionTables() }
        // With --top (and no --focus, and a --min-weight that no link falls below), the nodes kept are known before any
        // link is built: a node's total link strength is Σ_p (m_p − 1) over its works under full counting, the number
        // of its works with another node under fractional counting (Σ_{q≠node} 1/(m_p − 1) = 1). A first pass ranks
        // them; the second builds the nodes and links of the top N alone.
        var ranking: [String: Double]?
        if let top = options.top, options.focus == nil,
           options.counting == .full ? options.minWeight <= 1 : options.minWeight == 0 {
            ranking = try topEntities(options, scope: scope, top: top)
        }
        // Nodes and edges, accumulated work by work as the rows arrive in work order.
        var index: [String: Int] = [:]
        var nodes: [NetworkNode] = []
        var citationTotals: [Int] = [], known: [Int] = [], ids: [[(id: Int64, weight: Double)]] = []
        // Keyed by source << 32 | target, each edge updated in place (no copy of its per-year counts per work). With
        // at most `denseNodes` nodes (the top N), an edge's place in `edgeList` is read from a square table instead.
        var edgeMap: [UInt64: NetworkEdge] = [:]
        let denseNodes = ranking.map(\.count).flatMap { $0 <= 2048 ? $0 : nil } ?? 0
        var edgeSlots = [Int32](repeating: -1, count: denseNodes * denseNodes)
        var edgeList: [NetworkEdge] = []
        func accept(_ work: Int64, _ entities: WorkEntities) {
            let keys = entities.weights.keys.sorted()
            var positions: [Int] = []
            for key in keys where ranking?[key] != nil || ranking == nil {
                let i: Int
                if let existing = index[key] {
                    i = existing
                } else {
                    i = nodes.count
                    index[key] = i
                    // Label and country are set once every row has been read (an author's come from all their rows).
                    nodes.append(NetworkNode(key: key, label: key, works: 0, worksFractional: 0,
                                             authors: options.level == .institutions ? authorCounts[key] ?? 0 : nil,
                                             citationsPerPublication: nil, impact: nil, country: nil, worksByYear: [:]))
                    citationTotals.append(0)
                    known.append(0)
                    ids.append([])
                }
                positions.append(i)
                nodes[i].works += 1
                nodes[i].worksFractional += entities.weights[key] ?? 0
                if let year = entities.year { nodes[i].worksByYear[year, default: 0] += 1 }
                if let citations = entities.citations {
                    citationTotals[i] += citations
                    known[i] += 1
                }
                if impact != nil { ids[i].append((work, 1)) }
            }
            // The link weight counts every node of the work, kept or not.
            guard positions.count >= 2 else { return }
            let link = 1 / Double((entities.count ?? keys.count) - 1)
            for x in positions.indices {
                for y in positions.indices where y > x {
                    let (s, t) = (min(positions[x], positions[y]), max(positions[x], positions[y]))
                    let empty = NetworkEdge(source: s, target: t, coauthored: 0, linkStrength: 0, shareSource: nil, shareTarget: nil,
                                            coauthoredByYear: [:])
                    if denseNodes > 0 {
                        var slot = Int(edgeSlots[s * denseNodes + t])
                        if slot < 0 {
                            slot = edgeList.count
                            edgeSlots[s * denseNodes + t] = Int32(slot)
                            edgeList.append(empty)
                        }
                        edgeList[slot].addJointWork(link: link, year: entities.year)
                    } else {
                        edgeMap[UInt64(s) << 32 | UInt64(t), default: empty].addJointWork(link: link, year: entities.year)
                    }
                }
            }
        }
        if options.level == .institutions {
            try database.forEachRow("""
                SELECT institution, count(DISTINCT author_id) FROM work_institution_authors WHERE \(scope.yearCondition("year"))
                \(ranking == nil ? "" : "AND institution IN (SELECT key FROM temp.network_kept)") GROUP BY institution
                """) { row in
                if let key = row[0].string { authorCounts[key] = row[1].int ?? 0 }
            }
        }
        try forEachWorkEntities(options, scope: scope, ofKeptOnly: ranking != nil, accept, names: { key, name, country in
            guard ranking == nil || ranking?[key] != nil else { return }
            labels[key, default: [:]][name, default: 0] += 1
            if let country { countries[key, default: [:]][country, default: 0] += 1 }
        })
        if options.level == .institutions {
            try database.forEachRow("SELECT institution, name, country FROM institutions") { row in
                guard let key = row[0].string else { return }
                if let name = row[1].string { labels[key] = [name: 1] }
                if let country = row[2].string { countries[key] = [country: 1] }
            }
        }
        func mostFrequent(_ counts: [String: Int]?) -> String? {
            counts?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        // A kept model's values are read for the nodes' works alone.
        let impact = try impact.map { try impactModel($0, holding: ids.flatMap { $0.map(\.id) }, citationSource: scope.citationSource) }
        for i in nodes.indices {
            nodes[i].label = mostFrequent(labels[nodes[i].key]) ?? nodes[i].key
            nodes[i].country = mostFrequent(countries[nodes[i].key])
            nodes[i].citationsPerPublication = known[i] == 0 ? nil : Double(citationTotals[i]) / Double(known[i])
            if let impact { nodes[i].impact = impact.summary(ids[i]).mean }
        }
        var edges = denseNodes > 0 ? edgeList : Array(edgeMap.values)
        for i in edges.indices {
            // Shares: C_AB / N_A under full counting (definitions §6); the fractional link strength is never divided by an output.
            let (s, t) = (edges[i].source, edges[i].target)
            if options.counting == .full {
                edges[i].shareSource = Double(edges[i].coauthored) / Double(nodes[s].works) * 100
                edges[i].shareTarget = Double(edges[i].coauthored) / Double(nodes[t].works) * 100
            }
        }
        edges.sort { ($0.source, $0.target) < ($1.source, $1.target) }
        var notes = [options.level == .institutions
            ? "Institutions as `institutions` counts them: the institution key of each affiliation with a resolved country (the source's id, else the folded name, definitions §1); weight f_I(p) = (1/n_p) Σ_a |aff_a at I| / |aff_a| (definitions §6)."
            : "Authors as the store identifies them (source id, else ORCID, else a name key, definitions §1); an author's weight is 1/n_p."]
        if options.level == .authors, let limit = options.maxAuthors { notes.append("Works with more than \(limit) authors are left out.") }
        notes.append(options.counting == .full ? "Link weight: joint works (full counting)."
                                               : "Link weight: the fractional link strength Σ 1/(m_p − 1), m_p the work's nodes.")
        return CollaborationNetwork(options: options, scope: scope, period: period, nodes: nodes, edges: edges, notes: notes,
                                    rankingStrength: ranking.map { strength in nodes.map { strength[$0.key] ?? 0 } })
    }

    /// The `top` nodes by total link strength (then by key), with their strengths, and the same keys in
    /// `temp.network_kept`. Integer sums under full counting, counts of works under fractional counting: exact.
    private func topEntities(_ options: NetworkOptions, scope: AnalysisScope, top: Int) throws -> [String: Double] {
        let fullCounting = options.counting == .full
        var ranked: [(key: String, strength: Double)] = []
        if options.level == .institutions {
            // Kept per institution and year with the other institution tables (`prepareInstitutionTables`).
            try database.forEachRow("""
                SELECT institution, sum(\(fullCounting ? "link_ends" : "linked_works")) FROM institution_link_years
                WHERE \(scope.yearCondition("year")) GROUP BY institution
                """) { row in
                if let key = row[0].string, let strength = row[1].int { ranked.append((key, Double(strength))) }
            }
        } else {
            let strength = try authorLinkStrengths(options, scope: scope)
            // Only the strengths at or above the top-th largest are sorted with their keys.
            var values = strength.filter { $0 > 0 }
            values.sort(by: >)
            let threshold = top >= 1 && top <= values.count ? values[top - 1] : 0
            ranked = strength.indices.filter { strength[$0] > 0 && strength[$0] >= threshold }.map { (String($0), strength[$0]) }
        }
        ranked.sort { $0.strength != $1.strength ? $0.strength > $1.strength : $0.key < $1.key }
        let kept = ranked.prefix(max(top, 0))
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS network_kept (key TEXT PRIMARY KEY, id INTEGER)")
        try database.execute("DELETE FROM temp.network_kept")
        let insert = try database.prepare("INSERT INTO temp.network_kept (key, id) VALUES (?, ?)")
        for node in kept { try insert.run([.text(node.key), options.level == .authors ? .integer(Int64(node.key) ?? 0) : .null]) }
        return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.strength) })
    }

    /// Each author's total link strength, indexed by author id: over the works of `scope` with at most `--max-authors`
    /// authorships, Σ (distinct authors − 1) under full counting, the number of works with another author under
    /// fractional counting. On SQLite the authorships are read in the order they are stored, in which the rows of a work
    /// are written together; should one work's rows be found apart, they are read again in work order.
    func authorLinkStrengths(_ options: NetworkOptions, scope: AnalysisScope) throws -> [Double] {
        let fullCounting = options.counting == .full
        let authorCount = (try database.scalar("SELECT max(id) FROM authors").int ?? 0) + 1
        var strength = [Double](repeating: 0, count: authorCount)
        var authors: [Int] = []
        // One work's authorship rows: every one counts towards --max-authors, each author once towards the strengths
        // (sorted in place, an author listed twice is passed over the second time).
        func finish(counted: Bool) {
            defer { authors.removeAll(keepingCapacity: true) }
            guard counted, authors.count >= 2, options.maxAuthors.map({ authors.count <= $0 }) ?? true else { return }
            authors.sort()
            var distinct = 1
            for i in 1..<authors.count where authors[i] != authors[i - 1] { distinct += 1 }
            guard distinct >= 2 else { return }
            let added = fullCounting ? Double(distinct - 1) : 1
            for (i, author) in authors.enumerated() where (i == 0 || author != authors[i - 1]) && author >= 0 && author < strength.count {
                strength[author] += added
            }
        }
        if database.engine == .sqlite {
            let lastWork = try database.scalar("SELECT max(id) FROM works").int ?? 0
            let everyYear = scope.from == nil && scope.to == nil
            var inScope = [Bool](repeating: everyYear, count: lastWork + 1), seen = [Bool](repeating: false, count: lastWork + 1)
            if !everyYear {
                try database.forEachRow("SELECT w.id FROM works w WHERE \(scope.periodCondition)") { row in
                    if let id = row[0].int, id >= 0, id <= lastWork { inScope[id] = true }
                }
            }
            let read = try database.prepare("SELECT work_id, author_id FROM authorships")
            defer { read.reset() }
            var (work, apart) = (-1, false)
            while try read.step() {
                let id = read.value(at: 0).int ?? -1
                if id != work {
                    if work >= 0 { finish(counted: inScope[work]) }
                    guard id >= 0, id <= lastWork, !seen[id] else {
                        apart = true
                        break
                    }
                    (seen[id], work) = (true, id)
                }
                authors.append(read.value(at: 1).int ?? -1)
            }
            if !apart {
                if work >= 0 { finish(counted: inScope[work]) }
                return strength
            }
            strength = [Double](repeating: 0, count: authorCount)
            authors.removeAll()
        }
        var work: Int64 = -1
        try database.forEachRow("""
            SELECT au.work_id, au.author_id FROM works w CROSS JOIN authorships au WHERE au.work_id = w.id AND \(scope.periodCondition)
            ORDER BY w.id
            """) { row in
            guard case .integer(let id) = row[0], let author = row[1].int else { return }
            if id != work {
                if work >= 0 { finish(counted: true) }
                work = id
            }
            authors.append(author)
        }
        if work >= 0 { finish(counted: true) }
        return strength
    }

    /// The condition leaving out works with more authorships than `--max-authors` (works alias `w`), or empty.
    private static func authorLimitSQL(_ options: NetworkOptions) -> String {
        options.maxAuthors.map { "AND (SELECT count(*) FROM authorships x WHERE x.work_id = w.id) <= \($0)" } ?? ""
    }

    /// Calls `body` with every work of `scope` and its entities, in work order, as the rows of one work end (with
    /// `ofKeptOnly`, only the works of a node in `temp.network_kept`); at the author level also `names` with every
    /// authorship's author key, display name (the key when it has none) and first resolved country.
    private func forEachWorkEntities(_ options: NetworkOptions, scope: AnalysisScope, ofKeptOnly: Bool, _ body: (Int64, WorkEntities) -> Void,
                                     names: (String, String, String?) -> Void = { _, _, _ in }) throws {
        if options.level == .institutions {
            // The institution tables of `institutions` and `pairs --level institution`: the same keys, weights
            // f_I(p), names and countries (definitions §6 applied to institutions). Of the works of the kept nodes (in
            // work order), only the kept nodes' rows: each row carries the work's number of institutions.
            var current: (work: Int64, entities: WorkEntities)?
            try database.forEachRow("""
                SELECT wi.work_id, wi.institution, wi.weight, wi.year, \(scope.citations("wi")), wi.institutions FROM work_institutions wi
                WHERE \(scope.yearCondition("wi.year"))\(ofKeptOnly ? " AND wi.work_id IN (SELECT k.work_id FROM work_institutions k WHERE k.institution IN (SELECT key FROM temp.network_kept)) AND +wi.institution IN (SELECT key FROM temp.network_kept)" : "")
                ORDER BY wi.work_id
                """) { row in
                guard case .integer(let work) = row[0], let key = row[1].string else { return }
                if current?.work != work {
                    if let finished = current { body(finished.work, finished.entities) }
                    current = (work, WorkEntities(year: row[3].int, citations: row[4].int, count: ofKeptOnly ? row[5].int : nil))
                }
                current?.entities.weights[key] = row[2].double ?? 0
            }
            if let finished = current { body(finished.work, finished.entities) }
            return
        }
        var current: (work: Int64, year: Int?, citations: Int?, authors: Set<String>)?
        func finish() {
            guard let finished = current else { return }
            var entities = WorkEntities(year: finished.year, citations: finished.citations)
            for key in finished.authors { entities.weights[key] = 1 / Double(finished.authors.count) }
            body(finished.work, entities)
        }
        try database.forEachRow("""
            SELECT au.work_id, au.author_id, w.year, \(scope.citationSource.worksSQL("w")), a.display_name,
                   (SELECT af.country FROM authorship_affiliations aa JOIN affiliations af ON af.id = aa.affiliation_id
                    WHERE aa.authorship_id = au.id AND af.country IS NOT NULL LIMIT 1)
            FROM works w CROSS JOIN authorships au JOIN authors a ON a.id = au.author_id
            WHERE au.work_id = w.id AND \(scope.periodCondition) \(Self.authorLimitSQL(options))
              \(ofKeptOnly ? "AND w.id IN (SELECT k.work_id FROM authorships k WHERE k.author_id IN (SELECT id FROM temp.network_kept))" : "")
            ORDER BY w.id
            """) { row in
            guard case .integer(let work) = row[0], case .integer(let author) = row[1] else { return }
            let key = String(author)
            if current?.work != work {
                finish()
                current = (work, row[2].int, row[3].int, [])
            }
            current?.authors.insert(key)
            names(key, row[4].string ?? key, row[5].string)
        }
        finish()
    }
}

private extension NetworkEdge {
    /// Counts one more joint work of the edge's two nodes, with its link weight and year.
    mutating func addJointWork(link: Double, year: Int?) {
        coauthored += 1
        linkStrength += link
        if let year { coauthoredByYear[year, default: 0] += 1 }
    }
}
