/// One Crossref record as both Crossref layouts (REST JSON and UNIXSD XML) carry it, before it becomes a `Work`.
///
/// The DOI is the source id. Each contributor keeps their own affiliation strings; a string that joins two
/// addresses with `; ` is two affiliations (definitions §2), and countries are read from the strings (definitions §2).
/// A contributor without a family name (`name` in JSON, `organization` in XML) is a group author: kept as
/// the work's organisation, not as an author (definitions §1). Subject names become ASJC codes where they match the
/// shipped list (`Schemas/asjc.tsv`, names and aliases), with their subject areas.
struct CrossrefRecord {
    struct Contributor {
        var given: String?
        var family: String?
        var orcid: String?
        var affiliations: [String] = []
    }

    var line: Int
    var doi: String?
    var title: String?
    var year: Int?
    var type: String?
    var containerTitle: String?
    var issnPrint: String?
    var issnElectronic: String?
    var otherISSNs: [String] = []
    var language: String?
    var citations: Int?
    var contributors: [Contributor] = []
    var organizations: [String] = []
    var subjects: [String] = []

    init(line: Int) {
        self.line = line
    }

    enum Problem: Error {
        case noDOI
    }

    /// The work, and the subject names that match no ASJC name.
    func work(cache: AffiliationCache) throws -> (work: Work, unmatchedSubjects: [String]) {
        guard let doi = Identifiers.normalizedDOI(doi) else { throw Problem.noDOI }
        var work = Work(source: .crossref, sourceID: doi, line: line, doi: doi)
        work.title = title.map(Self.collapsed).flatMap { $0.isEmpty ? nil : $0 }
        work.year = year
        work.documentType = type
        work.sourceTitle = containerTitle.map(Self.collapsed)
        work.language = language
        work.citations = citations
        let issns = ([issnPrint, issnElectronic].compactMap { $0 } + otherISSNs).compactMap { Identifiers.normalizedISSN($0) }
        var unique: [String] = []
        for issn in issns where !unique.contains(issn) { unique.append(issn) }
        work.issn = issnPrint.flatMap { Identifiers.normalizedISSN($0) } ?? unique.first { $0 != issnElectronic.flatMap { Identifiers.normalizedISSN($0) } }
        work.eissn = issnElectronic.flatMap { Identifiers.normalizedISSN($0) } ?? unique.first { $0 != work.issn }
        work.organizations = organizations
        var affiliationIndex: [String: Int] = [:]
        for contributor in contributors {
            guard let family = contributor.family?.trimmedString, !family.isEmpty else {
                if let name = contributor.given?.trimmedString, !name.isEmpty { work.organizations.append(name) }
                continue
            }
            let given = contributor.given?.trimmedString ?? ""
            var own: [Int] = []
            for text in contributor.affiliations {
                for piece in Self.collapsed(text).splitting(on: "; ").map({ $0.trimmedString }) where !piece.isEmpty {
                    let index: Int
                    if let known = affiliationIndex[piece] {
                        index = known
                    } else {
                        index = work.affiliations.count
                        affiliationIndex[piece] = index
                        work.affiliations.append(cache.affiliation(piece))
                    }
                    if !own.contains(index) { own.append(index) }
                }
            }
            let orcid = contributor.orcid.map(OpenAlexWork.orcidFromURL)
            let identity = orcid.map { AuthorIdentity(kind: .orcid, value: $0) } ?? AuthorIdentity.nameKey(family: family, given: given)
            work.authorships.append(Authorship(position: work.authorships.count + 1, name: given.isEmpty ? family : family + ", " + given,
                                               identity: identity, affiliationIndices: own, orcid: orcid))
        }
        var codes: [String] = []
        var unmatched: [String] = []
        for subject in subjects {
            if let code = ASJC.standard.code(forName: subject) {
                if !codes.contains(code) { codes.append(code) }
            } else {
                unmatched.append(subject)
            }
        }
        work.fields = ASJC.standard.fields(for: codes)
        return (work, unmatched)
    }

    /// Text with its runs of white space (line breaks and indentation inside XML elements) made one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Accepts the work, or reports why it cannot be read; says which subjects matched no ASJC name.
    func deliver(to sink: RecordSink, path: String, cache: AffiliationCache) throws {
        do {
            let (work, unmatched) = try work(cache: cache)
            if !unmatched.isEmpty {
                sink.warn(Diagnostic(file: path, line: line, recordID: work.sourceID, severity: .warning,
                                     message: "subject(s) \(unmatched.map { "'\($0)'" }.joined(separator: ", ")) match no ASJC name; left out"))
            }
            try sink.accept(work)
        } catch Problem.noDOI {
            sink.skip(Diagnostic(file: path, line: line, recordID: nil, severity: .error, message: "the record has no DOI; skipped"))
        }
    }
}
