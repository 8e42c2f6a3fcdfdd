import Foundation

/// An author as a Scopus export names them.
struct ScopusAuthorName: Equatable {
    /// As written in `Authors`: `Siu K.-C.` (2023 on) or `Siu K.-C.` joined by `, ` (before).
    var display: String
    var family: String
    var given: String
    var identity: AuthorIdentity

    /// The forms this name takes at the start of an `Authors with affiliations` entry: `Siu K.-C.` (2023
    /// on) and `Siu, K.-C.` (before).
    var affiliationEntryForms: [String] {
        guard let space = display.lastIndex(of: " ") else { return [display] }
        var forms = [display, display[..<space] + "," + display[space...]]
        let base = ScopusAuthors.withoutNameSuffix(display)
        if base != display, let baseSpace = base.lastIndex(of: " ") {
            // `Roe, A., Jr.`: the older comma form with the suffix.
            forms.append(base[..<baseSpace] + "," + base[baseSpace...] + display[base.endIndex...])
        }
        return forms
    }
}

/// Reading of the author columns of a Scopus CSV export.
enum ScopusAuthors {
    /// The byline from `Authors`, with names and ids from `Author full names` and `Author(s) ID`.
    static func parse(authors: String, fullNames: String?, ids: String?) -> (names: [ScopusAuthorName], problem: String?) {
        let trimmed = authors.trimmedString
        var displays: [String] = []
        if !trimmed.isEmpty, !trimmed.hasPrefix("[No author") {
            let separator = trimmed.utf8.contains(UInt8(ascii: ";")) ? ";" : ", "
            displays = trimmed.splitting(on: separator).map(String.init)
                .map { $0.trimmedString }
                .filter { !$0.isEmpty }
            // `Roe A., Jr.`: a name suffix belongs to the name before it, not to an author of its own.
            displays = displays.reduce(into: []) { joined, part in
                if let last = joined.last, Self.isNameSuffix(part) { joined[joined.count - 1] = last + ", " + part } else { joined.append(part) }
            }
        }
        let full = (fullNames ?? "").splitting(on: "; ").map(String.init)
            .map { $0.trimmedString }
            .filter { !$0.isEmpty && !$0.hasPrefix("[No author") }
        let idList = (ids ?? "").splitting(on: ";")
            .map { $0.trimmedString }
            .filter { !$0.isEmpty && !$0.hasPrefix("[No author") }
        if displays.isEmpty, !full.isEmpty {
            displays = full.map { entry in String(entry[..<(entry.firstUTF8Range(of: " (")?.lowerBound ?? entry.endIndex)]) }
        }
        var problems: [String] = []
        if !full.isEmpty, full.count != displays.count {
            problems.append("'Author full names' lists \(full.count) authors, 'Authors' \(displays.count)")
        }
        if !idList.isEmpty, idList.count != displays.count {
            problems.append("'Author(s) ID' lists \(idList.count) ids for \(displays.count) authors")
        }
        let names = displays.enumerated().map { index, display -> ScopusAuthorName in
            var (family, given) = splitInitials(withoutNameSuffix(display))
            var id = index < idList.count ? idList[index] : nil
            if full.count == displays.count {
                let entry = full[index]
                var name = entry[...]
                if entry.utf8.last == UInt8(ascii: ")"), let open = entry.lastUTF8Range(of: " (") {
                    let inner = entry[open.upperBound..<entry.index(before: entry.endIndex)]
                    if !inner.isEmpty, inner.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                        id = id ?? String(inner)
                        name = entry[..<open.lowerBound]
                    }
                }
                if let comma = name.firstUTF8Range(of: ", ") {
                    family = String(name[..<comma.lowerBound])
                    given = String(name[comma.upperBound...])
                }
            }
            let identity = id.map { AuthorIdentity(kind: .sourceID, value: "scopus:\($0)") }
                ?? AuthorIdentity.nameKey(family: family, given: given)
            return ScopusAuthorName(display: display, family: family, given: given, identity: identity)
        }
        return (names, problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    /// Name suffixes that follow a name after a comma: `Jr.`, `Sr.`, `II`, `III`, `IV`.
    static func isNameSuffix(_ text: some StringProtocol) -> Bool {
        ["jr", "sr", "ii", "iii", "iv"].contains(TextFolding.fold(text))
    }

    /// `Roe A., Jr.` → `Roe A.`; a name without a suffix as it is.
    static func withoutNameSuffix(_ display: String) -> String {
        guard let comma = display.lastUTF8Range(of: ", "), isNameSuffix(display[comma.upperBound...]) else { return display }
        return String(display[..<comma.lowerBound])
    }

    /// `Siu K.-C.` → (`Siu`, `K.-C.`); `Edwin Raja Dhas J.` → (`Edwin Raja Dhas`, `J.`).
    static func splitInitials(_ name: String) -> (family: String, given: String) {
        guard let space = name.lastIndex(of: " ") else { return (name, "") }
        let last = name[name.index(after: space)...]
        let looksLikeInitials = last.utf8.contains(UInt8(ascii: ".")) || (last.count <= 3 && last.allSatisfy(\.isUppercase))
        return looksLikeInitials ? (String(name[..<space]), String(last)) : (name, "")
    }

    /// The address of `Correspondence Address`: what follows the name, up to `; email:` (`Doe J.; Dept X, Univ Y,
    /// Lyon, France; email: j@x.fr` → `Dept X, Univ Y, Lyon, France`), or nil when there is none.
    static func correspondenceAddress(_ correspondence: String) -> String? {
        let parts = correspondence.drop { $0 == ";" || $0 == " " }.splitting(on: ";").map { $0.trimmedString }
        let address = parts.dropFirst().prefix { !$0.lowercased().hasPrefix("email") && !$0.contains("@") }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return address.isEmpty ? nil : address
    }

    /// The byline index of the corresponding author named at the start of `Correspondence Address`
    /// (`Schulten, K.; Beckman Institute…` before 2023, `K.-C. Siu; Department…` after, sometimes with a
    /// leading `; `), or nil.
    static func correspondingIndex(correspondence: String, authors: [ScopusAuthorName]) -> Int? {
        let text = correspondence.drop { $0 == ";" || $0 == " " }
        guard let name = text.split(separator: ";", maxSplits: 1).first?.trimmedString,
              !name.isEmpty else { return nil }
        var family: String
        var given = ""
        if let comma = name.firstIndex(of: ",") {
            family = String(name[..<comma])
            given = name[name.index(after: comma)...].trimmedString
        } else {
            // `K.-C. Siu`, `I. P. Castillo`: leading initials, then the family name.
            let tokens = name.split(separator: " ")
            let initials = tokens.prefix { $0.contains(".") && $0.filter(\.isLetter).allSatisfy(\.isUppercase) }
            if !initials.isEmpty, initials.count < tokens.count {
                given = initials.joined(separator: " ")
                family = tokens.dropFirst(initials.count).joined(separator: " ")
            } else {
                (family, given) = splitInitials(name)
            }
        }
        let key = TextFolding.fold(family)
        guard !key.isEmpty else { return nil }
        // The byline may carry more of the name than the address does (`Janko Wolfgang`, `Knudson Jr. A.G.`).
        let matches = authors.indices.filter {
            TextFolding.fold(authors[$0].family) == key || TextFolding.fold(authors[$0].display).hasPrefix(key + " ")
        }
        if matches.count <= 1 { return matches.first }
        let initial = TextFolding.fold(given).first
        return matches.first { TextFolding.fold(authors[$0].given).first == initial } ?? matches.first
    }
}

/// Links each author of a Scopus record to their own affiliations.
///
/// `Authors with affiliations` joins authors with `; ` and, within one author, the author's name and
/// each of their affiliations with `, ` — so one author's two affiliations are told apart by matching the
/// work's `Affiliations` list (longest first). Text that matches none of them is split after its country
/// and added to the work's affiliations.
struct AffiliationLinker {
    /// The work's affiliation strings: those of `Affiliations`, then any found only in an author entry.
    private(set) var strings: [String]
    private let resolver: CountryResolver
    private var byLengthDescending: [(text: String, index: Int)]

