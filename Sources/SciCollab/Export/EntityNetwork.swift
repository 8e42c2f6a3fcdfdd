import Foundation

/// Institution and author networks, accumulated from each work's entities (definitions §4 with institutions or
/// authors in place of countries).
extension Store {
    func entityNetwork(_ options: NetworkOptions, scope: AnalysisScope, impact: ImpactModel?) throws -> CollaborationNetwork {
        let period = try periodBounds(scope)
        var labels: [String: NameTally] = [:], countries: [String: NameTally] = [:]
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
        if options.level == .institutions {
            if scope.from == nil && scope.to == nil {
                // Over every year: the distinct authors kept per institution with the institution tables.
                try database.forEachRow("""
                    SELECT institution, authors FROM institution_author_counts
                    \(ranking == nil ? "" : "WHERE institution IN (SELECT key FROM temp.network_kept)")
                    """) { row in
                    if let key = row[0].string { authorCounts[key] = row[1].int ?? 0 }
                }
            } else {
                try database.forEachRow("""
                    SELECT institution, count(DISTINCT author_id) FROM work_institution_authors WHERE \(scope.yearCondition("year"))
                    \(ranking == nil ? "" : "AND institution IN (SELECT key FROM temp.network_kept)") GROUP BY institution
                    """) { row in
                    if let key = row[0].string { authorCounts[key] = row[1].int ?? 0 }
                }
            }
        }
        // Without a ranking, the institutions are few enough to count first (their links then sit in a square table).
        var maximumNodes = ranking?.count
        if ranking == nil, options.level == .institutions {
            maximumNodes = try database.scalar("""
                SELECT count(*) FROM (SELECT DISTINCT institution FROM work_institutions WHERE \(scope.yearCondition("year")))
                """).int
        }
        // A kept model's defined value of each work is looked up as the work is counted (on SQLite, where a second
        // statement can run while the rows are read); otherwise each node's works are collected and the model read for them.
        let impactLookup = try impact?.storedID.flatMap { modelID -> ((Int64) throws -> Double?)? in
            guard database.engine == .sqlite else { return nil }
            let statement = try database.prepare("""
                SELECT value FROM work_impact WHERE model_id = ? AND work_id = ? AND fields <> '' AND value IS NOT NULL
                """)
            return { work in
                defer { statement.reset() }
                try statement.bind([.integer(modelID), .integer(work)])
                return try statement.step() ? statement.value(at: 0).double : nil
            }
        }
        var network = EntityNetworkAccumulator(maximumNodes: maximumNodes, years: period.map { $0.from...$0.to },
                                               collectsWorks: impact != nil && impactLookup == nil)
        try accumulateEntities(options, scope: scope, ranking: ranking, into: &network, impact: impactLookup, authors: { authorCounts[$0] },
                               names: { key, name, country in
            labels.tally(name, for: key)
            if let country { countries.tally(country, for: key) }
        })
        if options.level == .institutions {
            try database.forEachRow("SELECT institution, name, country FROM institutions") { row in
                guard let key = row[0].string else { return }
                if let name = row[1].string { labels[key] = NameTally(name) }
                if let country = row[2].string { countries[key] = NameTally(country) }
            }
        }
        var nodes = network.finishedNodes()
        // A kept model's values are read for the nodes' works alone.
        let impact = impactLookup != nil ? nil
            : try impact.map { try impactModel($0, holding: network.works.flatMap { $0 }, citationSource: scope.citationSource) }
        for i in nodes.indices {
            nodes[i].label = labels[nodes[i].key]?.mostFrequent ?? nodes[i].key
            nodes[i].country = countries[nodes[i].key]?.mostFrequent
            let known = network.knownCitations[i]
            nodes[i].citationsPerPublication = known == 0 ? nil : Double(network.citationTotals[i]) / Double(known)
            if let impact { nodes[i].impact = impact.summary(network.works[i].map { ($0, 1) }).mean }
            if impactLookup != nil { nodes[i].impact = network.impactMean(i) }
        }
        var edges = network.finishedEdges()
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
            ranked = try keptAuthorRanking(options, scope: scope, top: top)
                ?? Self.rankingCandidates(try authorLinkStrengths(options, scope: scope), top: top)
        }
        ranked.sort { $0.strength != $1.strength ? $0.strength > $1.strength : $0.key < $1.key }
        let kept = ranked.prefix(max(top, 0))
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS network_kept (key TEXT PRIMARY KEY, id INTEGER)")
        try database.execute("DELETE FROM temp.network_kept")
        let insert = try database.prepare("INSERT INTO temp.network_kept (key, id) VALUES (?, ?)")
        for node in kept { try insert.run([.text(node.key), options.level == .authors ? .integer(Int64(node.key) ?? 0) : .null]) }
        return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.strength) })
    }

    /// The authors whose strength is at least the `top`-th largest positive one (every positive one when fewer), as keys
    /// with their strengths: the candidates the ranking sorts with their keys.
    static func rankingCandidates(_ strength: [Double], top: Int) -> [(key: String, strength: Double)] {
        var values = strength.filter { $0 > 0 }
        values.sort(by: >)
        let threshold = top >= 1 && top <= values.count ? values[top - 1] : 0
        return strength.indices.filter { strength[$0] > 0 && strength[$0] >= threshold }.map { (String($0), strength[$0]) }
    }

    /// The authors the ranking keeps (`Schemas/031_author_link_ranking.sql`) over every year.
    static let keptAuthorRankingSize = 10_000

    /// `rankingCandidates` of the authors' strengths over every year, read from the kept ranking of the `--max-authors`
    /// limit and counting method (computed now when it is missing or older than the data). Nil over a period, for a `top`
    /// beyond the kept ranking, with a transaction open, or where the store cannot be written and it is not current.
    func keptAuthorRanking(_ options: NetworkOptions, scope: AnalysisScope, top: Int) throws -> [(key: String, strength: Double)]? {
        guard scope.from == nil, scope.to == nil, top <= Self.keptAuthorRankingSize, database.isAutocommit else { return nil }
        let key: [SQLValue] = [.integer(Int64(options.maxAuthors ?? -1)), .text(options.counting.rawValue)]
        let kept = try keptSet { generation in
            try database.scalar("SELECT data_generation FROM author_link_rankings WHERE max_authors = ? AND counting = ?", key).int == generation
        } fill: { generation in
            try database.prepare("DELETE FROM author_link_ranked WHERE max_authors = ? AND counting = ?").run(key)
            try database.prepare("DELETE FROM author_link_rankings WHERE max_authors = ? AND counting = ?").run(key)
            try database.prepare("INSERT INTO author_link_rankings (max_authors, counting, kept_top, data_generation) VALUES (?, ?, ?, ?)")
                .run(key + [.integer(Int64(Self.keptAuthorRankingSize)), .integer(Int64(generation))])
            let insert = try database.prepare("INSERT INTO author_link_ranked (max_authors, counting, author_id, strength) VALUES (?, ?, ?, ?)")
            for author in Self.rankingCandidates(try authorLinkStrengths(options, scope: scope), top: Self.keptAuthorRankingSize) {
                try insert.run(key + [.integer(Int64(author.key) ?? -1), .real(author.strength)])
            }
        }
        guard kept else { return nil }
        // The kept authors are every one with a strength at least the kept_top-th largest: the top-th largest is among them.
        let strengths = try database.rows("""
            SELECT author_id, strength FROM author_link_ranked WHERE max_authors = ? AND counting = ? ORDER BY strength DESC
            """, key).map { (id: $0[0].int ?? -1, strength: $0[1].double ?? 0) }
        let threshold = top >= 1 && top <= strengths.count ? strengths[top - 1].strength : 0
        return strengths.filter { $0.strength >= threshold }.map { (String($0.id), $0.strength) }
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

    /// Adds every work of `scope` to `network` with its entities, in work order, as the rows of one work end (with a
    /// `ranking`, only the works of a node in `temp.network_kept`, and of them only the kept nodes); at the author level
    /// also calls `names` with every kept authorship's author key, display name (the key when it has none) and first
    /// resolved country. Within a work, nodes are made in the order of their keys.
    private func accumulateEntities(_ options: NetworkOptions, scope: AnalysisScope, ranking: [String: Double]?,
                                    into network: inout EntityNetworkAccumulator, impact: ((Int64) throws -> Double?)?,
                                    authors: (String) -> Int?,
                                    names: (String, String, String?) -> Void) throws {
        var members: [EntityNetworkAccumulator.Member] = []
        if options.level == .institutions {
            // The institution tables of `institutions` and `pairs --level institution`: the same keys, weights
            // f_I(p), names and countries (definitions §6 applied to institutions). Of the works of the kept nodes (in
            // work order), only the kept nodes' rows: each row carries the work's number of institutions.
            // Entities: the kept keys numbered in their order, else each key numbered as it first comes.
            var keys = ranking.map { $0.keys.sorted() } ?? []
            var entityOfKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
            let keyOrder = ranking != nil
            var current: (work: Int64, year: Int?, citations: Int?, count: Int?)?
            func finish() throws {
                guard let work = current else { return }
                if keyOrder {
                    members.sort { $0.entity < $1.entity }
                } else {
                    members.sort { keys[$0.entity] < keys[$1.entity] }
                }
                network.add(work: work.work, year: work.year, citations: work.citations, members: members,
                            linkedCount: work.count ?? members.count, key: { keys[$0] }, authors: { authors(keys[$0]) ?? 0 })
                if let value = try impact?(work.work) { network.addImpact(value) }
                members.removeAll(keepingCapacity: true)
            }
            // The kept nodes' rows: where they are a large part of the rows (the top 1,000 institutions hold most), read by
            // one pass over the table in work order; where few, by the kept nodes' works, looked up one by one.
            var (kept, year) = ("", "wi.year")
            if keyOrder {
                let linked = try database.rows("""
                    SELECT total(CASE WHEN institution IN (SELECT key FROM temp.network_kept) THEN linked_works END), total(linked_works)
                    FROM institution_link_years WHERE \(scope.yearCondition("year"))
                    """).first
                let share = (linked?[0].double ?? 0) / max(linked?[1].double ?? 0, 1)
                // The pass reads the table itself (`+`: no index on the year or the institution, whose rows would then be sorted).
                if share >= 0.2 { year = "+wi.year" }
                kept = share >= 0.2 ? " AND +wi.institution IN (SELECT key FROM temp.network_kept)"
                    : " AND wi.work_id IN (SELECT k.work_id FROM work_institutions k WHERE k.institution IN (SELECT key FROM temp.network_kept)) AND +wi.institution IN (SELECT key FROM temp.network_kept)"
            }
            try database.forEachRow("""
                SELECT wi.work_id, wi.institution, wi.weight, wi.year, \(scope.citations("wi")), wi.institutions FROM work_institutions wi
                WHERE \(scope.yearCondition(year))\(kept)
                ORDER BY wi.work_id
                """) { row in
                guard case .integer(let work) = row[0], let key = row[1].string else { return }
                if current?.work != work {
                    try finish()
                    current = (work, row[3].int, row[4].int, keyOrder ? row[5].int : nil)
                }
                let entity: Int
                if let known = entityOfKey[key] {
                    entity = known
                } else {
                    entity = keys.count
                    entityOfKey[key] = entity
                    keys.append(key)
                }
                // A work's institutions are its rows' keys, each once (the table's key is work and institution).
                members.append(.init(entity: entity, weight: row[2].double ?? 0))
            }
            try finish()
            return
        }
        // Authors: entities are author ids, nodes made in the order of the ids as text (the keys).
        var kept: [Bool]?
        if let ranking {
            var flags = [Bool](repeating: false, count: (ranking.keys.compactMap { Int($0) }.max() ?? -1) + 1)
            for key in ranking.keys { if let id = Int(key), id >= 0 { flags[id] = true } }
            kept = flags
        }
        func isKept(_ author: Int) -> Bool {
            guard let kept else { return true }
            return author >= 0 && author < kept.count && kept[author]
        }
        var current: (work: Int64, year: Int?, citations: Int?)?
        var authorsOfWork: [Int] = []
        func finish() throws {
            guard let work = current else { return }
            authorsOfWork.sort()
            var distinct: [Int] = []
            for (i, author) in authorsOfWork.enumerated() where i == 0 || author != authorsOfWork[i - 1] { distinct.append(author) }
            let weight = 1 / Double(distinct.count)
            members = distinct.filter(isKept).map { .init(entity: $0, weight: weight) }
            members.sort { String($0.entity) < String($1.entity) }
            network.add(work: work.work, year: work.year, citations: work.citations, members: members, linkedCount: distinct.count,
                        key: { String($0) }, authors: { _ in nil })
            if !members.isEmpty, let value = try impact?(work.work) { network.addImpact(value) }
            authorsOfWork.removeAll(keepingCapacity: true)
        }
        try database.forEachRow("""
            SELECT au.work_id, au.author_id, w.year, \(scope.citationSource.worksSQL("w")), a.display_name,
                   (SELECT af.country FROM authorship_affiliations aa JOIN affiliations af ON af.id = aa.affiliation_id
                    WHERE aa.authorship_id = au.id AND af.country IS NOT NULL LIMIT 1)
            FROM works w CROSS JOIN authorships au JOIN authors a ON a.id = au.author_id
            WHERE au.work_id = w.id AND \(scope.periodCondition) \(Self.authorLimitSQL(options))
              \(ranking != nil ? "AND w.id IN (SELECT k.work_id FROM authorships k WHERE k.author_id IN (SELECT id FROM temp.network_kept))" : "")
            ORDER BY w.id
            """) { row in
            guard case .integer(let work) = row[0], case .integer(let author) = row[1] else { return }
            if current?.work != work {
                try finish()
                current = (work, row[2].int, row[3].int)
            }
            authorsOfWork.append(Int(author))
            if isKept(Int(author)) {
                let key = String(author)
                names(key, row[4].string ?? key, row[5].string)
            }
        }
        try finish()
    }
}
