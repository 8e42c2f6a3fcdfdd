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

extension Store {
    /// Per work, its subject areas in the `auto` scheme (definitions §8), the one classification `fields` and the
    /// impact cohorts share: `asjc-area` where the work has it, else its OpenAlex field (ids 11–36 are the ASJC
    /// areas), else its Web of Science categories mapped through `WoSCrosswalk`. Works with none of them (a
    /// PubMed record with MeSH headings only) are unclassified. Work id → area codes in the order first read.
    func automaticAreas() throws -> [Int64: [String]] {
        var chosen: [Int64: (rank: Int, codes: [String])] = [:]
        for (rank, scheme) in FieldSchemes.automaticSources.enumerated() {
            try database.forEachRow("""
                SELECT wf.work_id, fl.code FROM work_fields wf JOIN fields fl ON fl.id = wf.field_id WHERE fl.scheme = ?
                ORDER BY wf.work_id, fl.code
                """, [.text(scheme)]) { row in
                guard case .integer(let id) = row[0], let code = row[1].string else { return }
                guard let area = scheme == "wos-category" ? WoSCrosswalk.standard.area(of: code) : code else { return }
                if let current = chosen[id], current.rank < rank { return }
                var entry: (rank: Int, codes: [String]) = chosen[id].map { $0.rank == rank ? $0 : (rank: rank, codes: []) } ?? (rank: rank, codes: [])
                if !entry.codes.contains(area) { entry.codes.append(area) }
                chosen[id] = entry
            }
        }
        return chosen.mapValues(\.codes)
    }
}
