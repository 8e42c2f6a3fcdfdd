import Foundation

/// Scopus CSV exports, every vintage from 2016 on (41 to 46 columns).
///
/// Columns are found by header name, never by position. Authors are separated by `, ` before 2023 and
/// by `; ` after; `Author full names` (2023 on) and `Author(s) ID` give Scopus author ids; each author is
/// linked to their own affiliations read from `Authors with affiliations`; the corresponding author comes
/// from `Correspondence Address`. An empty `Cited by` cell means zero citations (definitions §1).
public struct ScopusCSVImporter: Importer {
    public let format = ImportFormat(id: "scopus-csv", name: "Scopus CSV")
    private let resolver: CountryResolver

    public init(resolver: CountryResolver = .standard) {
        self.resolver = resolver
    }

    /// The columns the importer reads, with the header names Scopus has used for them.
    enum Column: String, CaseIterable {
        case authors, authorFullNames, authorIDs, title, year, sourceTitle, citedBy, doi, affiliations
        case authorsWithAffiliations, correspondence, issn, pubmedID, language, documentType, eid

        var headerNames: [String] {
            switch self {
            case .authors: return ["Authors"]
            case .authorFullNames: return ["Author full names"]
            case .authorIDs: return ["Author(s) ID", "Authors ID", "Author IDs"]
            case .title: return ["Title"]
            case .year: return ["Year"]
            case .sourceTitle: return ["Source title"]
            case .citedBy: return ["Cited by"]
            case .doi: return ["DOI"]
            case .affiliations: return ["Affiliations"]
            case .authorsWithAffiliations: return ["Authors with affiliations"]
            case .correspondence: return ["Correspondence Address"]
            case .issn: return ["ISSN"]
            case .pubmedID: return ["PubMed ID"]
            case .language: return ["Language of Original Document"]
            case .documentType: return ["Document Type"]
            case .eid: return ["EID"]
            }
        }

        static let required: [Column] = [.eid, .authors]
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let header = Set(prefix.firstLineText.split(separator: ",").map { TextFolding.fold($0) })
        return header.contains("eid") && (header.contains("authors") || header.contains("source title"))
    }

    public func read(path: String, into sink: RecordSink) throws {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { return }
        var names: [String: Int] = [:]
        for index in 0..<header.fieldCount {
            let name = TextFolding.fold(reader.string(index))
            if names[name] == nil { names[name] = index }
        }
        var columns: [Column: Int] = [:]
        for column in Column.allCases {
            if let index = column.headerNames.lazy.compactMap({ names[TextFolding.fold($0)] }).first {
                columns[column] = index
            }
        }
        let missing = Column.required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            throw ImportError.missingColumns(path: path, format: format.name, columns: missing.flatMap { $0.headerNames.prefix(1) })
        }
        let expectedFields = header.fieldCount
        let cache = AffiliationCache(order: .subunitFirst, resolver: resolver)
        var damagedSince: CSVReader.Record?
        var damageReason = ""

        func closeDamagedRegion(before line: Int?) {
            guard let first = damagedSince else { return }
            let span = line.map { $0 - 1 > first.line ? "lines \(first.line)–\($0 - 1)" : "line \(first.line)" } ?? "line \(first.line) to the end"
            sink.skip(Diagnostic(file: path, line: first.line, recordID: nil, severity: .error,
                                 message: "\(span): damaged record skipped: \(damageReason)"))
            damagedSince = nil
        }

