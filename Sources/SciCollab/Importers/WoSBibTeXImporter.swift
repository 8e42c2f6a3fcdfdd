/// Web of Science BibTeX exports (`savedrecs.bib`: `@article{ ISI:000186671900001,` with `Unique-ID`,
/// `Times-Cited`, `Web-of-Science-Categories`).
///
/// Read with the BibTeX tokenizer into the same `WoSRecord` as the tagged and tab-delimited exports, so a
/// record gives the rows it gives in those layouts: `Author` → `AU` (one name per `and`), `Affiliation` →
/// `RP` (its `(Reprint Author)` / `(Corresponding Author)` line) and `C1` (one address a line, bracketed
/// author groups where the export has them), `Title` → `TI`, `Journal` → `SO`, `Year` → `PY`, `Type` → `DT`,
/// `Language` → `LA`, `DOI` → `DI`, `ISSN`/`EISSN` → `SN`/`EI`, `Times-Cited` → `TC`, `Total-Times-Cited` →
/// `Z9`, `Web-of-Science-Categories` → `WC`, `Research-Areas` → `SC`, `ORCID-Numbers` → `OI`,
/// `ResearcherID-Numbers` → `RI`, `Pubmed-ID` → `PM`, `Unique-ID` → `UT` (`ISI:…` written `WOS:…`, as the
/// other layouts write it).
public struct WoSBibTeXImporter: Importer {
    public let format = ImportFormat(id: "wos-bib", name: "Web of Science BibTeX")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    /// BibTeX field names (lower case) and the WoS tags they carry.
    static let tags: [String: WoSRecord.Tag] = [
        "title": .ti, "journal": .so, "year": .py, "type": .dt, "language": .la, "doi": .di, "issn": .sn, "eissn": .ei,
        "times-cited": .tc, "total-times-cited": .z9, "web-of-science-categories": .wc, "research-areas": .sc,
        "orcid-numbers": .oi, "researcherid-numbers": .ri, "pubmed-id": .pm, "unique-id": .ut,
    ]

    public func recognizes(prefix: [UInt8]) -> Bool {
        let text = String(decoding: prefix.droppingUTF8BOM.prefix(16_384), as: UTF8.self)
        let head = text.drop { $0.isWhitespace }
        return head.hasPrefix("@") && (text.contains("Unique-ID = {") || text.contains("Web-of-Science-Categories"))
    }

    public func read(path: String, into sink: RecordSink) throws {
        let reader = BibTeXReader(source: try ByteSources.open(path))
        let cache = AffiliationCache(order: .organisationFirst, resolver: resolver)
        while let entry = try reader.nextEntry(path: path, sink: sink) {
            let record = Self.record(from: entry)
            do {
                try sink.accept(record.work(cache: cache, file: path, warn: sink.warn))
            } catch WoSRecordError.missingUT {
                sink.skip(Diagnostic(file: path, line: entry.line, recordID: entry.key, severity: .error,
                                     message: "the entry has no 'Unique-ID' (accession number); skipped"))
            }
        }
    }

    /// The tagged record an entry holds.
    static func record(from entry: BibTeXReader.Entry) -> WoSRecord {
        var record = WoSRecord(line: entry.line)
        for (name, raw) in entry.fields {
            if name == "author" {
                for author in BibTeXNames.splitOnAnd(raw) { record.append(.au, LaTeXText.decode(author), continuing: false) }
                continue
            }
            if name == "affiliation" {
                // One address a line: the reprint line first (`Name (Reprint Author), Address.`), then C1 lines.
                // Any line end: a file saved with `\r\n` keeps it inside the value, and `\r\n` is one character.
                let lines = raw.split(whereSeparator: \.isNewline).map { LaTeXText.decode(String($0)) }.filter { !$0.isEmpty }
                for line in lines {
                    if line.contains("(Reprint Author)") || line.contains("(Corresponding Author)") {
                        // The tagged export writes the marker in lower case, as `WoSAddresses.reprints` reads it.
                        let marked = line.replacingOccurrences(of: "(Reprint Author)", with: "(reprint author)")
                            .replacingOccurrences(of: "(Corresponding Author)", with: "(corresponding author)")
                        record.append(.rp, marked, continuing: false)
                    } else {
                        record.append(.c1, line, continuing: false)
                    }
                }
                continue
            }
            guard let tag = tags[name] else { continue }
            var value = LaTeXText.decode(raw)
            if tag == .ut, value.hasPrefix("ISI:") { value = "WOS:" + value.dropFirst(4) }
            record.append(tag, value, continuing: false)
        }
        return record
    }
}
