/// Reading CSV exports whose columns are named by their header (OpenAlex web CSV, Lens): the column
/// indices by name, the cells of a record, and the skipping of a damaged record.
struct CSVColumns<Column: RawRepresentable & Hashable> where Column.RawValue == String {
    let reader: CSVReader
    let indices: [Column: Int]
    /// The number of fields of the header: every record must have as many.
    let fieldCount: Int

    /// The columns of the header just read (the first of two columns with one name wins).
    init(reader: CSVReader, header: CSVReader.Record) {
        self.reader = reader
        var indices: [Column: Int] = [:]
        for index in 0..<header.fieldCount {
            if let column = Column(rawValue: reader.string(index).trimmedString), indices[column] == nil { indices[column] = index }
        }
        self.indices = indices
        fieldCount = header.fieldCount
    }

    /// The trimmed cell of `column` in the current record; nil when empty or absent.
    func cell(_ column: Column, of record: CSVReader.Record) -> String? {
        guard let index = indices[column], index < record.fieldCount else { return nil }
        let value = reader.string(index).trimmedString
        return value.isEmpty ? nil : value
    }

    /// Reports a record with a broken quote or another number of fields as skipped (with its line) and
    /// resumes reading after it; true when it did.
    func skipIfDamaged(_ record: CSVReader.Record, idColumn: Column, path: String, sink: RecordSink) -> Bool {
        guard record.malformation != nil || record.fieldCount != fieldCount else { return false }
        sink.skip(Diagnostic(file: path, line: record.line, recordID: cell(idColumn, of: record), severity: .error,
                             message: record.malformation ?? "expected \(fieldCount) fields, found \(record.fieldCount)"))
        reader.resynchronize()
        return true
    }
}
