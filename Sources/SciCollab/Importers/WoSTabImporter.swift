/// Web of Science "Tab-delimited" exports: UTF-8 with a BOM, or UTF-16LE with a BOM and CRLF ("Win").
///
/// The first row names the tags; columns are found by tag, since their order changed around 2023. Rows
/// often carry one trailing tab more than the header. Cells are not quoted: a `"` inside a cell is text.
/// `AU`, `AF` are `; `-separated; `C1` groups are `; `-separated outside their `[…]` author lists.
public struct WoSTabImporter: Importer {
    public let format = ImportFormat(id: "wos-tab", name: "Web of Science tab-delimited")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let header: String
        if prefix.starts(with: [0xFF, 0xFE]) {
            let units = stride(from: 2, to: prefix.count - 1, by: 2).lazy.map { UInt16(prefix[$0]) | UInt16(prefix[$0 + 1]) << 8 }
            header = String(decoding: units.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF16.self)
        } else {
            header = prefix.firstLineText
        }
        let tags = header.split(separator: "\t").map { $0.trimmedString }
        return tags.first == "PT" || (tags.contains("UT") && tags.contains("AU") && tags.contains("PY"))
    }

    public func read(path: String, into sink: RecordSink) throws {
        var source = try ByteSources.open(path)
        if try ByteSources.prefix(ofFileAt: path, count: 2) == [0xFF, 0xFE] {
            source = UTF16LEDecoder(source: source)
        }
        let lines = LineReader(source: source)
        guard let header = try lines.nextLineString() else { return }
        let tags = header.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmedString }
        var columns: [(index: Int, tag: WoSRecord.Tag)] = []
        for (index, name) in tags.enumerated() {
            if let tag = WoSRecord.Tag(rawValue: name), !columns.contains(where: { $0.tag == tag }) {
                columns.append((index, tag))
            }
        }
        guard columns.contains(where: { $0.tag == .ut }) else {
            throw ImportError.missingColumns(path: path, format: format.name, columns: ["UT"])
        }
        let cache = AffiliationCache(order: .organisationFirst, resolver: resolver)
        var cells: [Range<Int>] = []
        while let outcome = try lines.nextLine({ line -> (record: WoSRecord, cellCount: Int)? in
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
            cells.removeAll(keepingCapacity: true)
            var start = line.startIndex
            for index in line.indices where line[index] == 0x09 {
                cells.append(start..<index)
                start = index + 1
            }
            cells.append(start..<line.endIndex)
            var record = WoSRecord(line: lines.lineNumber)
            for column in columns where column.index < cells.count {
                let cell = String(decoding: line[cells[column.index]], as: UTF8.self)
                record.set(column.tag, cell: cell.trimmedString)
            }
            // Cells past the header must be empty (the usual one trailing tab).
            let extra = cells.count > tags.count && cells[tags.count...].contains { !$0.isEmpty } ? cells.count : min(cells.count, tags.count)
            return (record, extra)
        }) {
            guard let (record, cellCount) = outcome else { continue }
            if cellCount != tags.count {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: record[.ut], severity: .error,
                                     message: "expected \(tags.count) tab-separated cells as in the header, found \(cellCount); row skipped"))
                continue
            }
            do {
                try sink.accept(record.work(cache: cache, file: path, warn: sink.warn))
            } catch WoSRecordError.missingUT {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error,
                                     message: "row has an empty UT (accession number) cell; skipped"))
            }
        }
    }
}
