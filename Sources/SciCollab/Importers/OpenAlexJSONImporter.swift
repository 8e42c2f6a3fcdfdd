/// OpenAlex JSON: an API page (`{"meta": …, "results": [ … ]}`), a single work object, a JSON array of works,
/// or JSON Lines (one work a line, as the snapshot's `part_000.gz` files), plain or gzip-compressed.
///
/// The file is cut into works by `JSONRecordStream`, so only one work is in memory at a time; each work is
/// parsed keeping only the members that are stored (`OpenAlexWork.memberNames`).
public struct OpenAlexJSONImporter: Importer {
    public let format = ImportFormat(id: "openalex-json", name: "OpenAlex JSON / JSON Lines")

    public init() {}

    public func recognizes(prefix: [UInt8]) -> Bool {
        let body = prefix.droppingUTF8BOM.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = body.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        // Work ids are `https://openalex.org/W…`, with the slashes escaped by some JSON writers.
        let bytes = Array(body)
        return bytes.firstRange(of: Array("openalex.org/W".utf8)) != nil || bytes.firstRange(of: Array("openalex.org\\/W".utf8)) != nil
    }

    public func read(path: String, into sink: RecordSink) throws {
        let stream = JSONRecordStream(source: try ByteSources.open(path))
        while let record = try stream.nextRecord(path: path, sink: sink) {
            do {
                let object = try JSONParser.parse(record.bytes, topLevelKeys: OpenAlexWork.memberNames)
                try sink.accept(OpenAlexWork.work(from: object, line: record.line))
            } catch let error as JSONParseError {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error, message: error.description))
            } catch OpenAlexWork.ReadError.notAWork(let message) {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error, message: message))
            }
        }
    }
}
