import Foundation

/// A named set of countries (definitions §12): BRICS, EU27, OECD, … or a user's own.
///
/// Wherever a country is accepted a group is too: `N_G` counts the works with `K_p ∩ G ≠ ∅`, the fractional
/// output is `Σ_{X∈G} f_X(p)`, `Authors(G)` is the union of the members' authors. A work's collaboration
/// type stays that of its countries (definitions §3).
public struct CountryGroup: Sendable, Equatable, Hashable {
    /// One member country and, where membership changed, the years.
    public struct Member: Sendable, Equatable, Hashable {
        /// ISO 3166-1 alpha-2.
        public var country: String
        public var since: Int?
        public var until: Int?
        public var note: String?
    }

    /// The name used on the command line and in outputs (`BRICS`, `BRICS+`).
    public var name: String
    public var title: String
    /// Where the member list comes from.
    public var source: String
    public var note: String?
    public var members: [Member]

    /// How names are compared: case-insensitive, with every other character kept (`BRICS` is not `BRICS+`).
    public static func key(_ name: some StringProtocol) -> String {
        TextFolding.trimmedSpaces(name).lowercased()
    }

    /// The member codes.
    public var countries: Set<String> { Set(members.map(\.country)) }

    /// `BRICS (BR, CN, IN, RU, ZA; source: …)`, for the notes of an output.
    public var summary: String {
        "\(name) = \(countries.sorted().joined(separator: ", ")) (\(members.count) members; source: \(source)" + (note.map { "; \($0)" } ?? "") + ")"
    }
}

/// Why a group or a group file cannot be used.
public enum CountryGroupError: Error, CustomStringConvertible, Equatable {
    case malformed(file: String, line: Int, reason: String)
    case unknownGroup(file: String, line: Int, group: String)
    case overlap(String, String, common: [String])
    case notACountryOrGroup(String)

    public var description: String {
        switch self {
        case .malformed(let file, let line, let reason): return "\(file):\(line): \(reason)"
        case .unknownGroup(let file, let line, let group): return "\(file):\(line): member of \(group), which has no `group` line before it"
        case .overlap(let a, let b, let common):
            return "\(a) and \(b) overlap (\(common.joined(separator: ", "))): a pair or a set of groups needs disjoint sides"
        case .notACountryOrGroup(let text):
            return "\"\(text)\" is not an ISO 3166-1 alpha-2 code, a country name in the alias table or a country group (BRICS, BRICS+, EU27, G7, G20, OECD, ASEAN, AfricanUnion, or one from --groups)"
        }
    }
}

/// The groups a command knows: the shipped `Schemas/country_groups.tsv` and any user file.
public struct CountryGroupCatalog: Sendable {
    /// Groups by folded name, in file order.
    public private(set) var groups: [CountryGroup] = []

    /// The groups shipped in `Schemas/country_groups.tsv`.
    public static let standard: CountryGroupCatalog = {
        // The shipped file is tested; a failure here is a packaging error.
        (try? CountryGroupCatalog(table: EmbeddedResources.files["country_groups.tsv"] ?? "", file: "country_groups.tsv")) ?? CountryGroupCatalog()
    }()

    public init() {}

    /// Reads a group table: `group<TAB>NAME<TAB>title<TAB>source[<TAB>note]` lines, each followed by its
    /// `member<TAB>NAME<TAB>CC[<TAB>since<TAB>until<TAB>note]` lines; `#` starts a comment.
    /// - Throws: `CountryGroupError.malformed` naming the file and line of a bad line or an unknown country.
    public init(table: String, file: String, resolver: CountryResolver = .standard) throws {
        let known = Set(resolver.aliases.values)
        var byName: [String: Int] = [:]
        // Lines and cells split on the bytes of line feed and tab (each a character of its own), so that a `\r\n`
        // line end, one character, ends a line too.
        // A byte order mark (a file saved by a Windows editor as "UTF-8 with BOM") is not part of the first cell.
        let text = table.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? Substring(table.utf8.dropFirst(3)) : Substring(table)
        for (index, line) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var text = Substring(line)
            while text.unicodeScalars.first == "\r" { text = Substring(text.unicodeScalars.dropFirst()) }
            while text.unicodeScalars.last == "\r" { text = Substring(text.unicodeScalars.dropLast()) }
            if TextFolding.trimmedSpaces(text).isEmpty || text.hasPrefix("#") { continue }
            let cells = text.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { String(TextFolding.trimmedSpaces(Substring($0))) }
            func cell(_ i: Int) -> String? { i < cells.count && !cells[i].isEmpty ? cells[i] : nil }
            switch cells[0] {
            case "group":
                guard let name = cell(1), let title = cell(2), let source = cell(3) else {
                    throw CountryGroupError.malformed(file: file, line: number, reason: "expected group<TAB>NAME<TAB>title<TAB>source[<TAB>note]")
                }
                let key = CountryGroup.key(name)
                if byName[key] != nil { throw CountryGroupError.malformed(file: file, line: number, reason: "group \(name) is defined twice") }
                if name.count == 2 && name.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    throw CountryGroupError.malformed(file: file, line: number, reason: "group name \(name) has two letters, like a country code")
                }
                byName[key] = groups.count
                groups.append(CountryGroup(name: name, title: title, source: source, note: cell(4), members: []))
            case "member":
                guard let name = cell(1), let code = cell(2)?.uppercased() else {
                    throw CountryGroupError.malformed(file: file, line: number, reason: "expected member<TAB>NAME<TAB>ISO code[<TAB>since<TAB>until<TAB>note]")
                }
                guard let position = byName[CountryGroup.key(name)] else { throw CountryGroupError.unknownGroup(file: file, line: number, group: name) }
                guard known.contains(code) else {
                    throw CountryGroupError.malformed(file: file, line: number, reason: "\(code) is not an ISO 3166-1 alpha-2 code of the alias table")
                }
                func year(_ i: Int) throws -> Int? {
                    guard let value = cell(i) else { return nil }
                    guard let year = Int(value) else { throw CountryGroupError.malformed(file: file, line: number, reason: "\(value) is not a year") }
                    return year
                }
                if groups[position].members.contains(where: { $0.country == code }) {
                    throw CountryGroupError.malformed(file: file, line: number, reason: "\(code) is listed twice in \(name)")
                }
                groups[position].members.append(.init(country: code, since: try year(3), until: try year(4), note: cell(5)))
            default:
                throw CountryGroupError.malformed(file: file, line: number, reason: "a line starts with `group` or `member`, not `\(cells[0])`")
            }
        }
        if let empty = groups.first(where: { $0.members.isEmpty }) {
            throw CountryGroupError.malformed(file: file, line: 0, reason: "group \(empty.name) has no members")
        }
    }

    /// This catalog with the groups of a user file added (a user group replaces a shipped one of the same name).
    public func adding(file path: String) throws -> CountryGroupCatalog {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CountryGroupError.malformed(file: path, line: 0, reason: "cannot read the file as UTF-8 text")
        }
        let user = try CountryGroupCatalog(table: text, file: path)
        var result = self
        for group in user.groups {
            result.groups.removeAll { CountryGroup.key($0.name) == CountryGroup.key(group.name) }
            result.groups.append(group)
        }
        return result
    }

    /// The group named `name` (case-insensitive: `brics+`, `Brics+`), or nil.
    public func group(named name: String) -> CountryGroup? {
        let key = CountryGroup.key(name)
        return groups.first { CountryGroup.key($0.name) == key }
    }

    /// A user's argument as a country (`RU`, `Russia`) or a group (`BRICS`).
    /// - Throws: `CountryGroupError.notACountryOrGroup`.
    public func entity(_ text: String) throws -> CountryOrGroup {
        // A group name wins over a country alias only when it is not two letters (no group name is).
        if let group = group(named: text) { return .group(group) }
        if let code = try? Store.countryCode(text) { return .country(code) }
        throw CountryGroupError.notACountryOrGroup(text)
    }
}

