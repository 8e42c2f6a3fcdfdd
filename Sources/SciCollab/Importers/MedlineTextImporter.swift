/// PubMed's MEDLINE text format (`.nbib`, "PubMed" format downloads): `PMID- ` starts a citation, a blank line
/// ends it, each line is a four-character tag, `- ` and a value, and continuation lines are indented six spaces.
///
/// Authors come as `FAU` (full name), `AU` (short name) or `CN` (collective name), each followed by its own
/// `AD` affiliations and `AUID- ORCID: …`. The citation is read into the same `PubMedRecord` as the XML, so
/// both give the same rows.
public struct MedlineTextImporter: Importer {
    public let format = ImportFormat(id: "medline-txt", name: "PubMed MEDLINE text")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let text = String(decoding: prefix.droppingUTF8BOM.prefix(4096), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }?.hasPrefix("PMID- ") ?? false
    }

    public func read(path: String, into sink: RecordSink) throws {
        let lines = LineReader(source: try ByteSources.open(path))
        let cache = AffiliationCache(order: .subunitFirst, resolver: resolver)
        var record: PubMedRecord?
        var fields: [(tag: String, value: String)] = []

        func finish() throws {
            guard var finished = record else { return }
            record = nil
            Self.fill(&finished, from: fields)
            fields.removeAll(keepingCapacity: true)
            do {
                try sink.accept(finished.work(cache: cache))
            } catch PubMedRecordError.missingPMID {
                sink.skip(Diagnostic(file: path, line: finished.line, recordID: nil, severity: .error, message: "citation has no PMID; skipped"))
            }
        }

        while let line = try lines.nextLineString() {
            // A blank line ends a citation: a citation that lacks its `PMID-` line is then read (and skipped)
            // on its own instead of being merged into the one before.
            if line.allSatisfy(\.isWhitespace) {
                try finish()
                continue
            }
            if line.hasPrefix("      ") || line.hasPrefix("\t") {
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].value += " " + line.trimmedString
                continue
            }
            let utf8 = Array(line.utf8.prefix(6))
            guard utf8.count >= 5, utf8[4] == UInt8(ascii: "-") else {
                sink.warn(Diagnostic(file: path, line: lines.lineNumber, recordID: record?.pmid, severity: .warning,
                                     message: "line is neither a tagged field (\"TAG - value\") nor a continuation; ignored"))
                continue
            }
            let tag = String(decoding: utf8[0..<4], as: UTF8.self).trimmedString
            // `TAG - value`; the space after the dash may be missing (`TI  -é`). Cut at bytes, decode the rest.
            let value = String(decoding: line.utf8.dropFirst(utf8.count > 5 && utf8[5] == UInt8(ascii: " ") ? 6 : 5), as: UTF8.self).trimmedString
            if tag == "PMID" {
                try finish()
                record = PubMedRecord(line: lines.lineNumber)
            } else if record == nil {
                record = PubMedRecord(line: lines.lineNumber)
            }
            fields.append((tag, value))
        }
        try finish()
    }

    /// Fills a citation from its tagged fields, in file order.
    static func fill(_ record: inout PubMedRecord, from fields: [(tag: String, value: String)]) {
        var pendingAffiliations: [String] = []
        var authorHasShortName = true
        func newAuthor(_ author: PubMedRecord.Author) {
            var author = author
            if record.authors.isEmpty { author.affiliations = pendingAffiliations; pendingAffiliations = [] }
            record.authors.append(author)
        }
        for (tag, value) in fields {
            switch tag {
            case "PMID":
                record.pmid = value
            case "TI":
                record.title = value
            case "BTI":
                if record.title == nil { record.title = value }
            case "DP":
                record.year = PubMedRecord.year(in: value)
            case "JT":
                record.journalTitle = value
            case "IS":
                if value.hasSuffix("(Electronic)") {
                    record.issnElectronic = String(value.dropLast("(Electronic)".count)).trimmedString
                } else if value.hasSuffix("(Print)") {
                    record.issnPrint = String(value.dropLast("(Print)".count)).trimmedString
                }
            case "LA":
                if record.language == nil { record.language = value }
            case "PT":
                record.publicationTypes.append(value)
            case "MH":
                var descriptor = value.split(separator: "/", maxSplits: 1).first.map(String.init) ?? value
                if descriptor.hasPrefix("*") { descriptor.removeFirst() }
                record.meshDescriptors.append(descriptor.trimmedString)
            case "AID", "LID":
                guard value.hasSuffix("[doi]") else { continue }
                let doi = String(value.dropLast("[doi]".count)).trimmedString
                if tag == "AID" { record.articleDOI = record.articleDOI ?? doi } else { record.locationDOI = record.locationDOI ?? doi }
            case "FAU":
                let parts = value.split(separator: ",", maxSplits: 1)
                newAuthor(PubMedRecord.Author(lastName: parts.first.map { $0.trimmedString },
                                              foreName: parts.count > 1 ? parts[1].trimmedString : nil))
                authorHasShortName = false
            case "AU":
                let parts = value.split(separator: " ")
                let initials = parts.count > 1 ? String(parts.last!) : nil
                if !authorHasShortName, !record.authors.isEmpty {
                    record.authors[record.authors.count - 1].initials = initials
                } else {
                    newAuthor(PubMedRecord.Author(lastName: parts.count > 1 ? parts.dropLast().joined(separator: " ") : value,
                                                  initials: initials))
                }
                authorHasShortName = true
            case "CN":
                newAuthor(PubMedRecord.Author(collectiveName: value))
                authorHasShortName = true
            case "AD":
                if record.authors.isEmpty { pendingAffiliations.append(value) } else { record.authors[record.authors.count - 1].affiliations.append(value) }
            case "AUID":
                guard value.hasPrefix("ORCID:"), !record.authors.isEmpty else { continue }
                let last = record.authors.count - 1
                record.authors[last].orcid = record.authors[last].orcid ?? PubMedRecord.normalizedORCID(value)
            default:
                continue
            }
        }
    }
}
