/// The derived tables with country groups counted as one country each (definitions §12).
///
/// The members of each group become one row per work: `N_G` counts the works with `K_p ∩ G ≠ ∅`, the weight is
/// `Σ_{X∈G} f_X(p)`, the lead flag is set when a member leads, `|K_p|` stays the work's number of countries
/// (so its collaboration type and international status are those of its countries), and the authors of the
/// members on a work are one set (`Authors(G)` is their union). A pair row of a group G and a country or
/// group H carries the fractional link weight `Σ_{X∈G, Y∈H} 1/(|K_p| − 1)`.
extension Store {
    /// The derived tables of `base` with the groups of `scope` counted as one country each: a temporary copy of the
    /// members' country rows only (renamed, one row per work and group), and views over it and `base` for the rest.
    /// A group never has a country's two-letter name, so a member row never meets a row of `base` under one name.
    /// Kept for the connection as `mappedSources` keeps its tables.
    func groupedSources(_ base: DerivedSources, scope: AnalysisScope) throws -> DerivedSources {
        let codes = Set(scope.groups.flatMap { $0.members.map { scope.country($0.country) } }).sorted()
        let memberList = "(" + codes.map(Self.sqlLiteral).joined(separator: ", ") + ")"
        let mapping = Self.groupMappingSQL("country", scope: scope)
        let name = "grouped"
        let (countriesView, authorsView, pairsView, countsTable) = ("\(name)_work_countries", "\(name)_work_author_countries",
                                                                   "\(name)_work_country_pairs", "\(name)_author_counts")
        let memberCountries = "\(name)_member_countries"
        let (kept, branches) = Self.groupAuthorBranches(base.authors, codes: memberList, mapping: mapping, scope: scope)
        let rowMapping = Self.groupMappingSQL("x.country", year: "x.year", scope: scope)
        let conditions = Dictionary(uniqueKeysWithValues: branches.map { branch in
            let members = branch.members.map(Self.sqlLiteral).joined(separator: ", ")
            return (branch.name, "(x.country IN (\(members)) AND \(rowMapping) = \(Self.sqlLiteral(branch.name)))")
        })
        var sources = DerivedSources(countries: "temp.\(countriesView)", authors: "temp.\(authorsView)", pairs: "temp.\(pairsView)",
                                     authorCounts: base.authorCounts == nil ? nil : "temp.\(countsTable)",
                                     groupAuthorRows: (base.authors, conditions),
                                     groupAuthorStreams: Dictionary(uniqueKeysWithValues: branches.map { ($0.name, $0.sortedAuthors) }))
        let pairColumns = "work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations"
        // The members' rows: one per work and group (weights added, lead flags combined, members counted), kept per
        // definition in `group_countries` when the stored rows are read and the store can be written, else copied
        // for the connection.
        let memberRows = "\(base.countries) WHERE country IN \(memberList)"
        let definition = [base.countries, memberList, mapping].joined(separator: "\u{1F}")
        // A country outside every group: neither a member nor a group's name.
        let membersAndNames = "(" + (codes + scope.groups.map(\.name)).map(Self.sqlLiteral).joined(separator: ", ") + ")"
        let keptID = try keptGroupDefinition(definition, memberRows: memberRows, mapping: mapping,
                                             outsideCountries: (base.countries, membersAndNames),
                                             applies: base.countries == "work_countries")
        sources.keptGroupID = keptID
        sources.groupMemberList = memberList
        let inputs = [base.countries, base.authors, base.pairs, base.authorCounts ?? "", mapping, keptID.map(String.init) ?? "",
                      String(try Self.dataGeneration(database))].joined(separator: "\u{1F}")
        // On SQLite the tables are also looked for: a transaction rolled back after they were filled takes them away.
        if mappedSourceInputs[name] == inputs, try database.engine == .postgresql
            || database.scalar("SELECT count(*) FROM sqlite_temp_master WHERE name = ?", [.text(countriesView)]).int == 1 {
            return sources
        }
        mappedSourceInputs[name] = nil
        for view in [countriesView, authorsView, pairsView] { try database.execute("DROP VIEW IF EXISTS temp.\(view)") }
        try database.execute("DROP TABLE IF EXISTS temp.\(countsTable)")

        // `members(alias)`: the table of the members' rows under `alias`, and the condition that selects them.
        let members: (String) -> (table: String, condition: String)
        if let keptID {
            members = { ("group_countries \($0)", "\($0).group_id = \(keptID)") }
        } else {
            // Indexed as `group_countries` is, so that every figure reads the rows in the same order either way.
            try fillRenamedCountries(memberCountries, from: memberRows, mapping: mapping, coveringIndex: true)
            members = { ("temp.\(memberCountries) \($0)", "1 = 1") }
        }
        let x = members("x")
        // The pairs of two names of the members' rows, kept beside them or joined from the copy.
        let namePairs = keptID.map { "SELECT \(pairColumns) FROM group_name_pairs WHERE group_id = \($0)" }
            ?? Self.namePairRowsSQL(x: x, y: members("y"))
        let outsidePairs = keptID.map { "SELECT \(pairColumns) FROM group_country_pairs WHERE group_id = \($0)" }
            ?? Self.outsidePairRowsSQL(x: x, countries: base.countries, membersAndNames: membersAndNames)
        // The views: the rows of `base` outside every group, and the members' rows.
        try database.execute("""
            CREATE TEMP VIEW \(countriesView) AS
            SELECT work_id, country, weight, is_lead, year, countries, citations, 1 AS members FROM \(base.countries)
            WHERE country NOT IN \(memberList)
            UNION ALL
            SELECT x.work_id, x.country, x.weight, x.is_lead, x.year, x.countries, x.citations, x.members FROM \(x.table)
            WHERE \(x.condition)
            """)
        // The pair rows are not copied either. Besides the stored pairs of two countries outside every group: a group or
        // member with another, and with a country outside every group, kept beside the definition's rows or joined from
        // the copy and `base`. A pair row of a group G and a country or group H has the link weight
        // m_G m_H / (|K_p| − 1). The stored rows leave out the group names too, which they never hold: a lookup of two
        // groups then makes that condition false before any row is read.
        try database.execute("""
            CREATE TEMP VIEW \(pairsView) AS
            SELECT \(pairColumns) FROM \(base.pairs) WHERE a NOT IN \(memberList) AND b NOT IN \(memberList)
            UNION ALL
            \(namePairs)
            UNION ALL
            \(outsidePairs)
            """)
        // The author rows are not copied: each group's are the rows of its members, named after the group (an author
        // of two members on one work is there twice; every reader counts distinct authors or works).
        try database.execute("CREATE TEMP VIEW \(authorsView) AS \((kept + branches.map(\.rows).filter { !$0.isEmpty }).joined(separator: " UNION ALL "))")
        // Authors over every year: kept counts for the countries outside every group, counted for the rest.
        // Filled on the first read (`filledAuthorCounts`): most figures over groups never read them.
        if let counts = base.authorCounts {
            var fill = ["CREATE TEMP TABLE \(countsTable) (country TEXT PRIMARY KEY, authors INTEGER NOT NULL, name_keyed INTEGER NOT NULL)",
                        "INSERT INTO temp.\(countsTable) SELECT country, authors, name_keyed FROM \(counts) WHERE country NOT IN \(memberList)"]
            // A group's authors: the union of its members' author streams, kept per definition where its rows are.
            for branch in branches {
                guard let count = sources.groupAuthorCountSQL(branch.name, condition: "") else { continue }
                let literal = Self.sqlLiteral(branch.name)
                guard let keptID else {
                    fill.append("INSERT INTO temp.\(countsTable) SELECT \(literal), * FROM (\(count))")
                    continue
                }
                if try database.scalar("SELECT count(*) FROM group_author_counts WHERE group_id = ? AND country = ?",
                                       [.integer(Int64(keptID)), .text(branch.name)]).int == 0 {
                    fill.append("INSERT OR IGNORE INTO group_author_counts (group_id, country, authors, name_keyed) SELECT \(keptID), \(literal), * FROM (\(count))")
                }
                fill.append("""
                    INSERT INTO temp.\(countsTable) SELECT country, authors, name_keyed FROM group_author_counts
                    WHERE group_id = \(keptID) AND country = \(literal)
                    """)
            }
            temporaryFills[countsTable] = (fill, false)
        }
        mappedSourceInputs[name] = inputs
        return sources
    }

