/// Crossref REST API JSON: a single work (`{"message-type": "work", "message": {…}}`), a list page
/// (`"message-type": "work-list"`, `message.items`), a bare work object or an array of them, and JSON Lines
/// of any of these (one API response or work a line); plain or gzip-compressed.
///
/// The file is cut into top-level values by `JSONRecordStream`, so one response (an API page holds at most
/// 1,000 works) is in memory at a time. Per work: DOI (the source id), title, year (`issued`, else
/// `published-print`, `published-online`, `published`), type, container title, print and electronic ISSN,
/// language, `is-referenced-by-count` as citations, authors in order with ORCID and their own
/// `affiliation[].name` strings (countries by definitions §2), and `subject` names as ASJC codes where they match.
public struct CrossrefJSONImporter: Importer {
    public let format = ImportFormat(id: "crossref-json", name: "Crossref REST JSON")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let body = prefix.droppingUTF8BOM.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = body.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        let text = String(decoding: body.prefix(16_384), as: UTF8.self)
        if text.contains("\"message-type\""), text.contains("\"work") { return true }
        // A bare work object: Crossref's own member names.
        return text.contains("\"is-referenced-by-count\"") && text.contains("\"DOI\"")
    }

    public func read(path: String, into sink: RecordSink) throws {
        let stream = JSONRecordStream(source: try ByteSources.open(path))
        let cache = AffiliationCache(order: .subunitFirst, resolver: resolver)
        while let record = try stream.nextRecord(path: path, sink: sink) {
            let value: JSONValue
            do {
                value = try JSONParser.parse(record.bytes)
            } catch let error as JSONParseError {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error, message: error.description))
                continue
            }
            for work in Self.works(in: value) {
                try Self.record(from: work, line: record.line).deliver(to: sink, path: path, cache: cache)
            }
            if Self.works(in: value).isEmpty {
                let kind = value["message-type"]?.string.map { "a '\($0)' response" } ?? "a value"
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error,
                                     message: "expected a Crossref work or work list, found \(kind) without works"))
            }
        }
    }

    /// The work objects of a response, a page, a bare work or an array of works.
    static func works(in value: JSONValue) -> [JSONValue] {
        if let items = value["message"]?["items"]?.array { return items }
        if let message = value["message"], message["DOI"] != nil { return [message] }
        if let array = value.array { return array.flatMap(works(in:)) }
        if value["DOI"] != nil { return [value] }
        return []
    }

    static func record(from object: JSONValue, line: Int) -> CrossrefRecord {
        var record = CrossrefRecord(line: line)
        record.doi = object["DOI"]?.string
        record.title = object["title"]?.array?.first?.string ?? object["title"]?.string
        for key in ["issued", "published-print", "published-online", "published"] {
            if let year = object[key]?["date-parts"]?.array?.first?.array?.first?.int { record.year = year; break }
        }
        record.type = object["type"]?.string
        record.containerTitle = object["container-title"]?.array?.first?.string ?? object["container-title"]?.string
        for entry in object["issn-type"]?.array ?? [] {
            guard let issn = entry["value"]?.string else { continue }
            switch entry["type"]?.string {
            case "print": record.issnPrint = issn
            case "electronic": record.issnElectronic = issn
            default: record.otherISSNs.append(issn)
            }
        }
        record.otherISSNs += object["ISSN"]?.array?.compactMap(\.string) ?? []
        record.language = object["language"]?.string
        record.citations = object["is-referenced-by-count"]?.int
        for author in object["author"]?.array ?? [] {
            var contributor = CrossrefRecord.Contributor()
            if let family = author["family"]?.string {
                contributor.family = family
                contributor.given = author["given"]?.string
            } else {
                contributor.given = author["name"]?.string ?? author["given"]?.string
            }
            contributor.orcid = author["ORCID"]?.string
            contributor.affiliations = author["affiliation"]?.array?.compactMap { $0["name"]?.string } ?? []
            record.contributors.append(contributor)
        }
        record.subjects = object["subject"]?.array?.compactMap(\.string) ?? []
        return record
    }
}