        while let record = try reader.next() {
            if record.fieldCount != expectedFields || record.malformation != nil {
                if damagedSince == nil {
                    damagedSince = record
                    damageReason = record.malformation ?? "expected \(expectedFields) fields, found \(record.fieldCount)"
                    if let eid = (0..<record.fieldCount).lazy.map(reader.string).first(where: { $0.hasPrefix("2-s2.0-") }) {
                        damageReason += " (record \(eid))"
                    }
                }
                reader.resynchronize()
                continue
            }
            closeDamagedRegion(before: record.line)
            let row = Row(reader: reader, columns: columns)
            do {
                try sink.accept(try makeWork(row: row, line: record.line, path: path, sink: sink, cache: cache))
            } catch let problem as RecordProblem {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: row[.eid], severity: .error, message: problem.message))
            }
        }
        closeDamagedRegion(before: nil)
    }

    /// Why one record cannot be imported.
    struct RecordProblem: Error {
        let message: String
    }

    /// The cells of the current record by column.
    struct Row {
        let reader: CSVReader
        let columns: [Column: Int]

        subscript(column: Column) -> String? {
            guard let index = columns[column] else { return nil }
            return String(TextFolding.trimmed(reader.string(index)))
        }

        func has(_ column: Column) -> Bool { columns[column] != nil }
    }

    func makeWork(row: Row, line: Int, path: String, sink: RecordSink, cache: AffiliationCache) throws -> Work {
        guard let eid = row[.eid], !eid.isEmpty else { throw RecordProblem(message: "no EID") }
        var work = Work(source: .scopus, sourceID: eid, line: line)
        func warn(_ message: String) {
            sink.warn(Diagnostic(file: path, line: line, recordID: eid, severity: .warning, message: message))
        }
        work.title = row[.title].map(HTMLEntities.decode).nonEmpty
        if let year = row[.year].nonEmpty {
            if let value = Int(year), (1000...2999).contains(value) { work.year = value } else { warn("year '\(year)' is not a year") }
        }
        work.sourceTitle = row[.sourceTitle].map(HTMLEntities.decode).nonEmpty
        work.doi = Identifiers.normalizedDOI(row[.doi])
        work.pmid = row[.pubmedID].nonEmpty
        work.language = row[.language].nonEmpty
        work.documentType = row[.documentType].nonEmpty
        if let issn = row[.issn].nonEmpty {
            let issns = issn.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " }).compactMap { Identifiers.normalizedISSN($0) }
            work.issn = issns.first
            work.eissn = issns.dropFirst().first
        }
        if row.has(.citedBy) {
            let cell = row[.citedBy] ?? ""
            if cell.isEmpty {
                work.citations = 0
            } else if let count = Int(cell), count >= 0 {
                work.citations = count
            } else {
                warn("'Cited by' value '\(cell)' is not a count; citations left unknown")
            }
        }
        let authors = ScopusAuthors.parse(
            authors: row[.authors].map(HTMLEntities.decode) ?? "",
            fullNames: row[.authorFullNames].map(HTMLEntities.decode),
            ids: row[.authorIDs])
        if let problem = authors.problem { warn(problem) }
        let workAffiliations = (row[.affiliations].map(HTMLEntities.decode) ?? "")
            .splitting(on: "; ").map(String.init)
            .map { $0.trimmedString }
            .filter { !$0.isEmpty }
        var linker = AffiliationLinker(known: workAffiliations, resolver: resolver)
        let links = linker.link(authors: authors.names, authorsWithAffiliations: row[.authorsWithAffiliations].map(HTMLEntities.decode) ?? "")
        if let problem = links.problem { warn(problem) }
        work.affiliations = linker.strings.map(cache.affiliation)
        let correspondence = row[.correspondence].map(HTMLEntities.decode) ?? ""
        let corresponding = ScopusAuthors.correspondingIndex(correspondence: correspondence, authors: authors.names)
        work.authorships = authors.names.enumerated().map { index, author in
            Authorship(position: index + 1, name: author.display, identity: author.identity,
                       isCorresponding: index == corresponding, affiliationIndices: links.indices[index])
        }
        if let corresponding, let address = ScopusAuthors.correspondenceAddress(correspondence) {
            work.placeByCorrespondence(authorship: corresponding, address: cache.affiliation(address))
        }
        return work
    }
}

extension Optional where Wrapped == String {
    /// nil for nil or an empty string.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

/// Identifier normalization (definitions §9): DOIs lower-case without resolver prefix, ISSNs as `NNNN-NNNX`.
public enum Identifiers {
    /// `https://doi.org/10.1000/ABC` → `10.1000/abc`; nil for an empty value.
    public static func normalizedDOI(_ raw: String?) -> String? {
        guard var doi = raw?.trimmedString.lowercased(), !doi.isEmpty else { return nil }
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"] where doi.hasPrefix(prefix) {
            doi = String(doi.dropFirst(prefix.count)).trimmedString
        }
        return doi.isEmpty ? nil : doi
    }

    /// `10518223` or `1051-8223` → `1051-8223`; nil when it is not eight ISSN characters.
    public static func normalizedISSN(_ raw: some StringProtocol) -> String? {
        let characters = raw.uppercased().filter { $0.isNumber || $0 == "X" }
        guard characters.count == 8 else { return nil }
        return "\(characters.prefix(4))-\(characters.suffix(4))"
    }
}
