import Foundation

/// Short English names of ISO 3166-1 alpha-2 codes, shown beside the codes in text and Markdown output
/// (`CN China`). The name is the first alias of the code in `Schemas/country_aliases.tsv` (the ISO name),
/// except where the ISO name is a long official form that readers do not use (`Russian Federation` → `Russia`).
public enum CountryNames {
    /// Common names where the ISO short name is an official form.
    static let shortNames: [String: String] = [
        "BO": "Bolivia", "CD": "DR Congo", "FM": "Micronesia", "IR": "Iran", "KP": "North Korea", "KR": "South Korea",
        "LA": "Laos", "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania",
        "VA": "Vatican", "VE": "Venezuela", "VN": "Vietnam", "BN": "Brunei", "CV": "Cabo Verde", "MK": "North Macedonia",
        "GB": "United Kingdom", "US": "United States", "XK": "Kosovo",
    ]

    static let table: [String: String] = {
        var names: [String: String] = [:]
        for line in (EmbeddedResources.files["country_aliases.tsv"] ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let code = String(parts[1]).trimmingCharacters(in: .whitespaces)
            if names[code] == nil { names[code] = String(parts[0]) }
        }
        return names.merging(shortNames) { _, short in short }
    }()

    /// The name of `code`, nil when the code is not an ISO 3166-1 alpha-2 code of the table.
    public static func name(_ code: String) -> String? { table[code] }

    /// `CN China`; the text unchanged when it is no known code.
    public static func labelled(_ code: String) -> String {
        name(code).map { "\(code) \($0)" } ?? code
    }
}
