/// The author-level collaboration indicators of bibliometrix and the Leiden Ranking over a set of works
/// (definitions §13). Over the works of the set with at least one author (`n_p` authors each, group authors
/// excluded):
///
/// - authors per paper `Σ n_p / |S|`;
/// - co-authors per paper `Σ (n_p − 1) / |S|`;
/// - collaboration index (Elango & Rajendran) `Σ_{p: n_p ≥ 2} n_p / |{p : n_p ≥ 2}|`;
/// - degree of collaboration (Subramanyam) `|{p : n_p ≥ 2}| / |S|`;
/// - collaboration coefficient (Ajiferuke et al.) `1 − Σ (1/n_p) / |S|`.
public struct AuthorIndicators: Sendable, Equatable {
    /// Works of the set with at least one author, and those without one (left out of every indicator).
    public var works: Int
    public var worksWithoutAuthors: Int
    /// `Σ n_p`.
    public var authorships: Int
    /// Works with `n_p ≥ 2`, and `Σ n_p` over them.
    public var multiAuthored: Int
    public var multiAuthoredAuthorships: Int
    /// `Σ 1/n_p`.
    public var inverseAuthors: Double

    private static func ratio(_ numerator: Double, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : numerator / Double(denominator)
    }

    public var authorsPerPaper: Double? { Self.ratio(Double(authorships), works) }
    public var coauthorsPerPaper: Double? { Self.ratio(Double(authorships - works), works) }
    public var collaborationIndex: Double? { Self.ratio(Double(multiAuthoredAuthorships), multiAuthored) }
    public var degreeOfCollaboration: Double? { Self.ratio(Double(multiAuthored), works) }
    public var collaborationCoefficient: Double? { Self.ratio(inverseAuthors, works).map { 1 - $0 } }
}

extension Store {
    /// The indicators over the works of `set` in `scope` (full counting: each work once), in one SQL aggregate.
    public func authorIndicators(of set: ImpactSet = .all, scope: AnalysisScope = AnalysisScope()) throws -> AuthorIndicators {
        let query = try workSetQuery(set, counting: .full, scope: scope)
        let row = try database.rows("""
            WITH s (work_id, weight) AS (\(query.sql))
            SELECT sum(CASE WHEN f.authors > 0 THEN 1 ELSE 0 END), sum(CASE WHEN f.authors = 0 THEN 1 ELSE 0 END),
                   coalesce(sum(f.authors), 0), sum(CASE WHEN f.authors >= 2 THEN 1 ELSE 0 END),
                   coalesce(sum(CASE WHEN f.authors >= 2 THEN f.authors ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN f.authors > 0 THEN 1.0 / f.authors ELSE 0 END), 0)
            FROM s JOIN work_facts f ON f.work_id = s.work_id
            """, query.arguments).first
        return AuthorIndicators(works: row?[0].int ?? 0, worksWithoutAuthors: row?[1].int ?? 0, authorships: row?[2].int ?? 0,
                                multiAuthored: row?[3].int ?? 0, multiAuthoredAuthorships: row?[4].int ?? 0,
                                inverseAuthors: row?[5].double ?? 0)
    }
}