    init(known: [String], resolver: CountryResolver) {
        var unique: [String] = []
        for text in known where !unique.contains(text) { unique.append(text) }
        strings = unique
        self.resolver = resolver
        byLengthDescending = unique.enumerated().map { ($0.element, $0.offset) }.sorted { $0.text.utf8.count > $1.text.utf8.count }
    }

    /// For each author (in byline order) the indices of their affiliations in `strings`.
    mutating func link(authors: [ScopusAuthorName], authorsWithAffiliations: String) -> (indices: [[Int]], problem: String?) {
        var indices = Array(repeating: [Int](), count: authors.count)
        let text = authorsWithAffiliations.trimmedString
        guard !authors.isEmpty else { return (indices, nil) }
        if text.isEmpty {
            guard !strings.isEmpty else { return (indices, nil) }
            // No per-author information: every author gets every affiliation of the work.
            return (Array(repeating: Array(strings.indices), count: authors.count),
                    "no 'Authors with affiliations': every author linked to every affiliation")
        }
        let entries = text.splitting(on: "; ").map(String.init)
        var groups: [String] = []
        if entries.count == authors.count {
            groups = entries
        } else {
            for entry in entries {
                if groups.count < authors.count, Self.entry(entry, startsWith: authors[groups.count]) {
                    groups.append(entry)
                } else if !groups.isEmpty {
                    groups[groups.count - 1] += "; " + entry
                } else {
                    groups.append(entry)
                }
            }
        }
        var problem: String?
        if groups.count != authors.count {
            problem = "'Authors with affiliations' has \(groups.count) entries for \(authors.count) authors"
        }
        for (index, group) in groups.prefix(authors.count).enumerated() {
            let rest = affiliationPart(of: group, author: authors[index])
            indices[index] = segment(rest)
        }
        return (indices, problem)
    }