/// A side of a figure: one country or a group of countries.
public enum CountryOrGroup: Sendable, Equatable {
    case country(String)
    case group(CountryGroup)

    /// The code outputs and the derived tables use: the ISO code or the group's name.
    public var code: String {
        switch self {
        case .country(let code): return code
        case .group(let group): return group.name
        }
    }

    public var group: CountryGroup? {
        if case .group(let group) = self { return group } else { return nil }
    }
}

extension AnalysisScope {
    /// This scope with `entities`' groups counted as one country each.
    /// - Throws: `CountryGroupError.overlap` when two of the groups share a member, or a group holds one of the
    ///   countries (a pair needs disjoint sides).
    public func with(_ entities: [CountryOrGroup]) throws -> AnalysisScope {
        var result = self
        for entity in entities {
            switch entity {
            case .group(let group) where !result.groups.contains(group): result.groups.append(group)
            default: break
            }
        }
        let countries = entities.compactMap { entity -> String? in
            if case .country(let code) = entity { return country(code) } else { return nil }
        }
        for (i, group) in result.groups.enumerated() {
            let members = Set(group.countries.map(country))
            for other in result.groups[(i + 1)...] {
                let common = members.intersection(other.countries.map(country))
                if !common.isEmpty { throw CountryGroupError.overlap(group.name, other.name, common: common.sorted()) }
            }
            for code in countries where members.contains(code) {
                throw CountryGroupError.overlap(group.name, code, common: [code])
            }
        }
        return result
    }

    /// Notes naming the groups of this scope with their members and sources.
    public var groupNotes: [String] {
        groups.map { "Country group \($0.summary). N_G counts works with at least one member, fractional output Σ f_X over the members, authors the union (definitions §12); affinity (PAI) is defined on the country link matrix and is not computed for a group." }
    }

    /// How the groups' membership years were used (definitions §12).
    public var membershipNote: String {
        switch membership {
        case .listed:
            return "Group membership: every listed member counts for every year of the period (--membership listed, as SciVal counts groups); --membership dated applies the years members joined or left."
        case .dated:
            let dated = groups.flatMap { group in
                group.members.filter { $0.since != nil || $0.until != nil }.map { member in
                    "\(member.country) \(member.since.map(String.init) ?? "")–\(member.until.map(String.init) ?? "")"
                }.prefix(12).map { "\(group.name): \($0)" }
            }
            let examples = dated.isEmpty ? "" : " (\(dated.prefix(6).joined(separator: ", "))\(dated.count > 6 ? ", …" : ""))"
            return "Group membership dated (--membership dated): a member counts only for works published within its membership years\(examples); a work without a year counts only for members without years (definitions §12)."
        }
    }
}

extension Report {
    /// Adds the notes and the `group_membership` parameter of the groups of `scope` (nothing without groups).
    public mutating func describeGroups(_ scope: AnalysisScope) {
        guard !scope.groups.isEmpty else { return }
        notes += scope.groupNotes
        describeMembership(scope)
    }

    /// Adds the `group_membership` parameter and its note, once.
    public mutating func describeMembership(_ scope: AnalysisScope) {
        guard !parameters.contains(where: { $0.key == "group_membership" }) else { return }
        parameters.append(("group_membership", .text(scope.membership.rawValue)))
        notes.append(scope.membershipNote)
    }
}
