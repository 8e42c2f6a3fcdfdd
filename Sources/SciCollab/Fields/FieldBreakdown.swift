/// One field of a per-field breakdown (definitions §8): works counted in every one of their fields (full).
public struct FieldRow: Sendable {
    public var field: String
    public var name: String?
    /// Works of the set in the field (`N_X(f)` for a country, `C_AB(f)` for a pair).
    public var works: Int
    public var citations: Int
    public var worksWithoutCitationCount: Int
    /// The work ids, for impact.
    public var ids: [Int64]
    /// For a pair: `N_A(f)`, `N_B(f)`.
    public var outputA: Int?
    public var outputB: Int?
    /// For a pair: `Σ f_A(p)` over A's works in the field and over the joint works in it; and for B.
    public var outputFractionalA = 0.0
    public var outputFractionalB = 0.0
    public var jointWeightA = 0.0
    public var jointWeightB = 0.0

    /// For a pair: `s(A→B)` in the field, `C_AB(f) / N_A(f)` (full) or `Σ_{p∈S_AB(f)} f_A(p) / Σ_{p∈f} f_A(p)`
    /// (fractional), within [0, 1] (definitions §6, §8); and `s(B→A)`.
    public func shares(_ counting: CountingMethod) -> (a: Double?, b: Double?) {
        func ratio(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : x / y }
        switch counting {
        case .full: return (ratio(Double(works), Double(outputA ?? 0)), ratio(Double(works), Double(outputB ?? 0)))
        case .fractional: return (ratio(jointWeightA, outputFractionalA), ratio(jointWeightB, outputFractionalB))
        }
    }

    public var citationsPerPublication: Double? {
        let known = works - worksWithoutCitationCount
        return known == 0 ? nil : Double(citations) / Double(known)
    }
}

/// The field classification schemes the importers write.
public enum FieldSchemes {
    /// Every scheme name a command accepts.
    public static let known = [automatic, "asjc", "asjc-area", "wos-category", "wos-area", "openalex-subfield", "openalex-field", "openalex-domain", "mesh"]
    /// `auto` (definitions §8), the default of `fields`, `impact` and every impact column: the ASJC subject areas of
    /// every source, `asjc-area` where a work has it, else its OpenAlex field, else its Web of Science categories
    /// through the shipped crosswalk.
    public static let automatic = "auto"
    /// The schemes `auto` reads, in order of preference.
    static let automaticSources = ["asjc-area", "openalex-field", "wos-category"]
    /// The scheme the cohorts of `auto` are keyed by (in a baseline file): its codes are ASJC subject areas.
    public static let automaticCohortScheme = "asjc-area"
    /// How the outputs name `auto`.
    public static let automaticDescription = "auto (ASJC subject areas: asjc-area, else the OpenAlex field, else the WoS category through the crosswalk)"
}

/// A breakdown and the denominators of its shares.
public struct FieldBreakdown: Sendable {
    public var scheme: String
    public var rows: [FieldRow]
    /// Works of the set with at least one field in the scheme, and without.
    public var classified: Int
    public var unclassified: Int
    /// For a pair: works of A and of B with a field in the scheme.
    public var classifiedA: Int?
    public var classifiedB: Int?
}

extension Store {
    /// Works per field of `scheme` for `set` (all works, a country, or a pair with `N_A(f)`, `N_B(f)`).
    public func fieldBreakdown(scheme: String, set: ImpactSet = .all, scope: AnalysisScope = AnalysisScope()) throws -> FieldBreakdown {
        let members = Set(try works(of: set, scope: scope).map(\.id))
        var sideA: [Int64: Double] = [:], sideB: [Int64: Double] = [:]
        if case .pair(let a, let b) = set {
            sideA = Dictionary(try works(of: .country(a), counting: .fractional, scope: scope).map { ($0.id, $0.weight) }, uniquingKeysWith: +)
            sideB = Dictionary(try works(of: .country(b), counting: .fractional, scope: scope).map { ($0.id, $0.weight) }, uniquingKeysWith: +)
        }
        var citations: [Int64: Int?] = [:]
        for row in try database.rows("SELECT f.work_id, \(scope.citations("f")) FROM work_facts f WHERE \(scope.factsCondition)") {
            if case .integer(let id) = row[0] { citations[id] = row[1].int }
        }
        var rows: [String: FieldRow] = [:]
        var classified = Set<Int64>(), classifiedA = Set<Int64>(), classifiedB = Set<Int64>()
        let fieldRows: [(id: Int64, code: String, name: String?)] = scheme == FieldSchemes.automatic
            ? try automaticAreas().flatMap { id, codes in codes.map { (id: id, code: $0, name: ASJC.standard.areaName($0)) } }
            : try database.rows("""
                SELECT wf.work_id, fl.code, fl.name FROM work_fields wf JOIN fields fl ON fl.id = wf.field_id WHERE fl.scheme = ?
                """, [.text(scheme)]).compactMap { row in
                guard case .integer(let id) = row[0], let code = row[1].string else { return nil }
                return (id, code, row[2].string)
            }
        for (id, code, name) in fieldRows {
            guard let cites = citations[id] else { continue }
            let weightA = sideA[id], weightB = sideB[id]
            let isA = weightA != nil, isB = weightB != nil
            if isA { classifiedA.insert(id) }
            if isB { classifiedB.insert(id) }
            let inSet = members.contains(id)
            if inSet { classified.insert(id) }
            guard inSet || isA || isB else { continue }
            var entry = rows[code] ?? FieldRow(field: code, name: name, works: 0, citations: 0, worksWithoutCitationCount: 0, ids: [],
                                               outputA: sideA.isEmpty ? nil : 0, outputB: sideB.isEmpty ? nil : 0)
            if inSet {
                entry.works += 1
                entry.ids.append(id)
                if let cites { entry.citations += cites } else { entry.worksWithoutCitationCount += 1 }
                entry.jointWeightA += weightA ?? 0
                entry.jointWeightB += weightB ?? 0
            }
            if let weightA {
                entry.outputA? += 1
                entry.outputFractionalA += weightA
            }
            if let weightB {
                entry.outputB? += 1
                entry.outputFractionalB += weightB
            }
            rows[code] = entry
        }
        let isPair: Bool = { if case .pair = set { return true } else { return false } }()
        return FieldBreakdown(
            scheme: scheme,
            rows: rows.values.filter { $0.works > 0 || !isPair }.sorted { ($0.works, $1.field) > ($1.works, $0.field) },
            classified: classified.count, unclassified: members.count - classified.count,
            classifiedA: isPair ? classifiedA.count : nil, classifiedB: isPair ? classifiedB.count : nil)
    }
}
