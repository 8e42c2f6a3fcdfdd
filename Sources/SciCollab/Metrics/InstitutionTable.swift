/// What the store knows of an institution besides its figures.
public struct InstitutionInfo: Sendable, Equatable {
    /// The institution key: `openalex:I…` or the folded name of definitions §1.
    public var key: String
    /// The name and country most of its affiliations give.
    public var name: String?
    public var country: String?
    /// `openalex`, `ror` or `name`: how the key identifies the institution.
    public var identity: String
    public var ror: String?
    /// Distinct countries its affiliations name (more than 1: one key, several places).
    public var countries: Int
}

/// Per-institution output (definitions §4–§5 applied to institutions): the figures of a country row, what identifies
/// the institution, and its partners.
public struct InstitutionRow: Sendable, Equatable {
    public var info: InstitutionInfo
    /// Works (full and fractional), authors, citations, international works, growth; `figures.country` is the key.
    public var figures: CountryRow
    /// Distinct institutions with at least one joint work in the period.
    public var partners: Int
}

/// Why an institution argument cannot be used.
public enum InstitutionError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case ambiguous(String, candidates: [String])

    public var description: String {
        switch self {
        case .notFound(let text): return "no institution has the key or the name \"\(text)\" (see `scicollab institutions`)"
        case .ambiguous(let text, let candidates):
            return "\"\(text)\" names \(candidates.count) institutions; give one key: \(candidates.prefix(10).joined(separator: ", "))"
        }
    }
}

extension Store {
    /// The institutions the store knows, by key.
    public func institutionInfo() throws -> [String: InstitutionInfo] {
        try prepareInstitutionTables()
        var result: [String: InstitutionInfo] = [:]
        try database.forEachRow("SELECT institution, name, country, identity, ror, countries FROM institutions") { row in
            guard let key = row[0].string else { return }
            result[key] = InstitutionInfo(key: key, name: row[1].string, country: row[2].string, identity: row[3].string ?? "name",
                                          ror: row[4].string, countries: row[5].int ?? 1)
        }
        return result
    }

    /// The key of a user's institution argument: a key as stored (`openalex:I27837315`, `univ michigan`), the
    /// folded form of a name (`Univ Michigan`), or the name the table shows when exactly one institution has it.
    /// Different keys are never merged: a name shared by several keys is an error that lists them.
    /// - Throws: `InstitutionError`.
    public func institutionKey(_ text: String) throws -> String {
        try prepareInstitutionTables()
        for candidate in [text, TextFolding.fold(text)] {
            if try database.scalar("SELECT count(*) FROM institutions WHERE institution = ?", [.text(candidate)]).int ?? 0 > 0 { return candidate }
        }
        let folded = TextFolding.fold(text)
        let matches = try database.rows("SELECT institution, name FROM institutions WHERE name IS NOT NULL").compactMap { row -> String? in
            guard let key = row[0].string, let name = row[1].string, TextFolding.fold(name) == folded else { return nil }
            return key
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw InstitutionError.notFound(text) }
        throw InstitutionError.ambiguous(text, candidates: matches.sorted())
    }

    /// Per institution in `scope` (its level is set to institutions), largest output first; with `country`,
    /// the institutions whose affiliations name that country most often.
    public func institutionTable(country: String? = nil, scope: AnalysisScope = AnalysisScope()) throws -> [InstitutionRow] {
        var scope = scope
        scope.level = .institution
        let info = try institutionInfo()
        let figures = try countryTable(scope: scope)
        let partners = try institutionPartners(scope: scope)
        return figures.compactMap { row in
            let details = info[row.country] ?? InstitutionInfo(key: row.country, identity: "name", countries: 1)
            if let country, details.country != country { return nil }
            return InstitutionRow(info: details, figures: row, partners: partners[row.country] ?? 0)
        }
    }

    /// Distinct partners of every institution in `scope`: the distinct pairs, counted on both sides.
    func institutionPartners(scope: AnalysisScope) throws -> [String: Int] {
        var partners: [String: Int] = [:]
        let sources = try derivedSources(scope)
        try database.forEachRow("""
            WITH p AS MATERIALIZED (SELECT a, b FROM (\(sources.pairFigures(scope))))
            SELECT institution, count(*) FROM (SELECT a AS institution FROM p UNION ALL SELECT b FROM p) GROUP BY institution
            """) { row in
            if let key = row[0].string { partners[key] = row[1].int ?? 0 }
        }
        return partners
    }
}
