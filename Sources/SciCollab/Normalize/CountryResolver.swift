import Foundation

/// Reads the country of an affiliation from its address (definitions §2).
///
/// The **last comma-separated component** is matched exactly (folded) against the alias table
/// `Schemas/country_aliases.tsv` (with the US states of `Schemas/us_states.tsv` and the Australian states of
/// `Schemas/au_states.tsv`). A country name elsewhere in the string is never used: `Georgia Inst Technol,
/// Atlanta, GA 30332 USA` is US, not GE. The rules, in order (`CountryResolution.Rule`):
/// 1. a country in parentheses after a postal code (`Texas, 77005 (United States)`);
/// 2. the last two components together (`Korea, Republic of`, `Hong Kong, China`);
/// 3. the last component as it stands;
/// 4. a US state name or postal code followed by a ZIP (`Savannah, Georgia 31401` is US, not GE);
/// 5. the last component without its trailing tokens that contain a digit (`Singapore 609606`);
/// 6. the longest alias that ends the last component once every token with a digit is gone
///    (`Xi'an, 710049 People's Republic of China` → CN, never TW through `Republic of China`);
/// 7. a last component that holds only a postal code: a US state before a ZIP (`Kentucky, 40506`) is US,
///    else the component before it is read as the last one.
///
/// Before matching, e-mail addresses, `(e-mail: …)`, `Electronic address: …` to the end, trailing
/// punctuation, a dangling `and`, trailing author initials in parentheses (`Norway (A.B., C.D.)`) and a
/// trailing continent or region (`Slovenia, Europe`) are removed. A China region named just before `China`
/// is that region (`Univ Hong Kong, Hong Kong, Peoples R China` → HK). AP-style state abbreviations
/// (`Calif.`, `Okla.`) and the short Australian state codes are matched only as a whole component, never as the
/// end of one; `Victoria` is AU only before a postcode.
public struct CountryResolver: Sendable {
    /// Folded alias → ISO 3166-1 alpha-2: countries, US states, Canadian provinces, Australian states.
    public let aliases: [String: String]
    /// Folded aliases matched only as a whole component (AP-style abbreviations, `NSW`): folded → code.
    public let wholeComponentAliases: [String: String]
    /// Folded names that count only when a postcode follows them (`victoria 3800` → AU): folded → code.
    public let postcodeAliases: [String: String]
    /// Folded US state names and postal codes: the state + ZIP rules.
    public let usStates: Set<String>
    /// Folded continents and regions that may follow the country (`europe`, `central america`).
    public let regions: Set<String>
    /// Folded aliases of dissolved states → their successor's code (`ussr` → RU).
    public let dissolvedStates: [String: String]

    /// The resolver over the tables shipped under `Schemas/`.
    public static let standard = CountryResolver(
        table: EmbeddedResources.files["country_aliases.tsv"] ?? "",
        usStates: EmbeddedResources.files["us_states.tsv"] ?? "",
        australianStates: EmbeddedResources.files["au_states.tsv"] ?? "",
        addressWords: EmbeddedResources.files["address_words.tsv"] ?? "")

    /// Reads the tables.
    /// - Parameters:
    ///   - table: one `alias<TAB>code` a line, `#` starts a comment.
    ///   - usStates: `name<TAB>USPS code<TAB>AP abbreviation` (`-` for none).
    ///   - australianStates: `name<TAB>abbreviation` (`-` for none).
    ///   - addressWords: `region<TAB>text` and `dissolved<TAB>alias<TAB>code`.
    public init(table: String, usStates: String = "", australianStates: String = "", addressWords: String = "") {
        func rows(_ text: String) -> [[Substring]] {
            // A tab is a character of its own, so the cells are split on its byte.
            TextFolding.nonEmptyLines(text).filter { !$0.hasPrefix("#") }.map { $0.utf8.split(separator: 0x09).map(Substring.init) }
        }
        var aliases: [String: String] = [:]
        for parts in rows(table) where parts.count == 2 { aliases[TextFolding.fold(parts[0])] = String(parts[1]) }
        var whole: [String: String] = [:]
        var states = Set<String>()
        for parts in rows(usStates) where parts.count == 3 {
            let name = TextFolding.fold(parts[0]), postal = TextFolding.fold(parts[1])
            // A state's name that is also a country's stays the country (`Georgia` alone is GE).
            if aliases[name] == nil { aliases[name] = "US" }
            if aliases[postal] == nil { aliases[postal] = "US" }
            states.formUnion([name, postal])
            if parts[2] != "-" { whole[TextFolding.fold(parts[2])] = "US" }
        }
        var postcode: [String: String] = [:]
        for parts in rows(australianStates) where parts.count == 3 {
            let name = TextFolding.fold(parts[0])
            if parts[2] == "postcode" { postcode[name] = "AU" } else if aliases[name] == nil { aliases[name] = "AU" }
            if parts[1] != "-" { whole[TextFolding.fold(parts[1])] = "AU" }
        }
        var regions = Set<String>()
        var dissolved: [String: String] = [:]
        for parts in rows(addressWords) {
            if parts.count == 2, parts[0] == "region" { regions.insert(TextFolding.fold(parts[1])) }
            if parts.count == 3, parts[0] == "dissolved" {
                dissolved[TextFolding.fold(parts[1])] = String(parts[2])
                aliases[TextFolding.fold(parts[1])] = String(parts[2])
            }
        }
        self.aliases = aliases
        self.wholeComponentAliases = whole.filter { aliases[$0.key] == nil }
        self.postcodeAliases = postcode.filter { aliases[$0.key] == nil }
        self.usStates = states
        self.regions = regions
        self.dissolvedStates = dissolved
    }

