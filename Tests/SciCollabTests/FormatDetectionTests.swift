import Foundation
import Testing
@testable import SciCollab

@Suite("Format detection over every fixture")
struct FormatDetectionTests {
    /// The format a file is, from the folder of the shared collection or the name of a file in `Fixtures/`;
    /// nil for files that are no export (ASJC lists, source lists, World Bank files, READMEs, claims).
    static func expectedFormat(folder: String?, name: String) -> String? {
        if let folder {
            switch folder {
            case "asjc", "worldbank": return nil
            case "crossref": return name.hasSuffix(".xml") ? "crossref-xml" : "crossref-json"
            default: return name.hasSuffix(".md") ? nil : folder
            }
        }
        let prefixes: [(String, String?)] = [
            ("scopus_sourcelist", nil), ("scopus_ris_", "scopus-ris"), ("scopus_bib_", "scopus-bib"), ("scopus_", "scopus-csv"),
            ("wos_txt_", "wos-txt"), ("wos_tab_", "wos-tab"), ("wos_bib_", "wos-bib"), ("openalex_api_", "openalex-json"), ("openalex_webui_", "openalex-csv"),
            ("lens_", "lens-csv"), ("crossref_oaipmh", "crossref-xml"), ("crossref_unixsd", "crossref-xml"), ("crossref_rest", "crossref-json"),
            ("asjc_", nil), ("API_", nil), ("Metadata_", nil), ("README", nil),
        ]
        if name.hasSuffix(".nbib") { return "medline-txt" }
        if name.hasPrefix("pubmed_"), name.hasSuffix(".xml") { return "pubmed-xml" }
        return prefixes.first { name.hasPrefix($0.0) }.flatMap { $0.1 }
    }

    private func check(_ path: String, expected: String?) {
        let detected = try? Importers.detect(path: path).format.id
        #expect(detected == expected, "\(path)")
    }

    @Test func bundledFixtures() throws {
        let root = TestSupport.packageRoot.appendingPathComponent("Fixtures").path
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") }
        var isDirectory: ObjCBool = false
        for name in names.sorted() {
            let path = (root as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            check(path, expected: Self.expectedFormat(folder: nil, name: name))
        }
    }

    @Test func sharedFixtures() throws {
        guard let root = TestSupport.sharedFixtures("") else { return }
        for file in try Store.expand(paths: [root]) {
            let relative = String(file.dropFirst(root.count)).split(separator: "/").map(String.init)
            let folder = relative.count > 1 ? relative[0] : "root"
            check(file, expected: folder == "root" ? nil : Self.expectedFormat(folder: folder, name: relative.last!))
        }
    }
}
