/// bibliometrix's country table: per country of the corresponding author, its single-country and
/// multiple-country publications, beside the all-author figures.
public struct CorrespondingAuthorRow: Sendable, Equatable {
    public var country: String
    /// Works whose corresponding author (else first author, as leadership in definitions §6) is affiliated to the country.
    public var works: Int
    /// SCP: of those, works with one country (`|K_p| = 1`); MCP: with several.
    public var singleCountry: Int
    public var multipleCountry: Int
    /// `N_X` and `I_X` counting every author.
    public var allAuthorWorks: Int
    public var allAuthorInternational: Int

    /// `MCP / (SCP + MCP)`.
    public var mcpRatio: Double? { works == 0 ? nil : Double(multipleCountry) / Double(works) }
    /// `I_X / N_X`.
    public var allAuthorInternationalShare: Double? { allAuthorWorks == 0 ? nil : Double(allAuthorInternational) / Double(allAuthorWorks) }
}

extension Store {
    /// Per country (or group of the scope) in `scope`, largest corresponding-author output first; one pass over
    /// the country rows (their lead flag and `|K_p|`).
    public func correspondingAuthorTable(scope: AnalysisScope = AnalysisScope()) throws -> [CorrespondingAuthorRow] {
        let sources = try derivedSources(scope)
        return try database.rows("""
            SELECT country, sum(is_lead), sum(CASE WHEN is_lead = 1 AND countries = 1 THEN 1 ELSE 0 END),
                   sum(CASE WHEN is_lead = 1 AND countries >= 2 THEN 1 ELSE 0 END), count(*),
                   sum(CASE WHEN countries >= 2 THEN 1 ELSE 0 END)
            FROM \(sources.countries) WHERE \(scope.yearCondition("year"))
            GROUP BY country
            """).map { row in
            CorrespondingAuthorRow(country: row[0].string ?? "", works: row[1].int ?? 0, singleCountry: row[2].int ?? 0,
                                   multipleCountry: row[3].int ?? 0, allAuthorWorks: row[4].int ?? 0, allAuthorInternational: row[5].int ?? 0)
        }
        .sorted { ($0.works, $0.allAuthorWorks, $1.country) > ($1.works, $1.allAuthorWorks, $0.country) }
    }
}
