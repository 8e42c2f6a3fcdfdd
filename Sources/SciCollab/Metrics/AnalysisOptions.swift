import Foundation

/// The counting method of a figure (definitions §4).
public enum CountingMethod: String, Sendable, CaseIterable {
    /// A work counts 1 for every country in it.
    case full
    /// Author-level fractional counting (Leiden Ranking): `f_X(p) = (1/n_p) Σ_a |aff_a in X| / |aff_a|`.
    case fractional
}

/// The entities a figure is about.
public enum AnalysisLevel: String, Sendable, CaseIterable {
    /// ISO 3166-1 alpha-2 countries (and country groups).
    case country
    /// Institutions: the source's institution id where given, else the folded institution key (definitions §1).
    case institution
}

/// How the members of a country group are counted over time (definitions §12).
public enum GroupMembership: String, Sendable, CaseIterable {
    /// Every listed member for every year of the period (as SciVal counts groups).
    case listed
    /// A country counts as a member only for works published within its membership years (`since`–`until`).
    case dated
}

/// Which works a figure is computed over, and how countries are read.
public struct AnalysisScope: Sendable, Equatable {
    /// First publication year included (whole years), or nil for no lower bound.
    public var from: Int?
    /// Last publication year included, or nil for no upper bound.
    public var to: Int?
    /// Count Taiwan, Hong Kong and Macao as China (definitions §2).
    public var mergeChinaRegions: Bool
    /// Country groups counted as one country each (definitions §12); disjoint (`with(_:)` checks).
    public var groups: [CountryGroup]
    /// This scope without its groups: for the totals kept over the stored rows, which the groups' names never hold.
    var withoutGroups: AnalysisScope {
        var scope = self
        scope.groups = []
        return scope
    }
    /// Whether the groups' membership years are applied.
    public var membership: GroupMembership
    /// The first and last publication years the data hold in this scope (`Store.resolvedScope`), so that
    /// headers name the real years; nil when not looked up or no work has a year.
    public var yearsPresent: ClosedRange<Int>?
    /// The current calendar year: its works are an incomplete year (definitions §5).
    public var currentYear: Int
    /// Whether the entities of the figures are countries or institutions (definitions §6 applied to institutions).
    public var level: AnalysisLevel
    /// Whose citation count each work has in the figures (definitions §9): the precedence's, or one source's.
    public var citationSource: CitationSource

    public init(from: Int? = nil, to: Int? = nil, mergeChinaRegions: Bool = false, groups: [CountryGroup] = [],
                membership: GroupMembership = .listed, level: AnalysisLevel = .country, citationSource: CitationSource = .precedence,
                currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) {
        self.citationSource = citationSource
        self.from = from
        self.to = to
        self.mergeChinaRegions = mergeChinaRegions
        self.groups = groups
        self.membership = membership
        self.currentYear = currentYear
        self.level = level
    }

    /// This scope narrowed to one publication year (every other setting kept).
    public func year(_ year: Int) -> AnalysisScope {
        var scope = self
        scope.from = year
        scope.to = year
        scope.yearsPresent = nil
        return scope
    }

    /// Growth and CAGR are computed only over a period the user gave, both bounds (`--from`/`--to` or
    /// `--last N`); otherwise they are left out with a note (definitions §5).
    public var hasPeriod: Bool { from != nil && to != nil }

    /// The note of the outputs that leave growth out.
    public static let growthNote = "Growth and CAGR need a period: give --from and --to, or --last N (the last N complete publication years present) (definitions §5)."

    /// Whether `year` is the current calendar year or later (an incomplete year).
    public func isIncomplete(_ year: Int) -> Bool { year >= currentYear }

    /// SQL for the country of affiliation alias `af`.
    var countryExpression: String {
        mergeChinaRegions ? CountryResolver.mergedSQL("af.country") : "af.country"
    }

    /// Whether the derived tables of this scope are temporary copies (merged regions, groups), which only the
    /// connection that made them can read.
    var usesTemporaryTables: Bool { mergeChinaRegions || !groups.isEmpty || level == .institution }

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
    /// At the institution level, the institution key as it is.
    public func country(_ code: String) -> String {
        if level == .institution { return code }
        let folded = CountryGroup.key(code)
        if let group = groups.first(where: { CountryGroup.key($0.name) == folded }) { return group.name }
        return CountryResolver.merged(code.uppercased(), mergeChinaRegions: mergeChinaRegions)
    }

    /// The real years of the scope, never "all years": `2018–2024`, `1965–2026 (every year present; 2026
    /// incomplete)`, `from 2018` when the years present were not looked up.
    public var periodDescription: String {
        let low = from ?? yearsPresent?.lowerBound, high = to ?? yearsPresent?.upperBound
        var text: String
        switch (low, high) {
        case let (f?, t?): text = f == t ? "\(f)" : "\(f)–\(t)"
        case let (f?, nil): text = "from \(f)"
        case let (nil, t?): text = "to \(t)"
        case (nil, nil): return yearsPresent == nil && from == nil && to == nil ? "every year present" : "no dated works"
        }
        var remarks: [String] = []
        if !hasPeriod { remarks.append("every year present") }
        if let high, isIncomplete(high) { remarks.append("\(min(high, currentYear)) incomplete") }
        if !remarks.isEmpty { text += " (" + remarks.joined(separator: "; ") + ")" }
        return text
    }
}
