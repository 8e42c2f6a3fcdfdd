import CLibXML2

/// PubMed XML: efetch output, baseline and update files (`PubmedArticleSet`, indented or one record a line),
/// and the legacy `MedlineCitationSet`; plain or gzip-compressed (`.xml.gz`).
///
/// Parsed with libxml2's SAX2 push parser in 1 MiB chunks, so memory holds one chunk and one citation
/// whatever the file size. `DeleteCitation` lists PMIDs that PubMed withdrew: each is recorded as a
/// deletion (a stored work with that PMID is removed), not imported.
public struct PubMedXMLImporter: Importer {
    public let format = ImportFormat(id: "pubmed-xml", name: "PubMed XML")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let bytes = Array(prefix.droppingUTF8BOM.prefix(8192))
        return bytes.firstRange(of: Array("<PubmedArticleSet".utf8)) != nil
            || bytes.firstRange(of: Array("<MedlineCitationSet".utf8)) != nil
            || bytes.firstRange(of: Array("<PubmedArticle>".utf8)) != nil
    }

    public func read(path: String, into sink: RecordSink) throws {
        let builder = PubMedSAXBuilder(path: path, sink: sink, cache: AffiliationCache(order: .subunitFirst, resolver: resolver))
        if let failure = try SAXPushParser.parse(try ByteSources.open(path), path: path, into: builder) {
            sink.skip(Diagnostic(file: path, line: failure.line, recordID: builder.record?.pmid, severity: .error,
                                 message: "the XML is not well-formed (\(failure.message)); the citations before this line are imported"))
        }
    }
}

/// Builds `PubMedRecord`s from SAX events. Only the elements that are stored collect text.
final class PubMedSAXBuilder: SAXEventHandler {
    let path: String
    let sink: RecordSink
    let cache: AffiliationCache
    var parser: xmlParserCtxtPtr?
    /// Set when the sink failed (a store error): parsing stops and the error is rethrown.
    var storeError: Error?

    var record: PubMedRecord?
    private var author: PubMedRecord.Author?
    private var stack: [Element] = []
    private var collecting = false
    private var textBuffer: [UInt8] = []
    // Attributes of the element being collected.
    private var idType: String?
    private var orcidIdentifier = false
    private var inDeleteCitation = false

    init(path: String, sink: RecordSink, cache: AffiliationCache) {
        self.path = path
        self.sink = sink
        self.cache = cache
    }


    /// The elements whose position matters; everything else is `.other`.
    enum Element: String {
        case pubmedArticle = "PubmedArticle", pubmedBookArticle = "PubmedBookArticle"
        case medlineCitationSet = "MedlineCitationSet", medlineCitation = "MedlineCitation", bookDocument = "BookDocument"
        case deleteCitation = "DeleteCitation", pmid = "PMID", article = "Article", journal = "Journal"
        case issn = "ISSN", journalIssue = "JournalIssue", pubDate = "PubDate", year = "Year", medlineDate = "MedlineDate"
        case title = "Title", articleTitle = "ArticleTitle", bookTitle = "BookTitle", eLocationID = "ELocationID", language = "Language"
        case authorList = "AuthorList", author = "Author", lastName = "LastName", foreName = "ForeName"
        case initials = "Initials", collectiveName = "CollectiveName", identifier = "Identifier"
        case affiliationInfo = "AffiliationInfo", affiliation = "Affiliation"
        case publicationTypeList = "PublicationTypeList", publicationType = "PublicationType"
        case meshHeading = "MeshHeading", descriptorName = "DescriptorName"
        case pubmedData = "PubmedData", articleIdList = "ArticleIdList", articleId = "ArticleId"
        case other
    }

