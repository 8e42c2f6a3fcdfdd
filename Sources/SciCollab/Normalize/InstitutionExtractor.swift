/// Reads the institution from an address string (definitions §1).
///
/// Web of Science addresses put the organisation first (`Univ Michigan, Dept Sociol, Ann Arbor, MI
/// 48104 USA`): the institution is the first component. Other sources put sub-units first (`School of
/// Physics, Ningxia University, Yinchuan, 750021, China`): the country and every sub-unit component are
/// left out, then the first component with an institution word (`univ…`, `institut…`, `hospital`, …) wins,
/// else one with an organisation word (`centre`, `laborator…`, `ministry`, …), else the first remaining
/// component, else the first component.
public enum InstitutionExtractor {
    /// How an export orders the components of an address.
    public enum AddressOrder: Sendable {
        /// The organisation first (Web of Science `C1` and `RP`).
        case organisationFirst
        /// Sub-units first, the country last (Scopus, PubMed, most free text).
        case subunitFirst
    }

    /// An institution: the component as written and its folded comparison key.
    public struct Institution: Sendable, Equatable {
        public let name: String
        public let key: String
    }

    static let subunitPrefixes = [
        "department", "dept", "school of", "faculty", "division", "section", "unit", "group", "chair",
        "program", "programme", "graduate school", "college of", "key laboratory", "state key laboratory",
        "laboratory of", "lab of", "laboratory for", "centre for", "center for",
    ]
    static let institutionWordPrefixes = [
        "univ", "institut", "istitut", "academ", "akadem", "hospital", "hosp", "polytechn", "politecn",
        "hochschule", "clinic", "klinik",
    ]
    static let institutionWords: Set<String> = ["college", "inc", "ltd", "llc", "gmbh", "corp", "company"]
    static let organisationWordPrefixes = [
        "center", "centre", "laborator", "ministry", "agency", "council", "foundation", "observatory",
        "museum", "survey", "authority", "organi",
    ]

    /// The institution of `address`, or nil when the address is empty.
    public static func institution(of address: String, order: AddressOrder) -> Institution? {
        let components = TextFolding.commaComponents(CountryResolver.clean(address))
        guard let first = components.first else { return nil }
        func make(_ component: Substring) -> Institution {
            Institution(name: String(component), key: TextFolding.fold(component))
        }
        if order == .organisationFirst { return make(first) }
        let folded = components.dropLast().map { (component: $0, folded: TextFolding.fold($0)) }.filter { !isSubunit($0.folded) }
        let candidates = folded.map(\.component)
        let words = folded.map { $0.folded[...].splittingCharacters(on: " ") }
        if let index = words.firstIndex(where: { ws in
            ws.contains { w in institutionWordPrefixes.contains { w.hasUTF8Prefix($0) } || institutionWords.contains(String(w)) }
        }) {
            return make(candidates[candidates.index(candidates.startIndex, offsetBy: index)])
        }
        if let index = words.firstIndex(where: { ws in ws.contains { w in organisationWordPrefixes.contains { w.hasUTF8Prefix($0) } } }) {
            return make(candidates[candidates.index(candidates.startIndex, offsetBy: index)])
        }
        return make(candidates.first ?? first)
    }

    static func isSubunit(_ folded: String) -> Bool {
        subunitPrefixes.contains { folded == $0 || (folded.hasUTF8Prefix($0) && folded.utf8.dropFirst($0.utf8.count).first == UInt8(ascii: " ")) }
    }
}
