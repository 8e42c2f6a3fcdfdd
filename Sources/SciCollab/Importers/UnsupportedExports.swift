import Foundation

/// A file no importer reads but that is recognisably a bibliographic export or a source list: what it is and
/// what to do instead (`Dimensions CSV export: not read yet; export the records from …`).
public struct UnsupportedExport: Sendable, Equatable, CustomStringConvertible {
    /// What the file is (`a Scopus source list`, `an EndNote XML library`).
    public var name: String
    /// What to do instead.
    public var hint: String
    /// Whether the file is a source list (for `scicollab import-sources`) rather than records.
    public var isSourceList: Bool

    public init(name: String, hint: String, isSourceList: Bool = false) {
        self.name = name
        self.hint = hint
        self.isSourceList = isSourceList
    }

    /// `Dimensions CSV export: not read yet; export the records from Scopus …`
    public var description: String { "\(name): \(hint)" }
}

/// Recognises the exports and lists people drop into an import that scicollab does not read, from the first
/// bytes of the file, so that the import names them and says what to do instead of listing the formats tried.
public enum UnsupportedExports {
    static let exportInstead = "export the records from Scopus (CSV), Web of Science (Plain text or Tab delimited), OpenAlex, PubMed or Lens instead"

    /// What the file at `path` is, when it is a known export that no importer reads; nil for any other file.
    public static func identify(path: String) -> UnsupportedExport? {
        guard let prefix = try? ByteSources.prefix(ofFileAt: path, count: Importers.detectionPrefixLength) else { return nil }
        return identify(prefix: prefix, fileName: (path as NSString).lastPathComponent)
    }

    /// What a file starting with `prefix` is, when it is a known export that no importer reads.
    public static func identify(prefix: [UInt8], fileName: String) -> UnsupportedExport? {
        let name = fileName.lowercased()
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) || (prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) && (name.hasSuffix(".xlsx") || name.hasSuffix(".xls"))) {
            return UnsupportedExport(
                name: "an Excel workbook", hint: "not read; a Web of Science export: export it as Plain text file or Tab delimited file; "
                    + "the Scopus source list: save its sheet as CSV and load it with `scicollab import-sources FILE`",
                isSourceList: name.contains("source"))
        }
        if prefix.starts(with: Array("%PDF".utf8)) { return nil }
        let text = String(decoding: prefix.droppingUTF8BOM.prefix(16 * 1024), as: UTF8.self)
        let firstLine = prefix.firstLineText.lowercased()
        let lower = text.lowercased()
        // Source lists: a Scopus list with ASJC codes that is not read (another layout), a Web of Science journal list.
        if firstLine.contains("asjc") && (firstLine.contains("source title") || firstLine.contains("issn")) {
            return UnsupportedExport(name: "a Scopus source list", hint: "not an export of records: load it with `scicollab import-sources FILE`",
                                     isSourceList: true)
        }
        if firstLine.contains("journal title") && firstLine.contains("issn") && (firstLine.contains("web of science categories") || firstLine.contains("publisher")) {
            return UnsupportedExport(
                name: "a Web of Science journal list",
                hint: "not an export of records and not read by `scicollab import-sources` (it reads the Scopus source list's ASJC codes); Web of Science records carry their categories (WC) themselves",
                isSourceList: true)
        }
        if firstLine.hasPrefix("\"about the data") || firstLine.hasPrefix("about the data") || (firstLine.contains("publication id") && firstLine.contains("dimensions")) {
            return UnsupportedExport(name: "a Dimensions export", hint: "not read yet; \(exportInstead)")
        }
        if firstLine.contains("lens id") && (firstLine.contains("jurisdiction") || firstLine.contains("kind")) {
            return UnsupportedExport(name: "a Lens patent export", hint: "not read; export Lens scholarly works as CSV")
        }
        if firstLine.hasPrefix("pmid,title,authors,citation") {
            return UnsupportedExport(name: "a PubMed CSV export", hint: "not read (it has no affiliations); save the PubMed results as PubMed (MEDLINE) format or XML")
        }
        if lower.contains("<xml>") && lower.contains("<records>") && lower.contains("<record>") {
            return UnsupportedExport(name: "an EndNote XML library", hint: "not read; \(exportInstead)")
        }
        if lower.contains("<rdf:rdf") && lower.contains("zotero") {
            return UnsupportedExport(name: "a Zotero RDF export", hint: "not read; \(exportInstead)")
        }
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") {
            if lower.contains("web of science") {
                return UnsupportedExport(name: "a Web of Science HTML export", hint: "not read; export Web of Science as Plain text file or Tab delimited file")
            }
            return nil
        }
        if text.range(of: #"(?m)^TY  - "#, options: .regularExpression) != nil {
            if lower.contains("web of science") || text.range(of: #"(?m)^(AN|UT)  - WOS:"#, options: .regularExpression) != nil {
                return UnsupportedExport(name: "a Web of Science RIS export", hint: "not read yet; export Web of Science as Plain text file or Tab delimited file")
            }
            return UnsupportedExport(name: "an RIS file from another source (EndNote, Zotero, Mendeley or a database other than Scopus)",
                                     hint: "not read; \(exportInstead)")
        }
        if text.range(of: #"(?m)^\s*@[A-Za-z]+\s*\{"#, options: .regularExpression) != nil {
            return UnsupportedExport(name: "a BibTeX file from another source (Zotero, Mendeley, Google Scholar, a database other than Scopus or Web of Science)",
                                     hint: "not read; \(exportInstead)")
        }
        if text.range(of: #"^\s*\[\s*\{\s*"(id|type|title|author)""#, options: .regularExpression) != nil,
           lower.contains("\"container-title\"") && lower.contains("\"family\"") && !lower.contains("\"message\"") {
            return UnsupportedExport(name: "a CSL JSON file (Zotero, Mendeley)", hint: "not read; \(exportInstead)")
        }
        return nil
    }
}