    private static func entry(_ entry: String, startsWith author: ScopusAuthorName) -> Bool {
        author.affiliationEntryForms.contains { entry == $0 || Self.entry(entry[...], startsWithName: $0) }
    }

    /// Whether `entry` is `name, …`.
    private static func entry(_ entry: Substring, startsWithName name: String) -> Bool {
        entry.hasUTF8Prefix(name) && entry.utf8.dropFirst(name.utf8.count).starts(with: ", ".utf8)
    }

    /// The entry without the author's name.
    private func affiliationPart(of entry: String, author: ScopusAuthorName) -> Substring {
        for form in author.affiliationEntryForms {
            if entry == form { return "" }
            if Self.entry(entry[...], startsWithName: form) {
                return entry[entry.utf8.index(entry.startIndex, offsetBy: form.utf8.count + 2)...]
            }
        }
        // An unexpected name form: the affiliations start where the first known one does.
        let starts = strings.compactMap { entry.firstUTF8Range(of: ", " + $0).map { entry.utf8.index($0.lowerBound, offsetBy: 2) } }
        if let start = starts.min() { return entry[start...] }
        guard let comma = entry.firstUTF8Range(of: ", ") else { return "" }
        return entry[comma.upperBound...]
    }

    /// Splits one author's affiliation text into affiliations; returns their indices in `strings`.
    private mutating func segment(_ text: Substring) -> [Int] {
        var result: [Int] = []
        var rest = text.drop { $0 == " " }
        while !rest.isEmpty {
            let restBytes = rest.utf8.count
            if let match = byLengthDescending.first(where: {
                rest.hasUTF8Prefix($0.text) && (restBytes == $0.text.utf8.count || rest.utf8.dropFirst($0.text.utf8.count).starts(with: ", ".utf8))
            }) {
                if !result.contains(match.index) { result.append(match.index) }
                rest = rest[rest.utf8.index(rest.startIndex, offsetBy: match.text.utf8.count)...]
            } else {
                let components = rest.splitting(on: ", ").map(String.init)
                var end = components.count
                for (position, component) in components.enumerated() where resolver.code(forName: component) != nil {
                    let nextIsCountry = position + 1 < components.count && resolver.code(forName: components[position + 1]) != nil
                    if !nextIsCountry { end = position + 1; break }
                }
                let piece = components[..<end].joined(separator: ", ")
                if let existing = strings.firstIndex(of: piece) {
                    if !result.contains(existing) { result.append(existing) }
                } else {
                    strings.append(piece)
                    byLengthDescending.append((piece, strings.count - 1))
                    result.append(strings.count - 1)
                }
                rest = rest[rest.utf8.index(rest.startIndex, offsetBy: min(piece.utf8.count, rest.utf8.count))...]
            }
            if rest.hasUTF8Prefix(", ") { rest = rest.dropFirst(2) } else if !rest.isEmpty { rest = rest.dropFirst() }
        }
        return result
    }
}
