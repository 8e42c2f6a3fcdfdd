/// The bibliographic database a record was exported from.
public enum SourceDatabase: String, Sendable, CaseIterable, Codable {
    case scopus, wos, pubmed, openalex, crossref, lens, dimensions
}

/// One work as an importer read it: the canonical model every format is turned into (definitions §1).
///
/// Quirks stay in the importer; every importer yields this value. Raw strings are kept beside the
/// normalized values (`Affiliation.raw` beside `Affiliation.country`).
public struct Work: Sendable, Equatable, Codable {
    public var source: SourceDatabase
    /// The source's own id: Scopus EID, WoS UT, PMID, OpenAlex W-id.
    public var sourceID: String
    /// Normalized DOI: lower case, no resolver prefix.
    public var doi: String?
    public var pmid: String?
    public var title: String?
    public var year: Int?
    public var documentType: String?
    public var sourceTitle: String?
    public var issn: String?
    public var eissn: String?
    public var language: String?
    /// Citations as exported; nil when the export has no such value (never 0 for unknown).
    /// Web of Science: `TC`, the Core Collection count.
    public var citations: Int?
    /// Web of Science `Z9`: citations in all Web of Science databases, kept beside `citations`.
    public var citationsAllDatabases: Int?
    /// Citations per calendar year, where the export has them.
    public var citationsByYear: [Int: Int]
    /// A source-provided field-weighted impact (OpenAlex `fwci`), kept apart from computed values.
    public var sourceFWCI: Double?
    /// A source-provided citation percentile, 0–1 (OpenAlex `citation_normalized_percentile.value`).
    public var sourcePercentile: Double?
    /// The source's linking ISSN (OpenAlex `issn_l`).
    public var issnL: String?
    /// Organisation names the record lists for the whole work (Web of Science `C3`).
    public var organizations: [String] = []
    /// The work's distinct affiliations; authorships refer to them by index.
    public var affiliations: [Affiliation]
    /// Authors in byline order.
    public var authorships: [Authorship]
    public var fields: [FieldAssignment]
    /// The line of the file where the record starts (1-based).
    public var line: Int
    /// True when the export does not say which author has which affiliation (Scopus RIS and BibTeX
    /// without affiliation letters): every author is given every affiliation of the work (definitions §4), so
    /// fractional counts spread each author over all of the work's countries.
    public var affiliationsShared = false

    public init(
        source: SourceDatabase, sourceID: String, line: Int, doi: String? = nil, pmid: String? = nil,
        title: String? = nil, year: Int? = nil, documentType: String? = nil, sourceTitle: String? = nil,
        issn: String? = nil, eissn: String? = nil, language: String? = nil, citations: Int? = nil,
        citationsByYear: [Int: Int] = [:], sourceFWCI: Double? = nil, affiliations: [Affiliation] = [],
        authorships: [Authorship] = [], fields: [FieldAssignment] = []
    ) {
        self.source = source
        self.sourceID = sourceID
        self.line = line
        self.doi = doi
        self.pmid = pmid
        self.title = title
        self.year = year
        self.documentType = documentType
        self.sourceTitle = sourceTitle
        self.issn = issn
        self.eissn = eissn
        self.language = language
        self.citations = citations
        self.citationsByYear = citationsByYear
        self.sourceFWCI = sourceFWCI
        self.affiliations = affiliations
        self.authorships = authorships
        self.fields = fields
    }
}

extension Work {
    /// The correspondence fallback (definitions §2): when no affiliation of the work has a country and the corresponding
    /// author's address has one, that address becomes the author's affiliation with `country_source` =
    /// `correspondence`. Nothing changes when any affiliation resolves or the address does not.
    public mutating func placeByCorrespondence(authorship: Int, address: Affiliation) {
        guard address.country != nil, authorships.indices.contains(authorship),
              !affiliations.contains(where: { $0.country != nil }) else { return }
        var affiliation = address
        affiliation.countrySource = .correspondence
        affiliations.append(affiliation)
        authorships[authorship].affiliationIndices.append(affiliations.count - 1)
    }
}

/// How an author is identified (definitions §1): the source's author id, else ORCID, else a name key.
public struct AuthorIdentity: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case sourceID = "source_id"
        case orcid
        case nameKey = "name_key"
    }

    public let kind: Kind
    /// `scopus:57221302630`, `0000-0002-1825-0097`, or `smith j`.
    public let value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The name key of an author: folded family name and first initial (`Müller-Lüdenscheidt, K.-H.` →
    /// `muller ludenscheidt k`).
    public static func nameKey(family: some StringProtocol, given: some StringProtocol) -> AuthorIdentity {
        let initial = TextFolding.firstFoldedCharacter(of: given).map { " " + String($0) } ?? ""
        return AuthorIdentity(kind: .nameKey, value: TextFolding.fold(family) + initial)
    }
}

