import CLibXML2

/// Crossref UNIXSD XML: query results (`crossref_result` / `query`) and OAI-PMH `ListRecords` harvests
/// (`crossref_metadata` records, possibly all on one line), and UNIXREF `doi_records`; plain or gzip-compressed.
///
/// Parsed with libxml2's SAX2 push parser in chunks, as PubMed XML is, so memory holds one record whatever
/// the file size. Per record: the DOI (`doi`, else the item's `doi_data/doi`), its type (`doi/@type`, else
/// the item's element name), the item's `titles/title` (inline markup flattened), the year of the item's
/// `publication_date` (else the issue's), the journal or proceedings title, print and electronic ISSN,
/// `crm-item name="citedby-count"` as citations, the authors (`person_name contributor_role="author"`) in
/// order with `ORCID` and their own `affiliation` strings (countries by definitions §2), and `organization` authors
/// as the work's organisations. References (`citation_list`) are passed over.
public struct CrossrefXMLImporter: Importer {
    public let format = ImportFormat(id: "crossref-xml", name: "Crossref UNIXSD XML")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let body = prefix.droppingUTF8BOM.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        // An XML document: a text that merely names these elements (a README) is not one.
        guard body.first == UInt8(ascii: "<") else { return false }
        let text = String(decoding: body.prefix(16_384), as: UTF8.self)
        if text.contains("<crossref_result") || text.contains("<doi_records") { return true }
        return text.contains("<OAI-PMH") && (text.contains("cr_unixsd") || text.contains("crossref.org"))
    }

    public func read(path: String, into sink: RecordSink) throws {
        let builder = CrossrefSAXBuilder(path: path, sink: sink, cache: AffiliationCache(order: .subunitFirst, resolver: resolver))
        if let failure = try SAXPushParser.parse(try ByteSources.open(path), path: path, into: builder) {
            sink.skip(Diagnostic(file: path, line: failure.line, recordID: builder.record?.doi, severity: .error,
                                 message: "the XML is not well-formed (\(failure.message)); the records before this line are imported"))
        }
    }
}

/// Builds `CrossrefRecord`s from SAX events; only the elements that are stored collect text.
final class CrossrefSAXBuilder: SAXEventHandler {
    let path: String
    let sink: RecordSink
    let cache: AffiliationCache
    var parser: xmlParserCtxtPtr?
    var storeError: Error?
    var record: CrossrefRecord?

    private var stack: [String] = []
    private var collecting: String?
    private var textBuffer: [UInt8] = []
    private var contributor: CrossrefRecord.Contributor?
    private var isAuthor = false
    private var crmName: String?
    private var issnMedia: String?
    private var itemYear: Int?
    private var issueYear: Int?
    private var itemDOI: String?
    private var citationDepth = 0

    /// Elements that hold the registered item itself (as opposed to its journal, issue or series).
    static let items: Set<String> = [
        "journal_article", "conference_paper", "content_item", "book_metadata", "book_series_metadata", "book_set_metadata",
        "dissertation", "report-paper_metadata", "standard_metadata", "dataset", "posted_content", "peer_review", "component",
        "sa_component", "database_metadata",
    ]

    init(path: String, sink: RecordSink, cache: AffiliationCache) {
        self.path = path
        self.sink = sink
        self.cache = cache
    }


    private var parent: String? { stack.last }
    private func parent(_ level: Int) -> String? { stack.count > level ? stack[stack.count - 1 - level] : nil }
    private var line: Int { parser.map { max(Int(xmlSAX2GetLineNumber($0)), 1) } ?? 1 }

