/// Scopus RIS exports (`TY  - JOUR` … `ER  -`, `DB  - Scopus`).
///
/// The EID comes from the record URL (`UR  - …record.uri?eid=2-s2.0-…`), so a record has the same source id
/// as in the Scopus CSV export. Authors (`AU`) are in byline order; affiliations (`AD`, one line each) belong
/// to the work, not to an author: RIS does not say which author has which, so every author is given every
/// affiliation (definitions §4) and the work is flagged (`Work.affiliationsShared`). Citations come from
/// `N1  - Cited By: n` (or `Cited By :n`); a record without the note has zero citations when other records
/// of the file have one, an unknown count otherwise. An export made without `AD` has no countries, and the
/// import report says so. The corresponding author is read from `N1  - …; Correspondence Address: …`.
public struct ScopusRISImporter: Importer {
    public let format = ImportFormat(id: "scopus-ris", name: "Scopus RIS")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    /// The tags read; abstracts, keywords and the rest are passed over.
    static let tags: Set<String> = ["TY", "AU", "AD", "TI", "T1", "PY", "Y1", "T2", "C3", "J2", "DO", "UR", "SN", "LA", "M3", "N1", "C2"]

    public func recognizes(prefix: [UInt8]) -> Bool {
        let text = String(decoding: prefix.droppingUTF8BOM.prefix(16_384), as: UTF8.self)
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }),
              first.hasPrefix("TY  -") else { return false }
        return text.contains("DB  - Scopus") || text.contains("www.scopus.com/inward/record")
    }

    public func read(path: String, into sink: RecordSink) throws {
        let citationsInFile = try ScopusExportFields.fileHasCitationNotes(path, needles: ["\nn1  - cited by", "; cited by:"])
        let reader = RISReader(source: try ByteSources.open(path), keep: Self.tags)
        let cache = AffiliationCache(order: .subunitFirst, resolver: resolver)
        var records = 0
        var affiliationsSeen = false
        while let record = try reader.next() {
            reportStrays(reader.strays, path: path, sink: sink)
            records += 1
            let eid = record.first("UR").flatMap(ScopusExportFields.eid(fromURL:))
            if !record.closed {
                sink.warn(Diagnostic(file: path, line: record.line, recordID: eid, severity: .warning,
                                     message: "the file ends before the record's 'ER  -' line; the record is read as it stands"))
            }
            if !record.values("AD").isEmpty { affiliationsSeen = true }
            do {
                try sink.accept(try work(from: record, eid: eid, citationsInFile: citationsInFile, path: path, sink: sink, cache: cache))
            } catch let problem as ScopusCSVImporter.RecordProblem {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: eid, severity: .error, message: problem.message))
            }
        }
        reportStrays(reader.strays, path: path, sink: sink)
        ScopusExportFields.reportMissing(affiliationsSeen: affiliationsSeen, citationsSeen: citationsInFile, records: records,
                                         path: path, affiliationField: "AD", sink: sink)
    }

    private func reportStrays(_ strays: [RISReader.Stray], path: String, sink: RecordSink) {
        for stray in strays {
            sink.warn(Diagnostic(file: path, line: stray.line, recordID: nil, severity: .warning,
                                 message: "text outside a record (expected 'TY  - ' to start one): '\(stray.text)'; ignored"))
        }
    }

    func work(from record: RISReader.Record, eid: String?, citationsInFile: Bool, path: String, sink: RecordSink,
              cache: AffiliationCache) throws -> Work {
        let doi = Identifiers.normalizedDOI(record.first("DO"))
        guard let sourceID = eid ?? doi.map({ "doi:" + $0 }) else {
            throw ScopusCSVImporter.RecordProblem(message: "no EID in 'UR' and no DOI in 'DO': the record cannot be identified")
        }
        if eid == nil {
            sink.warn(Diagnostic(file: path, line: record.line, recordID: sourceID, severity: .warning,
                                 message: "no EID in 'UR' (expected '…record.uri?eid=2-s2.0-…'); the record is identified by its DOI"))
        }
        var work = Work(source: .scopus, sourceID: sourceID, line: record.line, doi: doi)
        work.title = record.first("TI") ?? record.first("T1")
        if let year = record.first("PY") ?? record.first("Y1") {
            let digits = year.prefix(4)
            if let value = Int(digits), (1000...2999).contains(value) {
                work.year = value
            } else {
                sink.warn(Diagnostic(file: path, line: record.line, recordID: sourceID, severity: .warning,
                                     message: "'PY' value '\(year)' is not a year"))
            }
        }
        work.sourceTitle = record.first("T2") ?? record.first("C3") ?? record.first("J2")
        work.documentType = record.first("M3") ?? record.first("TY")
        work.language = record.first("LA")
        let issns = record.values("SN").flatMap { ScopusExportFields.issns($0) }
        work.issn = issns.first
        work.eissn = issns.dropFirst().first
        if let pmid = record.first("C2"), pmid.allSatisfy({ $0.isASCII && $0.isNumber }) { work.pmid = pmid }
        let counts = record.values("N1").filter { !$0.hasPrefix("References") }.compactMap(ScopusExportFields.citedBy(inNote:))
        work.citations = counts.first ?? (citationsInFile ? 0 : nil)
        let authors = record.values("AU").filter { !$0.isEmpty }.map(ScopusExportFields.author)
        // `N1  - Export Date: …; Cited By: 6; Correspondence Address: R.J.W. Brewin; Centre for …`
        let correspondence = record.values("N1").lazy.compactMap { note -> String? in
            note.firstUTF8Range(of: "Correspondence Address: ").map { String(note[$0.upperBound...]) }
        }.first
        let corresponding = correspondence.flatMap { ScopusAuthors.correspondingIndex(correspondence: $0, authors: authors) }
        ScopusExportFields.linkShared(authors: authors, affiliations: record.values("AD"), corresponding: corresponding,
                                      cache: cache, into: &work)
        return work
    }
}