    /// The id under which `group_countries` holds the members' rows of a group definition (`memberRows`, a table and
    /// condition of country rows, renamed by `mapping`), computed now when they are missing or older than the data
    /// (`Schemas/025_kept_group_rows.sql`). Nil when they are not kept: `applies` false (rows other than the stored
    /// ones), a transaction open on the connection (its uncommitted changes are not in the kept rows), or a store that
    /// cannot be written.
    /// - Complexity: one grouped pass over the members' rows the first time after a change; then one lookup.
    func keptGroupDefinition(_ definition: String, memberRows: String, mapping: String,
                             outsideCountries: (table: String, names: String), applies: Bool) throws -> Int? {
        guard applies, database.isAutocommit else { return nil }
        func currentID(_ generation: Int) throws -> Int? {
            let row = try database.rows("SELECT id, data_generation FROM group_definitions WHERE definition = ?", [.text(definition)]).first
            return row?[1].int == generation ? row?[0].int : nil
        }
        let kept = try keptSet(current: { try currentID($0) != nil }) { generation in
            // The definitions of older data go (their rows with them), and any row of this one.
            try database.prepare("DELETE FROM group_definitions WHERE data_generation <> ? OR definition = ?")
                .run([.integer(Int64(generation)), .text(definition)])
            // The impact summaries over their rows with them (their id may come back for another definition).
            try database.execute("DELETE FROM impact_summaries WHERE group_id <> 0 AND group_id NOT IN (SELECT id FROM group_definitions)")
            try database.execute("DELETE FROM field_breakdowns WHERE group_id <> 0 AND group_id NOT IN (SELECT id FROM group_definitions)")
            try database.prepare("INSERT INTO group_definitions (definition, data_generation) VALUES (?, ?)")
                .run([.text(definition), .integer(Int64(generation))])
            guard let id = try currentID(generation) else { return }
            try database.execute("""
                INSERT INTO group_countries (group_id, work_id, country, weight, is_lead, year, countries, citations, members)
                SELECT \(id), * FROM (\(Self.renamedCountriesSQL(from: memberRows, mapping: mapping)))
                """)
            let rows = { (alias: String) in ("group_countries \(alias)", "\(alias).group_id = \(id)") }
            try database.execute("""
                INSERT INTO group_name_pairs (group_id, work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations)
                SELECT \(id), * FROM (\(Self.namePairRowsSQL(x: rows("x"), y: rows("y"))))
                """)
            try database.execute("""
                INSERT INTO group_country_pairs (group_id, work_id, a, b, year, link, weight_a, weight_b, lead_a, lead_b, citations)
                SELECT \(id), * FROM (\(Self.outsidePairRowsSQL(x: rows("x"), countries: outsideCountries.table,
                                                               membersAndNames: outsideCountries.names)))
                """)
        }
        return kept ? try currentID(Self.dataGeneration(database)) : nil
    }