    private static let elements: [String: Element] = {
        var table: [String: Element] = [:]
        for name in ["PubmedArticle", "PubmedBookArticle", "MedlineCitationSet", "MedlineCitation", "BookDocument",
                     "DeleteCitation", "PMID", "Article", "Journal", "ISSN", "JournalIssue", "PubDate", "Year",
                     "MedlineDate", "Title", "ArticleTitle", "BookTitle", "ELocationID", "Language", "AuthorList",
                     "Author", "LastName", "ForeName", "Initials", "CollectiveName", "Identifier", "AffiliationInfo",
                     "Affiliation", "PublicationTypeList", "PublicationType", "MeshHeading", "DescriptorName",
                     "PubmedData", "ArticleIdList", "ArticleId"] {
            table[name] = Element(rawValue: name)
        }
        return table
    }()

    /// The element of each name libxml2 has passed so far, by the address of the name: libxml2 keeps one copy of
    /// each name in its dictionary for the whole parse, so the address stands for the name.
    private var elementsByName: [UnsafeRawPointer: Element] = [:]

    private func element(named localName: UnsafePointer<xmlChar>) -> Element {
        if let known = elementsByName[UnsafeRawPointer(localName)] { return known }
        let element = Self.elements[String(cString: localName)] ?? .other
        elementsByName[UnsafeRawPointer(localName)] = element
        return element
    }

    private var parent: Element? { stack.last }
    private func parent(_ level: Int) -> Element? { stack.count > level ? stack[stack.count - 1 - level] : nil }

    func start(_ localName: UnsafePointer<xmlChar>, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let element = element(named: localName)
        defer { stack.append(element) }
        switch element {
        case .pubmedArticle, .pubmedBookArticle:
            beginRecord()
        case .medlineCitation where parent == .medlineCitationSet:
            beginRecord()
        case .deleteCitation:
            inDeleteCitation = true
        case .pmid:
            collecting = inDeleteCitation || (record?.pmid == nil && (parent == .medlineCitation || parent == .bookDocument))
        case .issn where parent == .journal:
            idType = SAXPushParser.attribute("IssnType", attributeCount, attributes)
            collecting = true
        case .year where parent == .pubDate && parent(1) == .journalIssue, .medlineDate where parent == .pubDate:
            collecting = record?.year == nil
        case .year where parent == .pubDate && parent(1) == .bookDocument:
            collecting = record?.year == nil
        case .title where parent == .journal:
            collecting = true
        case .articleTitle where parent == .article || parent == .bookDocument:
            collecting = true
        case .bookTitle where parent == .bookDocument:
            collecting = record?.title == nil
        case .eLocationID where parent == .article || parent == .bookDocument:
            idType = SAXPushParser.attribute("EIdType", attributeCount, attributes)
            collecting = idType == "doi"
        case .articleId where parent == .articleIdList && parent(1) == .pubmedData:
            idType = SAXPushParser.attribute("IdType", attributeCount, attributes)
            collecting = idType == "doi"
        case .language where parent == .article || parent == .bookDocument:
            collecting = record?.language == nil
        case .author where parent == .authorList:
            author = PubMedRecord.Author()
        case .lastName, .foreName, .initials, .collectiveName:
            collecting = author != nil && parent == .author
        case .identifier where parent == .author:
            orcidIdentifier = SAXPushParser.attribute("Source", attributeCount, attributes) == "ORCID"
            collecting = orcidIdentifier && author != nil
        case .affiliation where parent == .affiliationInfo && parent(1) == .author:
            collecting = author != nil
        case .publicationType where parent == .publicationTypeList:
            collecting = true
        case .descriptorName where parent == .meshHeading:
            collecting = true
        default:
            // Inline markup inside a collected value (<i>, <sup>) keeps collecting.
            break
        }
        if !collecting { textBuffer.removeAll(keepingCapacity: true) }
    }

    func text(_ characters: UnsafePointer<xmlChar>, _ length: Int) {
        guard collecting else { return }
        guard textBuffer.count + length <= ImportLimits.maxRecordBytes else {
            // Memory stays bounded: the value is not kept, and the citation is skipped at its end.
            oversizedElement = oversizedElement ?? stack.last { $0 != .other }?.rawValue
            return
        }
        textBuffer.append(contentsOf: UnsafeBufferPointer(start: characters, count: length))
    }

