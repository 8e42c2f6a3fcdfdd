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
    /// The indicators over the works of `set` in `scope` (full counting: each work once), from one SQL aggregate: the
    /// works per number of authors. Every sum is then an integer but `Σ 1/n_p`, added by `n` in order, so that it
    /// does not depend on the order the works are read in.
    public func authorIndicators(of set: ImpactSet = .all, scope: AnalysisScope = AnalysisScope()) throws -> AuthorIndicators {
        let query = try workSetQuery(set, counting: .full, scope: scope)
        var result = AuthorIndicators(works: 0, worksWithoutAuthors: 0, authorships: 0, multiAuthored: 0, multiAuthoredAuthorships: 0,
                                      inverseAuthors: 0)
        for row in try database.rows("""
            WITH s (work_id, weight) AS (\(query.sql))
            SELECT f.authors, count(*) FROM s JOIN work_facts f ON f.work_id = s.work_id GROUP BY f.authors ORDER BY f.authors
            """, query.arguments) {
            let (authors, works) = (row[0].int ?? 0, row[1].int ?? 0)
            guard authors > 0 else {
                result.worksWithoutAuthors += works
                continue
            }
            result.works += works
            result.authorships += authors * works
            if authors >= 2 {
                result.multiAuthored += works
                result.multiAuthoredAuthorships += authors * works
            }
            result.inverseAuthors += Double(works) / Double(authors)
        }
        return result
    }
}
