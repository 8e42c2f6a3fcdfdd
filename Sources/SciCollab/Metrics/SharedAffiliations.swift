/// Works whose export does not say which author has which affiliation (Scopus RIS, and BibTeX without
/// affiliation letters): every author was given every affiliation of the work (definitions §4). Full counts are
/// exact for them; fractional counts spread each author over all of the work's countries, so a fractional
/// figure over such works says how many there are.
extension Store {
    /// The works of the scope's period with at least one resolved country whose authors share the work's
    /// affiliations (`works.affiliations_shared`, migration 014).
    /// Over every year the count is kept per data generation (`keptCounts`).
    public func worksWithSharedAffiliations(scope: AnalysisScope = AnalysisScope()) throws -> Int {
        func count() throws -> Int {
            try database.rows("""
                SELECT count(*) FROM works w JOIN work_facts f ON f.work_id = w.id
                WHERE w.affiliations_shared = 1 AND f.countries > 0 AND \(scope.factsCondition)
                """).first?[0].int ?? 0
        }
        guard scope.from == nil, scope.to == nil else { return try count() }
        return try keptCounts("shared_affiliations") { ["works": try count()] }["works"] ?? 0
    }

    /// The note a fractional figure carries when some of its works share their affiliations; nil when none do.
    public func sharedAffiliationsNote(scope: AnalysisScope = AnalysisScope()) throws -> String? {
        let count = try worksWithSharedAffiliations(scope: scope)
        guard count > 0 else { return nil }
        return "Fractional counts: \(count) work(s) come from exports that do not link authors to their own affiliations (Scopus RIS or BibTeX); every author of such a work shares all of its affiliations (definitions §4), so its fractional weights follow the affiliations, not the authors."
    }
}
