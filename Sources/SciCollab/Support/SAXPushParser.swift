import CLibXML2

/// Receives libxml2 SAX2 events for one file (PubMed XML, Crossref XML).
protocol SAXEventHandler: AnyObject {
    /// The parser, set before the first event (for line numbers).
    var parser: xmlParserCtxtPtr? { get set }
    /// Set when the sink failed (a store error): parsing stops and the error is rethrown.
    var storeError: Error? { get }
    func start(_ localName: UnsafePointer<xmlChar>, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
    func end(_ localName: UnsafePointer<xmlChar>)
    func text(_ characters: UnsafePointer<xmlChar>, _ length: Int)
}

/// Runs libxml2's SAX2 push parser over a byte stream chunk by chunk, so memory holds one chunk and what the
/// handler keeps, whatever the file size.
enum SAXPushParser {
    /// Where the XML stopped being well-formed.
    struct Failure {
        var line: Int
        var message: String
    }

    /// The handler behind the C callbacks' context pointer.
    private final class Events {
        let handler: any SAXEventHandler
        init(_ handler: any SAXEventHandler) { self.handler = handler }
        static func from(_ context: UnsafeMutableRawPointer) -> any SAXEventHandler {
            Unmanaged<Events>.fromOpaque(context).takeUnretainedValue().handler
        }
    }

    /// Parses `source` into `handler`; returns the failure when the XML is not well-formed (the events before
    /// it have been delivered).
    /// - Throws: the handler's `storeError`, or `ImportError.unreadable` when libxml2 cannot start.
    static func parse(_ source: ByteSource, path: String, into handler: some SAXEventHandler) throws -> Failure? {
        xmlInitParser()
        var callbacks = xmlSAXHandler()
        callbacks.initialized = XML_SAX2_MAGIC
        callbacks.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Events.from(context).start(localName, attributeCount: Int(attributeCount), attributes: attributes)
        }
        callbacks.endElementNs = { context, localName, _, _ in
            guard let context, let localName else { return }
            Events.from(context).end(localName)
        }
        callbacks.characters = { context, characters, length in
            guard let context, let characters else { return }
            Events.from(context).text(characters, Int(length))
        }
        // Errors are read from the context after a failed chunk; nothing is printed.
        callbacks.serror = { _, _ in }
        let unmanaged = Unmanaged.passRetained(Events(handler))
        defer { unmanaged.release() }
        guard let parser = xmlCreatePushParserCtxt(&callbacks, unmanaged.toOpaque(), nil, 0, path) else {
            throw ImportError.unreadable(path: path, reason: "libxml2 could not create a parser")
        }
        defer { xmlFreeParserCtxt(parser) }
        xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_COMPACT.rawValue))
        handler.parser = parser
        var failed = false
        while let chunk = try source.nextChunk() {
            let status = chunk.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { xmlParseChunk(parser, $0.baseAddress, Int32($0.count), 0) }
            }
            if status != 0 || handler.storeError != nil { failed = true; break }
        }
        if !failed, xmlParseChunk(parser, nil, 0, 1) != 0 { failed = true }
        if let storeError = handler.storeError { throw storeError }
        guard failed else { return nil }
        let error = xmlCtxtGetLastError(parser)
        let line = error.map { Int($0.pointee.line) } ?? Int(xmlSAX2GetLineNumber(parser))
        let message = error.flatMap { $0.pointee.message.map { String(cString: $0).trimmedString } } ?? "malformed XML"
        return Failure(line: line, message: message)
    }

    /// The value of attribute `name` from SAX2's (localname, prefix, URI, value, end) quintuples.
    static func attribute(_ name: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes else { return nil }
        for index in 0..<count {
            guard let localName = attributes[index * 5], String(cString: localName) == name,
                  let start = attributes[index * 5 + 3], let end = attributes[index * 5 + 4] else { continue }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return nil
    }
}
