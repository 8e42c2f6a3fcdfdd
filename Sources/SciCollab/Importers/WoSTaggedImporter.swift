/// Web of Science "Plain text" exports (`savedrecs.txt`): two-letter tags, three-space continuation lines.
///
/// `FN Thomson Reuters Web of Science™` (or `FN Clarivate Analytics Web of Science`) and `VR 1.0` open the
/// file, `PT` starts a record, `ER` ends it and `EF` ends the file. For `AU`, `AF` and `C1` every continuation
/// line is a new item; for other tags (`TI`, `WC`, `C3`, `OI`, …) it continues the value, joined by a space.
/// A BOM, CRLF line endings and a missing final newline are accepted. Tags the importer does not store
/// (`AB`, `CR`, …) are passed over without being decoded.
public struct WoSTaggedImporter: Importer {
    public let format = ImportFormat(id: "wos-txt", name: "Web of Science tagged text")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let first = prefix.firstLineText
        if first.hasPrefix("FN ") && first.contains("Web of Science") { return true }
        // A file cut from a larger export may start at its first record.
        return first.hasPrefix("PT ") && prefix.droppingUTF8BOM.firstRange(of: Array("\nUT ".utf8)) != nil
    }

    public func read(path: String, into sink: RecordSink) throws {
        let lines = LineReader(source: try ByteSources.open(path))
        let cache = AffiliationCache(order: .organisationFirst, resolver: resolver)
        var record: WoSRecord?
        var currentTag: WoSRecord.Tag?

        func finish(endedProperly: Bool) throws {
            guard let finished = record else { return }
            record = nil
            currentTag = nil
            if !endedProperly {
                sink.warn(Diagnostic(file: path, line: finished.line, recordID: finished[.ut], severity: .warning,
                                     message: "record has no ER line; it ends where the next one starts"))
            }
            do {
                try sink.accept(finished.work(cache: cache, file: path, warn: sink.warn))
            } catch WoSRecordError.missingUT {
                sink.skip(Diagnostic(file: path, line: finished.line, recordID: nil, severity: .error,
                                     message: "record has no UT (accession number) line; skipped"))
            }
        }

        // A continuation line of a tag that is not read (`AB`, `CR`) is passed over undecoded too.
        while let step = try lines.nextLine({ line -> Step in Self.classify(line, decodingContinuation: currentTag != nil) }) {
            let lineNumber = lines.lineNumber
            switch step {
            case .blank, .fileHeader:
                continue
            case .recordEnd:
                if record == nil {
                    sink.warn(Diagnostic(file: path, line: lineNumber, recordID: nil, severity: .warning, message: "ER without a record"))
                }
                try finish(endedProperly: true)
            case .fileEnd:
                try finish(endedProperly: false)
            case .tag(let tag, let text):
                if tag == .pt {
                    try finish(endedProperly: false)
                    record = WoSRecord(line: lineNumber)
                } else if record == nil {
                    record = WoSRecord(line: lineNumber)
                }
                currentTag = tag
                if let tag, let text { record?.append(tag, text, continuing: false) }
            case .continuation(let text):
                guard let tag = currentTag, let text, record != nil else { continue }
                record?.append(tag, text, continuing: true)
            }
        }
        try finish(endedProperly: false)
    }

    /// What one line is. Values are decoded only for the tags the importer reads.
    enum Step {
        case blank, fileHeader, recordEnd, fileEnd
        /// A tag line: the tag (nil when it is not read) and its value.
        case tag(WoSRecord.Tag?, String?)
        /// A continuation line: its text, nil when it was not decoded.
        case continuation(String?)
    }

    static func classify(_ line: ArraySlice<UInt8>, decodingContinuation: Bool = true) -> Step {
        var line = line
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        guard let first = line.first else { return .blank }
        if first == 0x20 || first == 0x09 {
            guard decodingContinuation else { return .continuation(nil) }
            let text = line.drop(while: { $0 == 0x20 || $0 == 0x09 })
            return .continuation(String(decoding: text, as: UTF8.self))
        }
        guard line.count >= 2 else { return .blank }
        let a = line[line.startIndex], b = line[line.startIndex + 1]
        if line.count > 2 && line[line.startIndex + 2] != 0x20 {
            // Not a tag line: text that lost its indentation continues the current value.
            return .continuation(decodingContinuation ? String(decoding: line, as: UTF8.self) : nil)
        }
        switch (a, b) {
        case (UInt8(ascii: "E"), UInt8(ascii: "R")) where line.count == 2: return .recordEnd
        case (UInt8(ascii: "E"), UInt8(ascii: "F")) where line.count == 2: return .fileEnd
        case (UInt8(ascii: "F"), UInt8(ascii: "N")), (UInt8(ascii: "V"), UInt8(ascii: "R")): return .fileHeader
        default: break
        }
        guard let tag = WoSRecord.Tag.from(a, b) else { return .tag(nil, nil) }
        let value = line.count > 3 ? String(decoding: line[(line.startIndex + 3)...], as: UTF8.self) : ""
        return .tag(tag, value)
    }
}
