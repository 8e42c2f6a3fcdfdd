/// The counting method of a figure (SPEC §4).
public enum CountingMethod: String, Sendable, CaseIterable {
    /// A work counts 1 for every country in it.
    case full
    /// Author-level fractional counting (Leiden Ranking): `f_X(p) = (1/n_p) Σ_a |aff_a in X| / |aff_a|`.
    case fractional
}

/// Which works a figure is computed over, and how countries are read.
public struct AnalysisScope: Sendable, Equatable {
    /// First publication year included (whole years), or nil for no lower bound.
    public var from: Int?
    /// Last publication year included, or nil for no upper bound.
    public var to: Int?
    /// Count Taiwan, Hong Kong and Macao as China (SPEC §2).
    public var mergeChinaRegions: Bool
    /// Country groups counted as one country each (SPEC §12); disjoint (`with(_:)` checks).
    public var groups: [CountryGroup]

    public init(from: Int? = nil, to: Int? = nil, mergeChinaRegions: Bool = false, groups: [CountryGroup] = []) {
        self.from = from
        self.to = to
        self.mergeChinaRegions = mergeChinaRegions
        self.groups = groups
    }

    /// SQL for the country of affiliation alias `af`.
    var countryExpression: String {
        mergeChinaRegions ? CountryResolver.mergedSQL("af.country") : "af.country"
    }

    /// Whether the derived tables of this scope are temporary copies (merged regions, groups), which only the
    /// connection that made them can read.
    var usesTemporaryTables: Bool { mergeChinaRegions || !groups.isEmpty }

    /// A condition on works alias `w` (always true without a period).
    var periodCondition: String {
        var parts: [String] = []
        if let from { parts.append("w.year >= \(from)") }
        if let to { parts.append("w.year <= \(to)") }
        return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
    }

    /// A condition on `work_facts` alias `f` (always true without a period).
    var factsCondition: String { yearCondition("f.year") }

    /// A condition on a year column (always true without a period).
    func yearCondition(_ column: String) -> String {
        var parts: [String] = []
        if let from { parts.append("\(column) >= \(from)") }
        if let to { parts.append("\(column) <= \(to)") }
        return parts.isEmpty ? "1 = 1" : parts.joined(separator: " AND ")
    }

    /// The `work_facts` column with `|K_p|` under this scope's treatment of China's regions.
    var countriesColumn: String { mergeChinaRegions ? "countries_merged" : "countries" }

    /// The `work_facts` column with the collaboration type under this scope's treatment of China's regions.
    var collaborationColumn: String { mergeChinaRegions ? "collaboration_merged" : "collaboration" }

    /// A country code as this scope counts it (TW, HK, MO are CN when merged).
    /// A group of the scope is named as the group is.
    public func country(_ code: String) -> String {
        let folded = CountryGroup.key(code)
        if let group = groups.first(where: { CountryGroup.key($0.name) == folded }) { return group.name }
        return CountryResolver.merged(code.uppercased(), mergeChinaRegions: mergeChinaRegions)
    }

    /// `all years`, `2018–2024`, `from 2018`, `to 2024`.
    public var periodDescription: String {
        switch (from, to) {
        case (nil, nil): return "all years"
        case let (f?, t?): return "\(f)–\(t)"
        case let (f?, nil): return "from \(f)"
        case let (nil, t?): return "to \(t)"
        }
    }
}