    /// The pair rows of two names of the members' rows on one work, each side's rows given as a table under its alias
    /// (`x`, `y`) and the condition that selects them: the columns of `work_country_pairs`, a before b.
    static func namePairRowsSQL(x: (table: String, condition: String), y: (table: String, condition: String)) -> String {
        """
        SELECT x.work_id, x.country, y.country, x.year, 1.0 * x.members * y.members / (x.countries - 1),
               x.weight, y.weight, x.is_lead, y.is_lead, x.citations
        FROM \(x.table) JOIN \(y.table) ON \(y.condition) AND y.work_id = x.work_id AND y.country > x.country
        WHERE \(x.condition)
        """
    }

    /// The pair rows of a name of the members' rows (table and condition under alias `x`) and a country of `countries`
    /// outside every group (not in `membersAndNames`) on one work: one SELECT per side of the code order, so that
    /// `a = ? AND b = ?` reaches an index in each; link weight m_G / (|K_p| − 1).
    static func outsidePairRowsSQL(x: (table: String, condition: String), countries: String, membersAndNames: String) -> String {
        """
        SELECT x.work_id, x.country, y.country, x.year, 1.0 * x.members / (x.countries - 1),
               x.weight, y.weight, x.is_lead, y.is_lead, x.citations
        FROM \(x.table) JOIN \(countries) y
          ON y.work_id = x.work_id AND y.country NOT IN \(membersAndNames) AND y.country > x.country
        WHERE \(x.condition)
        UNION ALL
        SELECT x.work_id, y.country, x.country, x.year, 1.0 * x.members / (x.countries - 1),
               y.weight, x.weight, y.is_lead, x.is_lead, x.citations
        FROM \(x.table) JOIN \(countries) y
          ON y.work_id = x.work_id AND y.country NOT IN \(membersAndNames) AND y.country < x.country
        WHERE \(x.condition)
        """
    }

    /// `sources.authorCounts`, its rows computed first when it is a temporary table not yet filled.
    func filledAuthorCounts(_ sources: DerivedSources) throws -> String? {
        guard let counts = sources.authorCounts else { return nil }
        let name = counts.hasPrefix("temp.") ? String(counts.dropFirst(5)) : counts
        guard let fill = temporaryFills[name] else { return counts }
        let present = try database.engine == .postgresql
            ? fill.filled : database.scalar("SELECT count(*) FROM sqlite_temp_master WHERE name = ?", [.text(name)]).int == 1
        if !present {
            try database.execute("DROP TABLE IF EXISTS temp.\(name)")
            for statement in fill.statements { try database.execute(statement) }
            temporaryFills[name]?.filled = true
        }
        return counts
    }

