/// Scopus BibTeX exports (the `Scopus / EXPORT DATE` header, `@ARTICLE{…}` entries with `source = {Scopus}`),
/// the format bibliometrix reads as its canonical Scopus input; the compact (`field={…}`) and the
/// tab-indented (`field = {…}`) styles.
///
/// Read with a real BibTeX tokenizer (`BibTeXReader`). The EID comes from `url`, so a record has the same
/// source id as in the Scopus CSV. Affiliations are `affiliations = {A; B}` (or `affiliation={…}`). Older
/// exports put affiliation letters after each author (`D'Ambrosio, A.a , Aria, M.b `): the letters link each
/// author to their own affiliations (`a` the first of the list). Without letters the export does not say
/// which author has which affiliation: every author is given every affiliation (definitions §4) and the work is
/// flagged. Citations come from `note = {Cited by: 4}` (`cited By 0`); the corresponding author from
/// `correspondence_address`.
public struct ScopusBibTeXImporter: Importer {
    public let format = ImportFormat(id: "scopus-bib", name: "Scopus BibTeX")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let text = String(decoding: prefix.droppingUTF8BOM.prefix(16_384), as: UTF8.self)
        guard text.contains("@") else { return false }
        let head = text.drop { $0.isWhitespace }
        if head.hasPrefix("Scopus"), text.contains("EXPORT DATE") { return true }
        return head.hasPrefix("@") && text.contains("www.scopus.com/inward/record")
    }

    public func read(path: String, into sink: RecordSink) throws {
        let citationsInFile = try ScopusExportFields.fileHasCitationNotes(path, needles: ["note={cited by", "note = {cited by"])
        let reader = BibTeXReader(source: try ByteSources.open(path))
        let cache = AffiliationCache(order: .subunitFirst, resolver: resolver)
        var records = 0
        var affiliationsSeen = false
        while let entry = try reader.nextEntry(path: path, sink: sink) {
            records += 1
            let eid = entry["url"].flatMap(ScopusExportFields.eid(fromURL:))
            if entry["affiliations"] ?? entry["affiliation"] != nil { affiliationsSeen = true }
            do {
                try sink.accept(try work(from: entry, eid: eid, citationsInFile: citationsInFile, path: path, sink: sink, cache: cache))
            } catch let problem as ScopusCSVImporter.RecordProblem {
                sink.skip(Diagnostic(file: path, line: entry.line, recordID: eid ?? entry.key, severity: .error, message: problem.message))
            }
        }
        ScopusExportFields.reportMissing(affiliationsSeen: affiliationsSeen, citationsSeen: citationsInFile, records: records,
                                         path: path, affiliationField: "affiliations", sink: sink)
    }

    func work(from entry: BibTeXReader.Entry, eid: String?, citationsInFile: Bool, path: String, sink: RecordSink,
              cache: AffiliationCache) throws -> Work {
        let doi = Identifiers.normalizedDOI(entry["doi"].map(LaTeXText.decode))
        guard let sourceID = eid ?? doi.map({ "doi:" + $0 }) else {
            throw ScopusCSVImporter.RecordProblem(message: "no EID in 'url' and no 'doi': the entry cannot be identified")
        }
        func warn(_ message: String) {
            sink.warn(Diagnostic(file: path, line: entry.line, recordID: sourceID, severity: .warning, message: message))
        }
        if eid == nil { warn("no EID in 'url' (expected '…record.uri?eid=2-s2.0-…'); the entry is identified by its DOI") }
        var work = Work(source: .scopus, sourceID: sourceID, line: entry.line, doi: doi)
        func text(_ name: String) -> String? {
            entry[name].map(LaTeXText.decode).flatMap { $0.isEmpty ? nil : $0 }
        }
        work.title = text("title")
        if let year = text("year") {
            if let value = Int(year.prefix(4)), (1000...2999).contains(value) { work.year = value } else { warn("'year' value '\(year)' is not a year") }
        }
        work.sourceTitle = text("journal") ?? text("booktitle")
        work.documentType = text("type") ?? text("document_type")
        work.language = text("language")
        let issns = ScopusExportFields.issns(text("issn"))
        work.issn = issns.first
        work.eissn = issns.dropFirst().first
        work.pmid = (text("pmid") ?? text("pubmed_id")).flatMap { $0.allSatisfy { $0.isASCII && $0.isNumber } ? $0 : nil }
        if let note = text("note"), let count = ScopusExportFields.citedBy(inNote: note) {
            work.citations = count
        } else {
            work.citations = citationsInFile ? 0 : nil
        }
        let names = BibTeXNames.split(entry["author"] ?? "")
        let authors = names.map { ScopusExportFields.author($0.written) }
        let affiliations = (text("affiliations") ?? text("affiliation") ?? "")
            .splitting(on: "; ").map { $0.trimmedString }.filter { !$0.isEmpty }
        let corresponding = text("correspondence_address").flatMap { ScopusAuthors.correspondingIndex(correspondence: $0, authors: authors) }
        ScopusExportFields.linkShared(authors: authors, affiliations: affiliations, corresponding: corresponding, cache: cache, into: &work)
        if names.contains(where: { !$0.letters.isEmpty }) {
            link(names, listed: affiliations, into: &work, warn: warn)
        }
        return work
    }

    /// Links each author to the affiliations their letters name (`a` is the first affiliation of the list as
    /// written, repeats included).
    private func link(_ names: [BibTeXNames.Name], listed: [String], into work: inout Work, warn: (String) -> Void) {
        var unknown: [Character] = []
        let affiliationCount = listed.count
        for (index, name) in names.enumerated() where index < work.authorships.count {
            let indices = name.letters.compactMap { letter -> Int? in
                let position = Int(letter.asciiValue! - UInt8(ascii: "a"))
                if position < listed.count, let stored = work.affiliations.firstIndex(where: { $0.raw == listed[position] }) {
                    return stored
                }
                unknown.append(letter)
                return nil
            }
            var unique: [Int] = []
            for position in indices where !unique.contains(position) { unique.append(position) }
            work.authorships[index].affiliationIndices = unique
        }
        work.affiliationsShared = false
        if !unknown.isEmpty {
            warn("affiliation letter(s) \(unknown.map(String.init).joined(separator: ", ")) name no affiliation of the \(affiliationCount) listed; those links are left out")
        }
    }
}
