import Foundation

/// Reads the country of an affiliation from its address (definitions §2).
///
/// The **last comma-separated component** is matched exactly (folded) against the alias table
/// `Schemas/country_aliases.tsv`; then the same component without its tokens that contain a digit
/// (`Singapore 609606` → SG); then its longest trailing token sequence that is an alias
/// (`CA 94720 USA` → US, `ROCHESTER, NY 14627` → US). A country name elsewhere in the string is never
/// used: `Georgia Inst Technol, Atlanta, GA 30332 USA` is US, not GE. Before matching, e-mail addresses,
/// `(e-mail: …)`, `Electronic address: …` to the end, trailing punctuation and a dangling `and` are removed.
/// The last two components together are tried first, for aliases that contain a comma
/// (`Korea, Republic of`, `Hong Kong, China`).
public struct CountryResolver: Sendable {
    /// Folded alias → ISO 3166-1 alpha-2.
    public let aliases: [String: String]

    /// The resolver over the alias table shipped in `Schemas/country_aliases.tsv`.
    public static let standard = CountryResolver(table: EmbeddedResources.files["country_aliases.tsv"] ?? "")

    /// Reads an alias table: one `alias<TAB>code` a line, `#` starts a comment.
    public init(table: String) {
        var aliases: [String: String] = [:]
        for line in table.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            aliases[TextFolding.fold(parts[0])] = String(parts[1])
        }
        self.aliases = aliases
    }

    /// The ISO code of an exact country name or alias (`Peoples R China` → CN), or nil.
    public func code(forName name: some StringProtocol) -> String? {
        aliases[TextFolding.fold(name)]
    }

    /// The ISO code read from the address `raw` by the rules above, or nil when it cannot be resolved.
    public func country(ofAddress raw: String) -> String? {
        let cleaned = Self.clean(raw)
        if let code = country(ofCleanedAddress: cleaned) { return code }
        // PubMed affiliations may end with the initials of the authors at that address:
        // `University of Cape Town, Cape Town, South Africa (E.D.B.)`.
        if cleaned.hasSuffix(")"), let open = cleaned.lastIndex(of: "("), open > cleaned.startIndex {
            let initials = cleaned[cleaned.index(after: open)..<cleaned.index(before: cleaned.endIndex)]
            if initials.allSatisfy({ $0.isUppercase || $0 == "." || $0 == "," || $0 == " " || $0 == "-" }) {
                return country(ofCleanedAddress: Self.clean(String(cleaned[..<open])))
            }
        }
        return nil
    }

    private func country(ofCleanedAddress cleaned: String) -> String? {
        var components = TextFolding.commaComponents(cleaned).map(TextFolding.fold)
        while let last = components.last, last.isEmpty || last == "and" { components.removeLast() }
        guard let last = components.last else { return nil }
        if components.count >= 2, let code = aliases[components[components.count - 2] + " " + last] {
            return code
        }
        if let code = aliases[last] { return code }
        var tokens = last.split(separator: " ")
        while let token = tokens.last, token.contains(where: \.isNumber) { tokens.removeLast() }
        if tokens.count < last.split(separator: " ").count, let code = aliases[tokens.joined(separator: " ")] {
            return code
        }
        tokens = tokens.filter { !$0.contains(where: \.isNumber) }
        for start in tokens.indices.dropFirst() {
            if let code = aliases[tokens[start...].joined(separator: " ")] { return code }
        }
        return nil
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
        while let last = text.unicodeScalars.last, last.properties.isWhitespace || (last != ")" && isPunctuation(last)) {
            text.unicodeScalars.removeLast()
        }
        return text
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
