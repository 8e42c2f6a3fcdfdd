/// The shipped crosswalk from Web of Science categories to ASJC subject areas
/// (`Schemas/wos_category_asjc_area.tsv`, definitions §8), so that a corpus of several sources has one area
/// scheme: `asjc-area` for Scopus (through a source list), OpenAlex fields 11–36 (the ASJC areas), and the
/// Web of Science categories mapped here.
public struct WoSCrosswalk: Sendable {
    /// Folded category name → two-digit ASJC area code.
    public let areas: [String: String]

    /// The crosswalk shipped with the tool.
    public static let standard = WoSCrosswalk(tsv: EmbeddedResources.files["wos_category_asjc_area.tsv"] ?? "")

    init(tsv: String) {
        var areas: [String: String] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count >= 2 else { continue }
            areas[TextFolding.fold(cells[0])] = String(cells[1])
        }
        self.areas = areas
    }

    /// The ASJC area of a Web of Science category, nil when the crosswalk does not list it.
    public func area(of category: String) -> String? { areas[TextFolding.fold(category)] }
}