/// An author's place in a work's byline.
public struct Authorship: Sendable, Equatable, Codable {
    /// 1-based position in the byline.
    public var position: Int
    /// The name as the export wrote it.
    public var name: String
    public var identity: AuthorIdentity
    public var isCorresponding: Bool
    /// The author's ORCID (`0000-0002-1825-0097`), where the export gives one.
    public var orcid: String?
    /// The author's Web of Science ResearcherID (`B-5991-2008`), where the export gives one.
    public var researcherID: String?
    /// Indices into `Work.affiliations`: this author's own affiliations.
    public var affiliationIndices: [Int]

    public init(position: Int, name: String, identity: AuthorIdentity, isCorresponding: Bool = false,
                affiliationIndices: [Int] = [], orcid: String? = nil, researcherID: String? = nil) {
        self.orcid = orcid
        self.researcherID = researcherID
        self.position = position
        self.name = name
        self.identity = identity
        self.isCorresponding = isCorresponding
        self.affiliationIndices = affiliationIndices
    }
}

/// An affiliation: the raw string and what was read from it.
public struct Affiliation: Sendable, Equatable, Codable {
    public var raw: String
    public var institution: String?
    /// The folded institution name used for comparison.
    public var institutionKey: String?
    /// The source's institution id (OpenAlex I-id, ROR), where given.
    public var institutionID: String?
    /// The institution's ROR id (`05ppvf150`), where given.
    public var ror: String?
    /// ISO 3166-1 alpha-2, or nil when unresolved.
    public var country: String?
    /// Where the country came from (`affiliations.country_source`).
    public var countrySource: CountrySource
    /// Whether the country came from a structured source code rather than an address.
    public var countryIsStructured: Bool {
        get { countrySource == .structured }
        set { countrySource = newValue ? .structured : .address }
    }

    public init(raw: String, institution: String? = nil, institutionKey: String? = nil, institutionID: String? = nil,
                ror: String? = nil, country: String? = nil, countryIsStructured: Bool = false, countrySource: CountrySource? = nil) {
        self.raw = raw
        self.ror = ror
        self.institution = institution
        self.institutionKey = institutionKey
        self.institutionID = institutionID
        self.country = country
        self.countrySource = countrySource ?? (countryIsStructured ? .structured : .address)
    }

    /// An affiliation read from an address string: institution (definitions §1) and country (definitions §2).
    public static func parsing(_ raw: String, order: InstitutionExtractor.AddressOrder,
                               resolver: CountryResolver = .standard) -> Affiliation {
        let institution = InstitutionExtractor.institution(of: raw, order: order)
        return Affiliation(raw: raw, institution: institution?.name, institutionKey: institution?.key,
                           country: resolver.country(ofAddress: raw))
    }
}

/// Where an affiliation's country came from (definitions §2).
public enum CountrySource: String, Sendable, Equatable, CaseIterable, Codable {
    /// A code given by the source (OpenAlex `country_code`).
    case structured
    /// Read from the affiliation's address.
    case address
    /// Read from the corresponding author's address, because no affiliation of the work resolved.
    case correspondence
}

/// Remembers the affiliations read from address strings during one import: exports repeat the same
/// addresses many times, and reading one (institution and country) costs far more than a lookup.
/// Bounded: it starts afresh after `capacity` distinct strings, so memory stays flat.
public final class AffiliationCache {
    private var entries: [String: Affiliation] = [:]
    private let capacity: Int
    private let order: InstitutionExtractor.AddressOrder
    private let resolver: CountryResolver

    public init(order: InstitutionExtractor.AddressOrder, resolver: CountryResolver = .standard, capacity: Int = 25_000) {
        self.order = order
        self.resolver = resolver
        self.capacity = capacity
    }

    /// The affiliation read from `raw`, as `Affiliation.parsing` reads it.
    public func affiliation(_ raw: String) -> Affiliation {
        if let known = entries[raw] { return known }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let parsed = Affiliation.parsing(raw, order: order, resolver: resolver)
        entries[raw] = parsed
        return parsed
    }

    private var splits: [String: [String]] = [:]

    /// The affiliations a free-text string holds, as `split` divides it; remembered like the affiliations.
    public func parts(of text: String, split: (String) -> [String]) -> [String] {
        if let known = splits[text] { return known }
        if splits.count >= capacity { splits.removeAll(keepingCapacity: true) }
        let parts = split(text)
        splits[text] = parts
        return parts
    }
}

/// A work's membership in a field of a classification scheme.
public struct FieldAssignment: Sendable, Equatable, Hashable, Codable {
    public var scheme: String
    public var code: String
    public var name: String?

    public init(scheme: String, code: String, name: String? = nil) {
        self.scheme = scheme
        self.code = code
        self.name = name
    }
}
