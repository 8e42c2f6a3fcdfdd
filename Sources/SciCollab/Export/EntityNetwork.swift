import Foundation

/// Institution and author networks, accumulated from each work's entities (definitions §4 with institutions or
/// authors in place of countries).
extension Store {
    /// One work's entities with their fractional weights.
    private struct WorkEntities {
        var year: Int?
        var citations: Int?
        /// Entity key → fractional weight in the work (the weights of a work sum to 1).
        var weights: [String: Double] = [:]
    }

    func entityNetwork(_ options: NetworkOptions, scope: AnalysisScope, impact: ImpactModel?) throws -> CollaborationNetwork {
        let period = try periodBounds(scope)
        var labels: [String: [String: Int]] = [:], countries: [String: [String: Int]] = [:]
        var authorCounts: [String: Int] = [:]
        let condition = scope.periodCondition
        // Nodes and edges, accumulated work by work as the rows arrive in work order.
        var index: [String: Int] = [:]
        var nodes: [NetworkNode] = []
        var citationTotals: [Int] = [], known: [Int] = [], ids: [[(id: Int64, weight: Double)]] = []
        // Keyed by source << 32 | target, each edge updated in place (no copy of its per-year counts per work).
        var edgeMap: [UInt64: NetworkEdge] = [:]
        func accept(_ work: Int64, _ entities: WorkEntities) {
            let keys = entities.weights.keys.sorted()
            var positions: [Int] = []
            for key in keys {
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
            guard positions.count >= 2 else { return }
            let link = 1 / Double(positions.count - 1)
            for x in positions.indices {
                for y in positions.indices where y > x {
                    let (s, t) = (min(positions[x], positions[y]), max(positions[x], positions[y]))
                    edgeMap[UInt64(s) << 32 | UInt64(t), default: NetworkEdge(source: s, target: t, coauthored: 0, linkStrength: 0,
                                                                              shareSource: nil, shareTarget: nil, coauthoredByYear: [:])]
                        .addJointWork(link: link, year: entities.year)
                }
            }
        }
        if options.level == .institutions {
            // The institution tables of `institutions` and `pairs --level institution`: the same keys, weights
            // f_I(p), names and countries (definitions §6 applied to institutions).
            try prepareInstitutionTables()
            try database.forEachRow("""
                SELECT institution, count(DISTINCT author_id) FROM work_institution_authors WHERE \(scope.yearCondition("year")) GROUP BY institution
                """) { row in
                if let key = row[0].string { authorCounts[key] = row[1].int ?? 0 }
            }
            var current: (work: Int64, entities: WorkEntities)?
            try database.forEachRow("""
                SELECT wi.work_id, wi.institution, wi.weight, wi.year, \(scope.citations("wi")) FROM work_institutions wi
                WHERE \(scope.yearCondition("wi.year")) ORDER BY wi.work_id
                """) { row in
                guard case .integer(let work) = row[0], let key = row[1].string else { return }
                if current?.work != work {
                    if let finished = current { accept(finished.work, finished.entities) }
                    current = (work, WorkEntities(year: row[3].int, citations: row[4].int))
                }
                current?.entities.weights[key] = row[2].double ?? 0
            }
            if let finished = current { accept(finished.work, finished.entities) }
            try database.forEachRow("SELECT institution, name, country FROM institutions") { row in
                guard let key = row[0].string else { return }
                if let name = row[1].string { labels[key] = [name: 1] }
                if let country = row[2].string { countries[key] = [country: 1] }
            }
        } else {
            let limit = options.maxAuthors.map { "AND (SELECT count(*) FROM authorships x WHERE x.work_id = w.id) <= \($0)" } ?? ""
            var current: (work: Int64, year: Int?, citations: Int?, authors: Set<String>)?
            func finish() {
                guard let finished = current else { return }
                var entities = WorkEntities(year: finished.year, citations: finished.citations)
                for key in finished.authors { entities.weights[key] = 1 / Double(finished.authors.count) }
                accept(finished.work, entities)
            }
            try database.forEachRow("""
                SELECT au.work_id, au.author_id, a.display_name, w.year, \(scope.citationSource.worksSQL("w")),
                       (SELECT af.country FROM authorship_affiliations aa JOIN affiliations af ON af.id = aa.affiliation_id
                        WHERE aa.authorship_id = au.id AND af.country IS NOT NULL LIMIT 1)
                FROM works w JOIN authorships au ON au.work_id = w.id JOIN authors a ON a.id = au.author_id
                WHERE \(condition) \(limit)
                ORDER BY au.work_id
                """) { row in
                guard case .integer(let work) = row[0], case .integer(let author) = row[1] else { return }
                let key = String(author)
                if current?.work != work {
                    finish()
                    current = (work, row[3].int, row[4].int, [])
                }
                current?.authors.insert(key)
                labels[key, default: [:]][row[2].string ?? key, default: 0] += 1
                if let country = row[5].string { countries[key, default: [:]][country, default: 0] += 1 }
            }
            finish()
        }
        func mostFrequent(_ counts: [String: Int]?) -> String? {
            counts?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        for i in nodes.indices {
            nodes[i].label = mostFrequent(labels[nodes[i].key]) ?? nodes[i].key
            nodes[i].country = mostFrequent(countries[nodes[i].key])
            nodes[i].citationsPerPublication = known[i] == 0 ? nil : Double(citationTotals[i]) / Double(known[i])
            if let impact { nodes[i].impact = impact.summary(ids[i]).mean }
        }
        var edges = Array(edgeMap.values)
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
        return CollaborationNetwork(options: options, scope: scope, period: period, nodes: nodes, edges: edges, notes: notes)
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
