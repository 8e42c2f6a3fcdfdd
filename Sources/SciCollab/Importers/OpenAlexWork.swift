/// Reads an OpenAlex work object (API, snapshot) into a `Work`.
///
/// Countries come from the structured `country_code` of each institution (definitions §2) and are used as given;
/// a null code is unknown. Each institution of an authorship is one affiliation, keyed by its OpenAlex id,
/// with the raw affiliation strings that OpenAlex mapped to it. A country in the authorship's `countries`
/// that none of its institutions carries (OpenAlex read it from a raw string) becomes a country-only
/// affiliation. An authorship without institutions or countries keeps its raw strings with no country.
enum OpenAlexWork {
    /// The members of a work object that are read; the rest (abstract, references, locations …) are skipped.
    static let memberNames: Set<String> = [
        "id", "doi", "ids", "title", "display_name", "publication_year", "language", "type", "primary_location",
        "authorships", "cited_by_count", "counts_by_year", "fwci", "citation_normalized_percentile",
        "primary_topic", "topics",
    ]

    enum ReadError: Error {
        case notAWork(String)
    }

    static func work(from object: JSONValue, line: Int) throws -> Work {
        guard case .object = object else { throw ReadError.notAWork("the record is not a JSON object") }
        guard let id = object["id"]?.string.map(shortID), !id.isEmpty else {
            throw ReadError.notAWork("the record has no \"id\"")
        }
        guard id.hasPrefix("W") else { throw ReadError.notAWork("\"\(id)\" is not a work id (W…)") }
        var work = Work(source: .openalex, sourceID: id, line: line)
        work.doi = Identifiers.normalizedDOI(object["doi"]?.string)
        work.pmid = object["ids"]?["pmid"]?.string.map(pmidFromURL)
        work.title = (object["display_name"]?.string ?? object["title"]?.string).flatMap(nonEmpty)
        work.year = object["publication_year"]?.int
        work.language = object["language"]?.string
        work.documentType = object["type"]?.string
        if let source = object["primary_location"]?["source"], !source.isNull {
            work.sourceTitle = source["display_name"]?.string
            work.issnL = source["issn_l"]?.string.flatMap { Identifiers.normalizedISSN($0) }
            let issns = source["issn"]?.array?.compactMap { $0.string.flatMap { Identifiers.normalizedISSN($0) } } ?? []
            work.issn = issns.first
            work.eissn = issns.dropFirst().first
        }
        work.citations = object["cited_by_count"]?.int
        for entry in object["counts_by_year"]?.array ?? [] {
            if let year = entry["year"]?.int, let count = entry["cited_by_count"]?.int { work.citationsByYear[year] = count }
        }
        work.sourceFWCI = object["fwci"]?.double
        work.sourcePercentile = object["citation_normalized_percentile"]?["value"]?.double
        work.fields = fields(primary: object["primary_topic"], topics: object["topics"]?.array ?? [])
        // OpenAlex field ids 11–36 are the ASJC subject areas (definitions §8): the scheme shared with Scopus.
        for field in work.fields where field.scheme == "openalex-field" {
            guard let id = Int(field.code), (11...36).contains(id) else { continue }
            work.fields.append(FieldAssignment(scheme: "asjc-area", code: field.code, name: ASJC.standard.areaName(field.code) ?? field.name))
        }
        readAuthorships(object["authorships"]?.array ?? [], into: &work)
        return work
    }

    /// Subfields, fields and domains of the primary topic first, then of the other topics, each once.
    static func fields(primary: JSONValue?, topics: [JSONValue]) -> [FieldAssignment] {
        var fields: [FieldAssignment] = []
        let all = (primary.map { [$0] } ?? []) + topics
        for (level, scheme) in [("subfield", "openalex-subfield"), ("field", "openalex-field"), ("domain", "openalex-domain")] {
            for topic in all {
                guard let node = topic[level], let id = node["id"]?.string.map(shortID), !id.isEmpty else { continue }
                let field = FieldAssignment(scheme: scheme, code: id, name: node["display_name"]?.string)
                if !fields.contains(where: { $0.scheme == scheme && $0.code == id }) { fields.append(field) }
            }
        }
        return fields
    }

