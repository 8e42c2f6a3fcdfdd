/// CSV downloaded from the OpenAlex web interface: one work a row, flattened columns such as
/// `authorships.author.id`, multi-values joined by `|` in byline order.
///
/// `authorships.countries` has one entry per author (empty when unknown). Institutions are listed per
/// institution, not per author: they are linked to the authors only when there is exactly one per author;
/// otherwise each author keeps a country-only affiliation and a warning says so. The CSV carries no topic
/// ids, so no fields are stored from it.
public struct OpenAlexCSVImporter: Importer {
    public let format = ImportFormat(id: "openalex-csv", name: "OpenAlex CSV (web interface)")

    public init() {}

    enum Column: String, CaseIterable {
        case id = "id"
        case authorNames = "authorships.author.display_name"
        case authorIDs = "authorships.author.id"
        case orcids = "authorships.author.orcid"
        case countries = "authorships.countries"
        case institutionNames = "authorships.institutions.display_name"
        case institutionIDs = "authorships.institutions.id"
        case corresponding = "authorships.is_corresponding"
        case percentile = "citation_normalized_percentile.value"
        case citedBy = "cited_by_count"
        case title = "display_name"
        case doi = "doi"
        case fwci = "fwci"
        case pmid = "ids.pmid"
        case language = "language"
        case sourceTitle = "primary_location.source.display_name"
        case issnL = "primary_location.source.issn_l"
        case year = "publication_year"
        case type = "type"
    }

    public func recognizes(prefix: [UInt8]) -> Bool {
        let header = Set(prefix.firstLineText.split(separator: ",").map { $0.trimmingQuotes })
        return header.contains("id") && header.contains("authorships.author.id")
    }

    public func read(path: String, into sink: RecordSink) throws {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { return }
        let columns = CSVColumns<Column>(reader: reader, header: header)
        guard columns.indices[.id] != nil else {
            throw ImportError.missingColumns(path: path, format: format.name, columns: ["id"])
        }
        while let record = try reader.next() {
            func cell(_ column: Column) -> String? { columns.cell(column, of: record) }
            if columns.skipIfDamaged(record, idColumn: .id, path: path, sink: sink) { continue }
            guard let id = cell(.id).map(OpenAlexWork.shortID), id.hasPrefix("W") else {
                sink.skip(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error, message: "no OpenAlex work id in \"id\""))
                continue
            }
            var work = Work(source: .openalex, sourceID: id, line: record.line)
            func warn(_ message: String) {
                sink.warn(Diagnostic(file: path, line: record.line, recordID: id, severity: .warning, message: message))
            }
            work.title = cell(.title)
            work.doi = Identifiers.normalizedDOI(cell(.doi))
            work.pmid = cell(.pmid).map(OpenAlexWork.pmidFromURL)
            work.year = cell(.year).flatMap { Int($0) }
            work.documentType = cell(.type)
            work.language = cell(.language)
            work.sourceTitle = cell(.sourceTitle)
            work.issnL = cell(.issnL).flatMap { Identifiers.normalizedISSN($0) }
            work.citations = cell(.citedBy).flatMap { Int($0) }
            work.sourceFWCI = cell(.fwci).flatMap { Double($0) }
            work.sourcePercentile = cell(.percentile).flatMap { Double($0) }

            func list(_ column: Column) -> [String] {
                guard let value = cell(column) else { return [] }
                return value.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmedString }
            }
            let names = list(.authorNames)
            let authorIDs = list(.authorIDs)
            let orcids = list(.orcids)
            let countries = list(.countries)
            let corresponding = list(.corresponding)
            let institutionNames = list(.institutionNames)
            let institutionIDs = list(.institutionIDs)
            let count = max(names.count, authorIDs.count)
            let institutionsPerAuthor = institutionIDs.count == count && institutionNames.count == count
            if !institutionIDs.isEmpty && !institutionsPerAuthor {
                warn("\(institutionIDs.count) institutions for \(count) authors cannot be assigned to authors; countries are kept per author")
            }
            for position in 0..<count {
                let name = position < names.count ? names[position] : ""
                let orcid = position < orcids.count && !orcids[position].isEmpty ? OpenAlexWork.orcidFromURL(orcids[position]) : nil
                let identity: AuthorIdentity
                if position < authorIDs.count, !authorIDs[position].isEmpty {
                    identity = AuthorIdentity(kind: .sourceID, value: "openalex:" + OpenAlexWork.shortID(authorIDs[position]))
                } else if let orcid {
                    identity = AuthorIdentity(kind: .orcid, value: orcid)
                } else {
                    identity = OpenAlexWork.nameKey(displayName: name)
                }
                let codes = position < countries.count
                    ? countries[position].split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmedString.uppercased() }.filter { $0.count == 2 }
                    : []
                var own: [Int] = []
                if institutionsPerAuthor, !institutionIDs[position].isEmpty {
                    let institutionID = OpenAlexWork.shortID(institutionIDs[position])
                    let displayName = institutionNames[position]
                    own.append(work.affiliations.count)
                    work.affiliations.append(Affiliation(
                        raw: displayName.isEmpty ? institutionID : displayName, institution: displayName.isEmpty ? nil : displayName,
                        institutionKey: "openalex:" + institutionID, institutionID: institutionID,
                        country: codes.count == 1 ? codes[0] : nil, countryIsStructured: codes.count == 1))
                    if codes.count > 1 {
                        for code in codes {
                            own.append(work.affiliations.count)
                            work.affiliations.append(Affiliation(raw: code, country: code, countryIsStructured: true))
                        }
                    }
                } else {
                    for code in codes {
                        own.append(work.affiliations.count)
                        work.affiliations.append(Affiliation(raw: code, country: code, countryIsStructured: true))
                    }
                }
                let isCorresponding = position < corresponding.count && corresponding[position].lowercased() == "true"
                work.authorships.append(Authorship(position: position + 1, name: name, identity: identity,
                                                   isCorresponding: isCorresponding, affiliationIndices: own, orcid: orcid))
            }
            try sink.accept(work)
        }
    }
}

extension Substring {
    /// The text without surrounding double quotes.
    var trimmingQuotes: String {
        var text = self.trimmedString
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        return text
    }
}