    /// The element of the current citation whose text passed `ImportLimits.maxRecordBytes`.
    private var oversizedElement: String?

    func end(_ localName: UnsafePointer<xmlChar>) {
        guard let element = stack.popLast() else { return }
        if element == .other { return }
        let value: String? = collecting ? String(decoding: textBuffer, as: UTF8.self).trimmedString : nil
        func finishCollecting() {
            collecting = false
            textBuffer.removeAll(keepingCapacity: true)
        }
        switch element {
        case .pubmedArticle, .pubmedBookArticle:
            endRecord()
        case .medlineCitation where parent == .medlineCitationSet:
            endRecord()
        case .deleteCitation:
            inDeleteCitation = false
        case .pmid:
            if let value, !value.isEmpty {
                if inDeleteCitation {
                    let line = parser.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0
                    do { try sink.delete(source: .pubmed, sourceID: value, line: max(line, 1)) } catch { storeError = error }
                } else if record?.pmid == nil {
                    record?.pmid = value
                }
            }
            finishCollecting()
        case .issn:
            if let value, collecting {
                if idType == "Electronic" { record?.issnElectronic = value } else { record?.issnPrint = value }
            }
            finishCollecting()
        case .year, .medlineDate:
            if let value, collecting, record?.year == nil { record?.year = PubMedRecord.year(in: value) }
            finishCollecting()
        case .title:
            if let value, collecting { record?.journalTitle = value }
            finishCollecting()
        case .articleTitle, .bookTitle:
            if let value, collecting, !value.isEmpty { record?.title = value }
            finishCollecting()
        case .eLocationID:
            if let value, collecting, record?.locationDOI == nil { record?.locationDOI = value }
            finishCollecting()
        case .articleId:
            if let value, collecting, record?.articleDOI == nil { record?.articleDOI = value }
            finishCollecting()
        case .language:
            if let value, collecting { record?.language = value }
            finishCollecting()
        case .lastName:
            if let value, collecting { author?.lastName = value }
            finishCollecting()
        case .foreName:
            if let value, collecting { author?.foreName = value }
            finishCollecting()
        case .initials:
            if let value, collecting { author?.initials = value }
            finishCollecting()
        case .collectiveName:
            if let value, collecting { author?.collectiveName = value }
            finishCollecting()
        case .identifier:
            if let value, collecting, orcidIdentifier, author?.orcid == nil { author?.orcid = PubMedRecord.normalizedORCID(value) }
            orcidIdentifier = false
            finishCollecting()
        case .affiliation:
            if let value, collecting, !value.isEmpty { author?.affiliations.append(value) }
            finishCollecting()
        case .author where parent == .authorList:
            if let author, stack.contains(.article) || stack.contains(.bookDocument) { record?.authors.append(author) }
            author = nil
        case .publicationType:
            if let value, collecting, !value.isEmpty { record?.publicationTypes.append(value) }
            finishCollecting()
        case .descriptorName:
            if let value, collecting, !value.isEmpty { record?.meshDescriptors.append(value) }
            finishCollecting()
        default:
            break
        }
    }

    private func beginRecord() {
        let line = parser.map { Int(xmlSAX2GetLineNumber($0)) } ?? 1
        record = PubMedRecord(line: max(line, 1))
        author = nil
    }

    private func endRecord() {
        guard let finished = record else { return }
        record = nil
        if let element = oversizedElement {
            oversizedElement = nil
            sink.skip(Diagnostic(file: path, line: finished.line, recordID: finished.pmid, severity: .error,
                                 message: "<\(element)> is longer than \(ImportLimits.maxRecordDescription); citation skipped"))
            return
        }
        do {
            try sink.accept(finished.work(cache: cache))
        } catch PubMedRecordError.missingPMID {
            sink.skip(Diagnostic(file: path, line: finished.line, recordID: nil, severity: .error,
                                 message: "citation has no PMID; skipped"))
        } catch {
            storeError = error
        }
    }
}
