/// The sets of works an impact figure is computed over.
public enum ImpactSet: Sendable, Equatable {
    case all
    case country(String)
    case pair(String, String)
    case collaboration(CollaborationType)

    public var description: String {
        switch self {
        case .all: return "all works"
        case .country(let code): return "the works of \(code)"
        case .pair(let a, let b): return "the joint works of \(a) and \(b)"
        case .collaboration(let type): return "\(type.label) works"
        }
    }
}

extension Store {
    /// The works of `set` in `scope`, with their weights: `f_X(p)` for a country under fractional counting,
    /// else 1.
    public func works(of set: ImpactSet, counting: CountingMethod = .full, scope: AnalysisScope = AnalysisScope()) throws -> [(id: Int64, weight: Double)] {
        let sources = try derivedSources(scope)
        let rows: [[SQLValue]]
        switch set {
        case .all:
            rows = try database.rows("SELECT f.work_id, 1.0 FROM work_facts f WHERE \(scope.factsCondition)")
        case .country(let code):
            rows = try database.rows("SELECT work_id, \(counting == .fractional ? "weight" : "1.0") FROM \(sources.countries) WHERE country = ? AND \(scope.yearCondition("year"))",
                                     [.text(scope.country(code))])
        case .pair(let a, let b):
            let (low, high) = scope.country(a) < scope.country(b) ? (scope.country(a), scope.country(b)) : (scope.country(b), scope.country(a))
            rows = try database.rows("SELECT work_id, \(counting == .fractional ? "link" : "1.0") FROM \(sources.pairs) WHERE a = ? AND b = ? AND \(scope.yearCondition("year"))",
                                     [.text(low), .text(high)])
        case .collaboration(let type):
            rows = try database.rows("SELECT f.work_id, 1.0 FROM work_facts f WHERE f.\(scope.collaborationColumn) = ? AND \(scope.factsCondition)",
                                     [.text(type.rawValue)])
        }
        return rows.compactMap { row in
            guard case .integer(let id) = row[0] else { return nil }
            return (id, row[1].double ?? 1)
        }
    }
}
