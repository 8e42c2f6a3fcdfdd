/// Works whose export does not say which author has which affiliation (Scopus RIS, and BibTeX without
/// affiliation letters): every author was given every affiliation of the work (definitions §4). Full counts are
/// exact for them; fractional counts spread each author over all of the work's countries, so a fractional
/// figure over such works says how many there are.
extension Store {
    /// The works of the scope's period with at least one resolved country whose authors share the work's
    /// affiliations (`works.affiliations_shared`, migration 014).
    /// The count is kept per data generation (`keptCounts`): over every year, and per publication year for a period.
    public func worksWithSharedAffiliations(scope: AnalysisScope = AnalysisScope()) throws -> Int {
        let condition = "w.affiliations_shared = 1 AND f.countries > 0"
        guard scope.from != nil || scope.to != nil else {
            return try keptCounts("shared_affiliations") {
                ["works": try database.scalar("SELECT count(*) FROM works w JOIN work_facts f ON f.work_id = w.id WHERE \(condition)").int ?? 0]
            }["works"] ?? 0
        }
        let years = try keptCounts("shared_affiliation_years") {
            var counts: [String: Int] = [:]
            for row in try database.rows("""
                SELECT f.year, count(*) FROM works w JOIN work_facts f ON f.work_id = w.id WHERE \(condition) AND f.year IS NOT NULL GROUP BY f.year
                """) {
                if let year = row[0].int { counts[String(year)] = row[1].int ?? 0 }
            }
            return counts
        }
        return years.reduce(0) { sum, entry in
            guard let year = Int(entry.key), year >= scope.from ?? .min, year <= scope.to ?? .max else { return sum }
            return sum + entry.value
        }
    }

    /// The note a fractional figure carries when some of its works share their affiliations; nil when none do.
    public func sharedAffiliationsNote(scope: AnalysisScope = AnalysisScope()) throws -> String? {
        let count = try worksWithSharedAffiliations(scope: scope)
        guard count > 0 else { return nil }
        return "Fractional counts: \(count) work(s) come from exports that do not link authors to their own affiliations (Scopus RIS or BibTeX); every author of such a work shares all of its affiliations (definitions §4), so its fractional weights follow the affiliations, not the authors."
    }
}