    func start(_ localName: UnsafePointer<xmlChar>, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let name = String(cString: localName)
        defer { stack.append(name) }
        if name == "citation_list" { citationDepth += 1 }
        if citationDepth > 0 || collecting != nil { return }
        switch name {
        case "query", "crossref_metadata":
            begin()
        case "doi_record" where record == nil:
            begin()
        case "doi" where parent == "query" || parent == "crossref_metadata":
            record?.type = SAXPushParser.attribute("type", attributeCount, attributes)
            collect(name)
        case "doi" where parent == "doi_data" && parent(1).map(Self.items.contains) == true:
            collect(name)
        case "crm-item":
            crmName = SAXPushParser.attribute("name", attributeCount, attributes)
            if crmName == "citedby-count" { collect(name) }
        case "title" where parent == "titles" && parent(1).map(Self.items.contains) == true:
            if record?.title == nil { collect(name) }
        case "full_title" where parent == "journal_metadata", "proceedings_title" where parent == "proceedings_metadata":
            if record?.containerTitle == nil { collect(name) }
        case "issn":
            issnMedia = SAXPushParser.attribute("media_type", attributeCount, attributes)
            collect(name)
        case "year" where parent == "publication_date":
            collect(name)
        case "person_name" where parent == "contributors":
            contributor = CrossrefRecord.Contributor()
            isAuthor = SAXPushParser.attribute("contributor_role", attributeCount, attributes) == "author"
        case "organization" where parent == "contributors":
            if SAXPushParser.attribute("contributor_role", attributeCount, attributes) == "author" { collect(name) }
        case "given_name", "surname", "affiliation", "ORCID", "institution_name":
            if contributor != nil { collect(name) }
        default:
            if record?.type == nil, Self.items.contains(name) { record?.type = name }
        }
    }

    func text(_ characters: UnsafePointer<xmlChar>, _ length: Int) {
        guard collecting != nil else { return }
        textBuffer.append(contentsOf: UnsafeBufferPointer(start: characters, count: length))
    }

    func end(_ localName: UnsafePointer<xmlChar>) {
        guard let name = stack.popLast() else { return }
        if name == "citation_list" { citationDepth -= 1; return }
        if let collected = collecting {
            // Inline markup (`<i>` inside a title) ends without ending the collected element.
            guard collected == name, stack.count == collectingDepth else { return }
            let value = CrossrefRecord.collapsed(String(decoding: textBuffer, as: UTF8.self))
            collecting = nil
            textBuffer.removeAll(keepingCapacity: true)
            store(name, value)
            return
        }
        switch name {
        case "person_name":
            if let finished = contributor, isAuthor { record?.contributors.append(finished) }
            contributor = nil
        case "query", "crossref_metadata":
            finish()
        case "doi_record" where parent == "doi_records":
            finish()
        default:
            break
        }
    }

    private var collectingDepth = 0

    private func collect(_ name: String) {
        collecting = name
        collectingDepth = stack.count
        textBuffer.removeAll(keepingCapacity: true)
    }

    private func store(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        switch name {
        case "doi":
            if parent == "doi_data" { itemDOI = itemDOI ?? value } else { record?.doi = value }
        case "crm-item":
            record?.citations = Int(value)
        case "title":
            record?.title = value
        case "full_title", "proceedings_title":
            record?.containerTitle = value
        case "issn":
            switch issnMedia {
            case "electronic": record?.issnElectronic = value
            case "print": record?.issnPrint = value
            default: record?.otherISSNs.append(value)
            }
        case "year":
            guard let year = Int(value.prefix(4)) else { return }
            if let owner = parent(1), Self.items.contains(owner) { itemYear = itemYear ?? year } else { issueYear = issueYear ?? year }
        case "organization":
            record?.organizations.append(value)
        case "given_name":
            contributor?.given = value
        case "surname":
            contributor?.family = value
        case "affiliation", "institution_name":
            contributor?.affiliations.append(value)
        case "ORCID":
            contributor?.orcid = value
        default:
            break
        }
    }

    private func begin() {
        finish()
        record = CrossrefRecord(line: line)
        itemYear = nil
        issueYear = nil
        itemDOI = nil
    }

    private func finish() {
        guard var finished = record else { return }
        record = nil
        finished.year = itemYear ?? issueYear
        if finished.doi == nil { finished.doi = itemDOI }
        finished.type = finished.type.map { $0.replacingOccurrences(of: "_", with: "-") }
        do {
            try finished.deliver(to: sink, path: path, cache: cache)
        } catch {
            storeError = error
        }
    }
}