    private static func readAuthorships(_ authorships: [JSONValue], into work: inout Work) {
        var affiliationIndex: [String: Int] = [:]
        func affiliation(key: String, make: () -> Affiliation) -> Int {
            if let known = affiliationIndex[key] { return known }
            affiliationIndex[key] = work.affiliations.count
            work.affiliations.append(make())
            return work.affiliations.count - 1
        }
        for (offset, authorship) in authorships.enumerated() {
            let author = authorship["author"]
            let name = author?["display_name"]?.string ?? authorship["raw_author_name"]?.string ?? ""
            let orcid = author?["orcid"]?.string.map(orcidFromURL)
            let identity: AuthorIdentity
            if let id = author?["id"]?.string.map(shortID), !id.isEmpty {
                identity = AuthorIdentity(kind: .sourceID, value: "openalex:" + id)
            } else if let orcid {
                identity = AuthorIdentity(kind: .orcid, value: orcid)
            } else {
                identity = nameKey(displayName: name)
            }
            // Raw strings by the institution ids OpenAlex matched them to.
            var rawByInstitution: [String: [String]] = [:]
            var unmatchedRaw: [String] = []
            for entry in authorship["affiliations"]?.array ?? [] {
                guard let raw = entry["raw_affiliation_string"]?.string?.trimmedString, !raw.isEmpty else { continue }
                let ids = entry["institution_ids"]?.array?.compactMap { $0.string.map(shortID) } ?? []
                if ids.isEmpty { unmatchedRaw.append(raw) }
                for id in ids where !(rawByInstitution[id]?.contains(raw) ?? false) { rawByInstitution[id, default: []].append(raw) }
            }
            let rawStrings = authorship["raw_affiliation_strings"]?.array?.compactMap { $0.string?.trimmedString }.filter { !$0.isEmpty } ?? []
            if authorship["affiliations"] == nil { unmatchedRaw = rawStrings }

            var own: [Int] = []
            var coveredCountries = Set<String>()
            for institution in authorship["institutions"]?.array ?? [] {
                let id = institution["id"]?.string.map(shortID)
                let displayName = institution["display_name"]?.string
                let country = institution["country_code"]?.string?.uppercased()
                if let country { coveredCountries.insert(country) }
                let key = id ?? displayName ?? "?"
                let index = affiliation(key: "i:" + key) {
                    let matched = id.flatMap { rawByInstitution[$0] }
                    let raw = matched?.joined(separator: "; ") ?? displayName ?? key
                    // No country_code: the country of the raw strings matched to the institution (or the authorship's only
                    // raw string), read by definitions §2 when they agree.
                    let read = country == nil ? Self.addressCountry(matched ?? (rawStrings.count == 1 ? rawStrings : [])) : nil
                    return Affiliation(raw: raw, institution: displayName, institutionKey: id.map { "openalex:" + $0 } ?? displayName.map(TextFolding.fold),
                                       institutionID: id, ror: institution["ror"]?.string.map(rorFromURL),
                                       country: country ?? read, countryIsStructured: country != nil)
                }
                if !own.contains(index) { own.append(index) }
            }
            let countries = authorship["countries"]?.array?.compactMap { $0.string?.uppercased() } ?? []
            let extra = countries.filter { !coveredCountries.contains($0) }
            for country in extra {
                // A country OpenAlex read from a raw string it matched to no institution.
                let raw = unmatchedRaw.count == 1 && extra.count == 1 ? unmatchedRaw[0] : country
                let index = affiliation(key: "c:" + country + "|" + raw) {
                    Affiliation(raw: raw, country: country, countryIsStructured: true)
                }
                if !own.contains(index) { own.append(index) }
            }
            if own.isEmpty {
                for raw in rawStrings {
                    let index = affiliation(key: "r:" + raw) { Affiliation.parsing(raw, order: .subunitFirst) }
                    if !own.contains(index) { own.append(index) }
                }
            }
            work.authorships.append(Authorship(
                position: offset + 1, name: name, identity: identity,
                isCorresponding: authorship["is_corresponding"]?.bool ?? false, affiliationIndices: own, orcid: orcid))
        }
    }

    /// The one country the address strings resolve to by definitions §2, or nil when none resolves or they disagree.
    static func addressCountry(_ strings: [String]) -> String? {
        let countries = Set(strings.compactMap { CountryResolver.standard.country(ofAddress: $0) })
        return countries.count == 1 ? countries.first : nil
    }

    /// `https://openalex.org/W123` → `W123`; `https://openalex.org/subfields/3312` → `3312`.
    static func shortID(_ url: String) -> String {
        guard let slash = url.lastIndex(of: "/") else { return url }
        return String(url[url.index(after: slash)...])
    }

    static func orcidFromURL(_ url: String) -> String { shortID(url).uppercased() }
    static func rorFromURL(_ url: String) -> String { shortID(url) }
    static func pmidFromURL(_ url: String) -> String { shortID(url) }

    /// The name key of a display name written given name first: `Daniel Kaufmann` → `kaufmann d`.
    static func nameKey(displayName: String) -> AuthorIdentity {
        let parts = displayName.split(separator: " ")
        guard let family = parts.last else { return AuthorIdentity(kind: .nameKey, value: "?") }
        return AuthorIdentity.nameKey(family: family, given: parts.count > 1 ? parts[0] : "")
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmedString
        return trimmed.isEmpty ? nil : trimmed
    }
}
