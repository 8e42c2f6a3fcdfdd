/// The All Science Journal Classification (334 codes, 27 subject areas, 4 clusters and Multidisciplinary),
/// shipped in `Schemas/asjc.tsv` with the alternative names of the transcriptions as aliases.
public struct ASJC: Sendable {
    public struct Code: Sendable, Equatable {
        /// Four digits: `2728`.
        public var code: String
        public var name: String
        /// The subject area: the first two digits (`27`).
        public var area: String
        public var areaName: String
        /// Life, Health, Physical or Social Sciences, or Multidisciplinary.
        public var cluster: String
        public var aliases: [String]
    }

    public let codes: [String: Code]
    private let byName: [String: String]

    /// The list in `Schemas/asjc.tsv`.
    public static let standard = ASJC(table: EmbeddedResources.files["asjc.tsv"] ?? "")

    init(table: String) {
        var codes: [String: Code] = [:]
        var byName: [String: String] = [:]
        var ambiguous = Set<String>()
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 5 else { continue }
            let aliases = parts.count > 5 ? parts[5].split(separator: "|").map(String.init) : []
            codes[parts[0]] = Code(code: parts[0], name: parts[1], area: parts[2], areaName: parts[3], cluster: parts[4], aliases: aliases)
            for name in [parts[1]] + aliases {
                let key = TextFolding.fold(name)
                if let other = byName[key], other != parts[0] { ambiguous.insert(key) }
                byName[key] = parts[0]
            }
        }
        self.codes = codes
        // `Archeology` names both 1204 and 3302: such names are not looked up.
        self.byName = byName.filter { !ambiguous.contains($0.key) }
    }

    /// The code of a field name or alias (`Clinical Neurology` → `2728`); nil for a name two codes share.
    public func code(forName name: String) -> String? {
        byName[TextFolding.fold(name)]
    }

    /// The name of a two-digit subject area (`27` → `Medicine`).
    public func areaName(_ area: String) -> String? {
        codes[area + "00"]?.areaName ?? codes.values.first { $0.area == area }?.areaName
    }

    /// The fields a work in these ASJC codes belongs to: scheme `asjc` and scheme `asjc-area`.
    public func fields(for codes: [String]) -> [FieldAssignment] {
        var fields: [FieldAssignment] = []
        for code in codes {
            guard let entry = self.codes[code] else { continue }
            let field = FieldAssignment(scheme: "asjc", code: code, name: entry.name)
            if !fields.contains(field) { fields.append(field) }
        }
        for code in codes {
            guard let entry = self.codes[code] else { continue }
            let area = FieldAssignment(scheme: "asjc-area", code: entry.area, name: entry.areaName)
            if !fields.contains(area) { fields.append(area) }
        }
        return fields
    }
}
