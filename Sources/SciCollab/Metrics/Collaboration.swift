/// The collaboration types of definitions §3 (SciVal cascade).
public enum CollaborationType: String, Sendable, CaseIterable {
    case international, national, institutional
    case single = "single"

    /// How outputs name the type.
    public var label: String {
        switch self {
        case .international: return "international"
        case .national: return "national"
        case .institutional: return "institutional"
        case .single: return "single authorship"
        }
    }
}

/// Works by collaboration type, for the whole database or the works of one country.
public struct CollaborationBreakdown: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var type: CollaborationType
        public var works: Int
        public var citations: Int
        public var worksWithoutCitationCount: Int

        /// `Σ c_p / |{p : c_p known}|`.
        public var citationsPerPublication: Double? {
            let known = works - worksWithoutCitationCount
            return known == 0 ? nil : Double(citations) / Double(known)
        }
    }

    /// The four types, in cascade order (types without works included, with 0).
    public var rows: [Row]
    /// Works with no resolved affiliation (only for the whole database: a country's works are classified).
    public var unclassified: Int

    /// Works with a type.
    public var classified: Int { rows.map(\.works).reduce(0, +) }

    /// A type's share of the classified works, in percent.
    public func share(_ row: Row) -> Double? {
        classified == 0 ? nil : Double(row.works) / Double(classified) * 100
    }
}

extension Store {
    /// Works by collaboration type in `scope`; with `country`, the works of that country only.
    ///
    /// A country's breakdown over every year (of the stored rows, under the precedence's citation counts) is kept per
    /// data generation (`keptCounts`).
    public func collaboration(country: String? = nil, scope: AnalysisScope = AnalysisScope()) throws -> CollaborationBreakdown {
        let sources = try derivedSources(scope)
        if let country, scope.from == nil, scope.to == nil, !scope.mergeChinaRegions, scope.citationSource == .precedence,
           sources.countries == "work_countries" {
            let counts = try keptCounts("collaboration \(scope.country(country))") {
                let breakdown = try computedCollaboration(country: country, scope: scope, sources: sources)
                var counts = ["unclassified": breakdown.unclassified]
                for row in breakdown.rows {
                    counts["\(row.type.rawValue) works"] = row.works
                    counts["\(row.type.rawValue) citations"] = row.citations
                    counts["\(row.type.rawValue) without_citations"] = row.worksWithoutCitationCount
                }
                return counts
            }
            return CollaborationBreakdown(rows: CollaborationType.allCases.map { type in
                .init(type: type, works: counts["\(type.rawValue) works"] ?? 0, citations: counts["\(type.rawValue) citations"] ?? 0,
                      worksWithoutCitationCount: counts["\(type.rawValue) without_citations"] ?? 0)
            }, unclassified: counts["unclassified"] ?? 0)
        }
        return try computedCollaboration(country: country, scope: scope, sources: sources)
    }

    /// `collaboration(country:scope:)` counted now.
    private func computedCollaboration(country: String?, scope: AnalysisScope, sources: DerivedSources) throws -> CollaborationBreakdown {
        var arguments: [SQLValue] = []
        var join = ""
        if let country {
            // The country's works listed first, then read in work order (not looked up in the order of its rows).
            join = "AND f.work_id IN (SELECT wc.work_id FROM \(sources.countries) wc WHERE wc.country = ? AND \(scope.yearCondition("wc.year")))"
            arguments.append(.text(scope.country(country)))
        }
        let rows = try database.rows(country == nil && keptTotals(.years, for: scope)
            ? """
                SELECT collaboration, sum(works), sum(citations), sum(without_citations) FROM year_totals
                WHERE \(scope.yearCondition("year")) GROUP BY collaboration
                """
            : """
                SELECT f.\(scope.collaborationColumn), count(*), coalesce(sum(\(scope.citations("f"))), 0),
                       sum(CASE WHEN \(scope.citations("f")) IS NULL THEN 1 ELSE 0 END)
                FROM work_facts f
                WHERE \(scope.factsCondition) \(join)
                GROUP BY f.\(scope.collaborationColumn)
                """, arguments)
        var byType: [CollaborationType: CollaborationBreakdown.Row] = [:]
        var unclassified = 0
        for row in rows {
            guard let type = row[0].string.flatMap(CollaborationType.init(rawValue:)) else {
                unclassified += row[1].int ?? 0
                continue
            }
            byType[type] = .init(type: type, works: row[1].int ?? 0, citations: row[2].int ?? 0, worksWithoutCitationCount: row[3].int ?? 0)
        }
        return CollaborationBreakdown(
            rows: CollaborationType.allCases.map { byType[$0] ?? .init(type: $0, works: 0, citations: 0, worksWithoutCitationCount: 0) },
            unclassified: unclassified)
    }
}
