/// Lens.org scholarly works CSV (`Lens ID`, `Author/s`, `Citing Works Count`, …; BOM, CRLF).
///
/// Gives the Lens ID (source id), title, year, publication type, source title, ISSNs, DOI, PMID, the authors
/// in byline order (names only, given name first: identified by name key), `Citing Works Count` as
/// citations, `Fields of Study` as fields of scheme `lens-field` and `MeSH Terms` as scheme `mesh`. The
/// export has **no author affiliations** (its `Source Country` is the journal's country), so its works
/// are imported without countries and the import report says so once per file.
public struct LensCSVImporter: Importer {
    public let format = ImportFormat(id: "lens-csv", name: "Lens scholarly CSV")

    public init() {}

    enum Column: String, CaseIterable {
        case lensID = "Lens ID", title = "Title", year = "Publication Year", date = "Date Published"
        case type = "Publication Type", sourceTitle = "Source Title", issns = "ISSNs", authors = "Author/s"
        case fields = "Fields of Study", mesh = "MeSH Terms", pmid = "PMID", doi = "DOI"
        case citations = "Citing Works Count"
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let header = Set(prefix.firstLineText.split(separator: ",").map { $0.trimmingQuotes })
        return header.contains("Lens ID") && (header.contains("Author/s") || header.contains("Citing Works Count"))
    }

    public func read(path: String, into sink: RecordSink) throws {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { return }
        let columns = CSVColumns<Column>(reader: reader, header: header)
        guard columns.indices[.lensID] != nil else {
            throw ImportError.missingColumns(path: path, format: format.name, columns: [Column.lensID.rawValue])
        }
        var records = 0
        while let record = try reader.next() {
            records += 1
            func cell(_ column: Column) -> String? { columns.cell(column, of: record) }
            if columns.skipIfDamaged(record, idColumn: .lensID, path: path, sink: sink) { continue }
            guard let id = cell(.lensID) else {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error, message: "no Lens ID"))
                continue
            }
            var work = Work(source: .lens, sourceID: id, line: record.line)
            func warn(_ message: String) {
                sink.warn(Diagnostic(file: path, line: record.line, recordID: id, severity: .warning, message: message))
            }
            work.title = cell(.title)
            work.doi = Identifiers.normalizedDOI(cell(.doi))
            work.pmid = cell(.pmid)
            if let year = cell(.year) ?? cell(.date).map({ String($0.prefix(4)) }) {
                if let value = Int(year), (1000...2999).contains(value) { work.year = value } else { warn("'Publication Year' value '\(year)' is not a year") }
            }
            work.documentType = cell(.type)
            work.sourceTitle = cell(.sourceTitle)
            let issns = (cell(.issns) ?? "").split(separator: ";").compactMap { Identifiers.normalizedISSN($0.trimmedString) }
            work.issn = issns.first
            work.eissn = issns.dropFirst().first
            if columns.indices[.citations] != nil {
                if let count = cell(.citations) {
                    if let value = Int(count), value >= 0 { work.citations = value } else { warn("'Citing Works Count' value '\(count)' is not a count; citations left unknown") }
                }
            }
            let names = (cell(.authors) ?? "").splitting(on: "; ").map { $0.trimmedString }.filter { !$0.isEmpty }
            work.authorships = names.enumerated().map { index, name in
                Authorship(position: index + 1, name: name, identity: OpenAlexWork.nameKey(displayName: name))
            }
            for (column, scheme) in [(Column.fields, "lens-field"), (.mesh, "mesh")] {
                for name in (cell(column) ?? "").splitting(on: "; ").map({ $0.trimmedString }) where !name.isEmpty {
                    let field = FieldAssignment(scheme: scheme, code: name, name: name)
                    if !work.fields.contains(field) { work.fields.append(field) }
                }
            }
            try sink.accept(work)
        }
        if records > 0 {
            sink.warn(Diagnostic(file: path, line: nil, recordID: nil, severity: .warning,
                                 message: "Lens exports carry no author affiliations ('Source Country' is the journal's): its \(records) works have no countries"))
        }
    }
}
