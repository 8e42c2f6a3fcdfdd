/// One PubMed citation as both PubMed layouts carry it (XML and MEDLINE text), before it becomes a `Work`.
///
/// Both readers fill this value and share `work(cache:)`, so a citation gives the same rows whichever
/// layout it was exported in.
struct PubMedRecord {
    struct Author {
        var lastName: String?
        var foreName: String?
        var initials: String?
        var collectiveName: String?
        var orcid: String?
        /// The author's `Affiliation` elements (`AD` lines), as written.
        var affiliations: [String] = []
    }

    var line: Int
    var pmid: String?
    /// `ArticleIdList/ArticleId[@IdType=doi]` (`AID … [doi]`).
    var articleDOI: String?
    /// `ELocationID[@EIdType=doi]` (`LID … [doi]`).
    var locationDOI: String?
    var title: String?
    var year: Int?
    var journalTitle: String?
    var issnPrint: String?
    var issnElectronic: String?
    var language: String?
    var publicationTypes: [String] = []
    /// MeSH descriptor names (without qualifiers or the major-topic `*`).
    var meshDescriptors: [String] = []
    var authors: [Author] = []

    init(line: Int) {
        self.line = line
    }

    /// The year at the start of a `MedlineDate` or `DP` value: `1998 Dec-1999 Jan` → 1998.
    static func year(in text: String) -> Int? {
        var digits = 0
        var value = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits == 4 { return (1000...2999).contains(value) ? value : nil }
            } else {
                digits = 0
                value = 0
            }
        }
        return nil
    }

    /// Runs of white space as one space, trimmed (titles and affiliations wrap differently in the two layouts).
    static func collapsingWhitespace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var changed = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if byte != 0x20 || pendingSpace || bytes.isEmpty { changed = true }
                pendingSpace = true
            } else {
                if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        if pendingSpace { changed = true }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// An ORCID in its canonical form `0000-0002-1825-0097`, from a bare, hyphenated or URL form.
    static func normalizedORCID(_ text: String) -> String? {
        let characters = text.uppercased().filter { $0.isASCII && ($0.isNumber || $0 == "X") }
        guard characters.count >= 16 else { return nil }
        let digits = Array(characters.suffix(16))
        return stride(from: 0, to: 16, by: 4).map { String(digits[$0..<($0 + 4)]) }.joined(separator: "-")
    }

    /// The affiliations of one affiliation string, white space collapsed (`CountryResolver.splitJoinedAddresses`).
    static func affiliationParts(_ text: String, resolver: CountryResolver = .standard) -> [String] {
        let collapsed = collapsingWhitespace(text)
        guard collapsed.utf8.contains(UInt8(ascii: ";")) || collapsed.firstUTF8Range(of: " and ") != nil else {
            return collapsed.isEmpty ? [] : [collapsed]
        }
        return resolver.splitJoinedAddresses(collapsed)
    }

    /// The work this citation describes.
    /// - Throws: `PubMedRecordError.missingPMID` when the citation has no PMID.
    func work(cache: AffiliationCache) throws -> Work {
        guard let pmid, !pmid.isEmpty else { throw PubMedRecordError.missingPMID }
        var work = Work(source: .pubmed, sourceID: pmid, line: line)
        work.pmid = pmid
        work.doi = Identifiers.normalizedDOI(articleDOI) ?? Identifiers.normalizedDOI(locationDOI)
        work.title = title.map(Self.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        work.year = year
        work.sourceTitle = journalTitle.map(Self.collapsingWhitespace)
        work.issn = issnPrint.flatMap { Identifiers.normalizedISSN($0) }
        work.eissn = issnElectronic.flatMap { Identifiers.normalizedISSN($0) }
        work.language = language
        work.documentType = publicationTypes.isEmpty ? nil : publicationTypes.joined(separator: "; ")
        for descriptor in meshDescriptors {
            let field = FieldAssignment(scheme: "mesh", code: descriptor, name: descriptor)
            if !work.fields.contains(field) { work.fields.append(field) }
        }
        var affiliationIndex: [String: Int] = [:]
        for author in authors {
            // A group author (`CollectiveName`) is not a person: it is the work's organisation, never an authorship
            // (definitions §1), so it counts neither in n_p nor among the authors; the persons keep byline positions 1…n.
            if let collective = author.collectiveName.map(Self.collapsingWhitespace), author.lastName == nil {
                if !collective.isEmpty, !work.organizations.contains(collective) { work.organizations.append(collective) }
                continue
            }
            let family = author.lastName ?? ""
            let given = author.foreName ?? author.initials ?? ""
            let name = given.isEmpty ? family : family + ", " + given
            let identity = author.orcid.map { AuthorIdentity(kind: .orcid, value: $0) }
                ?? AuthorIdentity.nameKey(family: family, given: given)
            var own: [Int] = []
            for text in author.affiliations {
                for part in cache.parts(of: text, split: { Self.affiliationParts($0) }) {
                    let index: Int
                    if let known = affiliationIndex[part] {
                        index = known
                    } else {
                        index = work.affiliations.count
                        affiliationIndex[part] = index
                        work.affiliations.append(cache.affiliation(part))
                    }
                    if !own.contains(index) { own.append(index) }
                }
            }
            work.authorships.append(Authorship(position: work.authorships.count + 1, name: name, identity: identity,
                                               affiliationIndices: own, orcid: author.orcid))
        }
        return work
    }
}

enum PubMedRecordError: Error {
    case missingPMID
}