    /// The author rows under `mapping`, as SQL over `authors` (columns work_id, country, author_id, year, name_key):
    /// `kept`, the rows that keep their country (outside every group, or a dated member outside its years); per
    /// group, `rows` (one SELECT with the name as a constant, so that a condition on the name reaches the index on
    /// country; empty for a dated member's own rows, which are among `kept`); per group and dated member, `sortedAuthors`, the
    /// `FROM … WHERE …` of one SELECT per member whose rows are in author order by `author_id`, to be followed by a
    /// condition starting with `AND`.
    static func groupAuthorBranches(_ authors: String, codes: String, mapping: String, scope: AnalysisScope)
        -> (kept: [String], branches: [(name: String, members: [String], rows: String, sortedAuthors: [String])]) {
        let columns = "work_id, country, author_id, year, name_key"
        var kept = ["SELECT \(columns) FROM \(authors) WHERE country NOT IN \(codes)"]
        var branches: [(name: String, members: [String], rows: String, sortedAuthors: [String])] = []
        var datedCodes: [String] = []
        for group in scope.groups {
            var members: [String] = []
            var perMember: [String] = []
            for member in group.members {
                let code = scope.country(member.country)
                members.append(code)
                var condition = "country = \(sqlLiteral(code))"
                if scope.membership == .dated, member.since != nil || member.until != nil {
                    datedCodes.append(code)
                    if let since = member.since { condition += " AND year >= \(since)" }
                    if let until = member.until { condition += " AND year <= \(until)" }
                }
                perMember.append("FROM \(authors) WHERE \(condition)")
            }
            let name = sqlLiteral(group.name)
            let list = "(" + members.map(sqlLiteral).joined(separator: ", ") + ")"
            let dated = members.contains(where: datedCodes.contains)
            branches.append((group.name, members, "SELECT work_id, \(name) AS country, author_id, year, name_key FROM \(authors) WHERE country IN \(list)"
                                + (dated ? " AND \(mapping) = \(name)" : ""), perMember))
        }
        for code in datedCodes {
            let literal = sqlLiteral(code)
            kept.append("SELECT \(columns) FROM \(authors) WHERE country = \(literal) AND \(mapping) = \(literal)")
            branches.append((code, [code], "", ["FROM \(authors) WHERE country = \(literal) AND \(mapping) = \(literal)"]))
        }
        return (kept, branches)
    }

    /// `CASE WHEN column IN ('BR', …) THEN 'BRICS' … ELSE column END` for the groups of `scope` (members as the
    /// scope counts them, so a group holding TW holds CN under `--merge-china-regions`). With dated membership a
    /// member with years is one only on the rows whose `year` lies within them (a row without a year is not).
    static func groupMappingSQL(_ column: String, year: String = "year", scope: AnalysisScope) -> String {
        let cases = scope.groups.map { group -> String in
            var always: Set<String> = []
            var dated: [String] = []
            for member in group.members {
                let code = scope.country(member.country)
                guard scope.membership == .dated, member.since != nil || member.until != nil else {
                    always.insert(code)
                    continue
                }
                var condition = ["\(column) = \(sqlLiteral(code))"]
                if let since = member.since { condition.append("\(year) >= \(since)") }
                if let until = member.until { condition.append("\(year) <= \(until)") }
                dated.append("(" + condition.joined(separator: " AND ") + ")")
            }
            var conditions = dated
            if !always.isEmpty { conditions.insert("\(column) IN (\(always.sorted().map(sqlLiteral).joined(separator: ", ")))", at: 0) }
            return "WHEN \(conditions.joined(separator: " OR ")) THEN \(sqlLiteral(group.name))"
        }
        return "CASE \(cases.joined(separator: " ")) ELSE \(column) END"
    }

    /// A string as an SQL literal (quotes doubled).
    static func sqlLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension Store {
    /// The row of one country or group (`code` as `scope.country` names it) of `countryTable(scope:)`; a row of
    /// zeros when it has no works in the scope.
    public func countryRow(_ code: String, scope: AnalysisScope, authorIdentity: AuthorIdentityOption = .all) throws -> CountryRow {
        try countryTable(scope: scope, authorIdentity: authorIdentity, only: [code]).first { $0.country == code }
            ?? CountryRow(country: code, works: 0, worksFractional: 0, authors: 0, nameKeyedAuthors: 0, citations: 0, worksWithoutCitationCount: 0)
    }
}