    /// The ISO code of an exact country name or alias (`Peoples R China` → CN), or nil.
    public func code(forName name: some StringProtocol) -> String? {
        aliases[TextFolding.fold(name)]
    }

    /// The ISO code read from the address `raw` by the rules above, or nil when it cannot be resolved.
    public func country(ofAddress raw: String) -> String? {
        resolve(raw).country
    }

    /// The country read from the address `raw` and the rule that decided.
    public func resolve(_ raw: String) -> CountryResolution {
        var text = Self.clean(raw)
        // A trailing group in parentheses: a country after a postal code, or the initials of the authors at the
        // address (`University of Cape Town, Cape Town, South Africa (E.D.B.)`).
        while text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let before = TextFolding.trimmed(text[..<open])
            let lastToken = before.split(whereSeparator: { $0 == " " || $0 == "," }).last
            if let code = aliases[TextFolding.fold(inner)], lastToken?.contains(where: \.isNumber) == true {
                return CountryResolution(country: code, rule: .parenthesisedCountry, matched: TextFolding.fold(inner))
            }
            guard inner.allSatisfy({ $0.isUppercase || $0 == "." || $0 == "," || $0 == " " || $0 == "-" }) else { break }
            text = Self.clean(String(before))
        }
        return resolve(components: TextFolding.commaComponents(text).map(TextFolding.fold))
    }

    private func resolve(components original: [String]) -> CountryResolution {
        var components = original
        while let last = components.last {
            if last.isEmpty || last == "and" {
                components.removeLast()
            } else if last.hasSuffix(" and") {
                components[components.count - 1] = String(last.dropLast(4))
            } else if components.count >= 2, regions.contains(last) {
                components.removeLast()
            } else {
                break
            }
        }
        guard let last = components.last else { return .unresolved }
        let previous = components.count >= 2 ? components[components.count - 2] : nil
        func found(_ code: String, _ rule: CountryResolution.Rule, _ matched: String) -> CountryResolution {
            var result = CountryResolution(country: code, rule: rule, matched: matched, dissolvedState: dissolvedStates[matched] == nil ? nil : matched)
            if code == "CN", let previous {
                let region = Self.withoutDigitTokens(previous)
                if let regionCode = aliases[region], CountryResolver.chinaRegions.contains(regionCode) {
                    result.country = regionCode
                    result.chinaRegion = region
                }
            }
            return result
        }
        if let previous, let code = aliases[previous + " " + last] {
            return found(code, .lastTwoComponents, previous + " " + last)
        }
        if let code = aliases[last] ?? wholeComponentAliases[last] { return found(code, .lastComponent, last) }
        let tokens = last.split(separator: " ")
        var letters = tokens
        while let token = letters.last, token.contains(where: \.isNumber) { letters.removeLast() }
        let digits = tokens[letters.count...]
        if let zip = digits.first, Self.isZIP(zip) {
            for length in stride(from: min(3, letters.count), through: 1, by: -1) {
                let state = letters.suffix(length).joined(separator: " ")
                if usStates.contains(state) { return found("US", .stateZIP, state + " " + zip) }
            }
        }
        if !digits.isEmpty, !letters.isEmpty {
            let stripped = letters.joined(separator: " ")
            if let code = aliases[stripped] ?? wholeComponentAliases[stripped] ?? postcodeAliases[stripped] {
                return found(code, .digitTokensRemoved, stripped)
            }
        }
        let words = tokens.filter { !$0.contains(where: \.isNumber) }
        for start in words.indices {
            let tail = words[start...].joined(separator: " ")
            if let code = aliases[tail] { return found(code, .trailingAlias, tail) }
        }
        if words.isEmpty, let previous {
            if let zip = tokens.first, Self.isZIP(zip), usStates.contains(previous) {
                return found("US", .stateComponentZIP, previous + " " + zip)
            }
            var result = resolve(components: Array(components.dropLast()))
            if result.country != nil, result.rule != .parenthesisedCountry { result.rule = .postalComponentRemoved }
            return result
        }
        return .unresolved
    }

    /// A five-digit US ZIP code (a ZIP+4 folds to two tokens, the first of them this one).
    private static func isZIP(_ token: Substring) -> Bool {
        token.utf8.count == 5 && token.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A folded component without its tokens that contain a digit (`hong kong 999077` → `hong kong`).
    private static func withoutDigitTokens(_ folded: String) -> String {
        folded.split(separator: " ").filter { !$0.contains(where: \.isNumber) }.joined(separator: " ")
    }

    /// `raw` without e-mail addresses, `Electronic address: …`, `(e-mail: …)` and trailing punctuation.
    public static func clean(_ raw: String) -> String {
        var text = raw
        // The markers are ASCII, so they are found by comparing bytes with ASCII letters folded to lower case
        // (byte offsets are then offsets in `raw`, whatever other letters it has).
        for marker in Self.mailMarkers {
            guard let offset = Self.asciiCaseInsensitiveOffset(of: marker, in: raw) else { continue }
            var cut = text.utf8.index(text.startIndex, offsetBy: offset)
            // "(e-mail: …)" loses its opening parenthesis too.
            if cut > text.startIndex, text.utf8[text.utf8.index(before: cut)] == UInt8(ascii: "(") { cut = text.utf8.index(before: cut) }
            text = String(text[..<cut])
            break
        }
        if text.utf8.contains(UInt8(ascii: "@")) {
            text = text.split(separator: " ", omittingEmptySubsequences: false)
                .filter { !$0.utf8.contains(UInt8(ascii: "@")) }
                .joined(separator: " ")
        }
        let scalars = text.unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let last = scalars[scalars.index(before: end)]
            guard last.properties.isWhitespace || (last != ")" && isPunctuation(last)) else { break }
            end = scalars.index(before: end)
        }
        return end == scalars.endIndex ? text : String(scalars[..<end])
    }

    private static let mailMarkers: [[UInt8]] = ["electronic address", "e-mail:", "email:"].map { Array($0.utf8) }

    /// The byte offset of the first occurrence of the lower-case ASCII `marker` in `text`, ASCII letters compared
    /// without case.
    private static func asciiCaseInsensitiveOffset(of marker: [UInt8], in text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count >= marker.count else { return nil }
            outer: for start in 0...(bytes.count - marker.count) {
                for (offset, expected) in marker.enumerated() {
                    var byte = bytes[start + offset]
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                    if byte != expected { continue outer }
                }
                return start
            }
            return nil
        }
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The note that says which dissolved states are counted under which of `codes` (definitions §2): empty when no code is a
    /// successor (`RU`: "USSR → RU").
    public func dissolvedStatesNote(for codes: [String]) -> [String] {
        let present = Set(codes)
        let names = Self.dissolvedStateNames
        let mapped = names.keys.sorted().compactMap { key in dissolvedStates[key].flatMap { present.contains($0) ? "\(names[key] ?? key) → \($0)" : nil } }
        return mapped.isEmpty ? [] : ["Dissolved states are counted under their successor (definitions §2): " + mapped.joined(separator: ", ") + "."]
    }

    /// China's regions that `--merge-china-regions` counts as China.
    static let chinaRegions = ["TW", "HK", "MO"]

    /// `code` with Taiwan, Hong Kong and Macao folded into China when `mergeChinaRegions` is set.
    public static func merged(_ code: String, mergeChinaRegions: Bool) -> String {
        mergeChinaRegions && chinaRegions.contains(code) ? "CN" : code
    }

    /// The same as SQL over a country column.
    static func mergedSQL(_ column: String) -> String {
        "CASE WHEN \(column) IN (\(chinaRegions.map { "'\($0)'" }.joined(separator: ", "))) THEN 'CN' ELSE \(column) END"
    }
}
