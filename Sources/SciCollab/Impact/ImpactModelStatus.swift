import Foundation

extension Store {
    /// Whether `impactModel` with these options would read a model kept in the database rather than compute
    /// one (definitions §7): a kept model of the current data for the scheme and baseline, of the window given,
    /// or of either window when none is given. Lets the tool say, before a long computation, what it is doing.
    public func hasKeptImpactModel(scheme: String? = nil, window: CitationWindow? = nil, baseline: Baseline? = nil,
                                   citationSource: CitationSource = .precedence,
                                   currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) throws -> Bool {
        // `auto` is the default scheme, named as `impactModel` names it in the key.
        let scheme = scheme == FieldSchemes.automatic ? nil : scheme
        let windows = window.map { [$0] } ?? (baseline.map { [$0.window] } ?? CitationWindow.allCases)
        let keys = windows.map { ImpactCache.key(scheme: scheme, window: $0, baseline: baseline, citationSource: citationSource, currentYear: currentYear) }
        let generation = try Store.dataGeneration(database)
        for key in keys {
            let kept = try database.scalar("SELECT count(*) FROM impact_models WHERE key = ? AND data_generation = ?",
                                           [.text(key), .integer(Int64(generation))]).int ?? 0
            if kept > 0 { return true }
        }
        return false
    }

    /// The number of works stored: one count over the smallest index, without the kept totals that `workCounts`
    /// computes again after a data change (seconds on a million works).
    public func storedWorkCount() throws -> Int {
        try database.scalar("SELECT count(*) FROM works").int ?? 0
    }
}
