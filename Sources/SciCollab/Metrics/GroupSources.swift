/// The derived tables with country groups counted as one country each (definitions §12).
///
/// The members of each group become one row per work: `N_G` counts the works with `K_p ∩ G ≠ ∅`, the weight is
/// `Σ_{X∈G} f_X(p)`, the lead flag is set when a member leads, `|K_p|` stays the work's number of countries
/// (so its collaboration type and international status are those of its countries), and the authors of the
/// members on a work are one set (`Authors(G)` is their union). A pair row of a group G and a country or
/// group H carries the fractional link weight `Σ_{X∈G, Y∈H} 1/(|K_p| − 1)`.
extension Store {
    func groupedSources(_ base: DerivedSources, scope: AnalysisScope) throws -> DerivedSources {
        try mappedSources(name: "grouped", countries: "SELECT work_id, country, weight, is_lead, year, countries, citations FROM \(base.countries)",
                          authors: base.authors, mapping: Self.groupMappingSQL("country", scope: scope), linksPerMember: true)
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
        try countryTable(scope: scope, authorIdentity: authorIdentity).first { $0.country == code }
            ?? CountryRow(country: code, works: 0, worksFractional: 0, authors: 0, nameKeyedAuthors: 0, citations: 0, worksWithoutCitationCount: 0)
    }
}
