import Foundation

/// Checks every work an importer produces against the store's constraints before it reaches the sink, so
/// that one bad value costs that value (dropped with a warning) or that record (skipped with its line),
/// never the file's transaction. Every format passes through it, new ones included.
///
/// Dropped with a warning: a year outside 1000–2999, a citation count below 0 or above
/// `ImportLimits.maxCitations`, a negative or non-finite source FWCI, a percentile outside 0–1, a country
/// code that is not ISO 3166-1 alpha-2 (an alpha-3 code is translated), an author whose name has no letter
/// or digit, NUL bytes in any text. Skipped: a record without a source id.
public final class ValidatingSink: RecordSink {
    private let target: RecordSink
    private let file: String

    public init(_ target: RecordSink, file: String) {
        self.target = target
        self.file = file
    }

    public func accept(_ work: Work) throws {
        var work = work
        var problems: [String] = []
        if Self.validate(&work, problems: &problems) {
            for problem in problems { warn(work, problem) }
            try target.accept(work)
        } else {
            target.skip(Diagnostic(file: file, line: max(work.line, 1), recordID: nil, severity: .error,
                                   message: problems.joined(separator: "; ")))
        }
    }

    public func skip(_ diagnostic: Diagnostic) { target.skip(diagnostic) }
    public func warn(_ diagnostic: Diagnostic) { target.warn(diagnostic) }
    public func delete(source: SourceDatabase, sourceID: String, line: Int) throws {
        try target.delete(source: source, sourceID: sourceID, line: max(line, 1))
    }

    private func warn(_ work: Work, _ message: String) {
        target.warn(Diagnostic(file: file, line: work.line, recordID: work.sourceID, severity: .warning, message: message))
    }

    /// Brings `work` within the store's constraints, appending what was changed to `problems`; false when the
    /// record cannot be stored at all.
    static func validate(_ work: inout Work, problems: inout [String]) -> Bool {
        if work.line < 1 { work.line = 1 }
        var nul = Set<String>()
        work.sourceID = removingNUL(work.sourceID, "source id", &nul).trimmingWhitespace()
        guard !work.sourceID.isEmpty else {
            problems.append("the record has no \(work.source.rawValue) id; skipped")
            return false
        }
        for (keyPath, name) in optionalTexts { work[keyPath: keyPath] = work[keyPath: keyPath].map { removingNUL($0, name, &nul) } }
        work.organizations = work.organizations.map { removingNUL($0, "organization", &nul) }
        if let year = work.year, !(1000...2999).contains(year) {
            problems.append("year \(year) is outside 1000–2999; left out")
            work.year = nil
        }
        for (keyPath, name) in [(\Work.citations, "citation count"), (\Work.citationsAllDatabases, "citation count (all databases)")] {
            if let count = work[keyPath: keyPath], !(0...ImportLimits.maxCitations).contains(count) {
                problems.append("\(name) \(count) is outside 0–\(ImportLimits.maxCitations); left out")
                work[keyPath: keyPath] = nil
            }
        }
        let badYears = work.citationsByYear.filter { !(1000...2999).contains($0.key) || !(0...ImportLimits.maxCitations).contains($0.value) }
        if !badYears.isEmpty {
            problems.append("\(badYears.count) per-year citation count(s) outside the year or count range; left out")
            for year in badYears.keys { work.citationsByYear[year] = nil }
        }
        if let fwci = work.sourceFWCI, !(fwci.isFinite && fwci >= 0) {
            problems.append("source FWCI \(fwci) is not a number of 0 or more; left out")
            work.sourceFWCI = nil
        }
        if let percentile = work.sourcePercentile, !(percentile.isFinite && (0...1).contains(percentile)) {
            problems.append("citation percentile \(percentile) is outside 0–1; left out")
            work.sourcePercentile = nil
        }
        for index in work.affiliations.indices {
            var affiliation = work.affiliations[index]
            affiliation.raw = removingNUL(affiliation.raw, "affiliation", &nul)
            affiliation.institution = affiliation.institution.map { removingNUL($0, "affiliation", &nul) }
            if let country = affiliation.country, !isAlpha2(country) {
                let upper = country.uppercased()
                if let alpha2 = WorldBankFile.alpha2[upper] ?? (isAlpha2(upper) ? upper : nil) {
                    affiliation.country = alpha2
                } else {
                    problems.append("country code \"\(country.prefix(20))\" is not ISO 3166-1 alpha-2; affiliation left unresolved")
                    affiliation.country = nil
                    affiliation.countryIsStructured = false
                }
            }
            work.affiliations[index] = affiliation
        }
        for index in work.authorships.indices {
            var authorship = work.authorships[index]
            authorship.name = removingNUL(authorship.name, "author name", &nul)
            if authorship.identity.value.utf8.contains(0) {
                authorship.identity = AuthorIdentity(kind: authorship.identity.kind, value: removingNUL(authorship.identity.value, "author name", &nul))
            }
            authorship.affiliationIndices = authorship.affiliationIndices.filter(work.affiliations.indices.contains)
            work.authorships[index] = authorship
        }
        let named = work.authorships.filter { $0.identity.value.hasNonWhitespace && $0.position >= 1 }
        if named.count < work.authorships.count {
            let dropped = work.authorships.filter { author in !named.contains { $0.position == author.position } }
            problems.append("author(s) \(dropped.map { "\"\($0.name.prefix(40))\"" }.joined(separator: ", ")) with no letter or digit in the name; left out")
            work.authorships = named
        }
        // SQLite measures text up to its first NUL: a code "\0…" would be empty to the schema.
        work.fields = work.fields.map { field in
            var field = field
            field.scheme = removingNUL(field.scheme, "field", &nul)
            field.code = removingNUL(field.code, "field", &nul).trimmingWhitespace()
            field.name = field.name.map { removingNUL($0, "field", &nul) }
            return field
        }.filter { !$0.scheme.isEmpty && !$0.code.isEmpty }
        if !nul.isEmpty { problems.append("NUL byte(s) removed from \(nul.sorted().joined(separator: ", "))") }
        return true
    }

    nonisolated(unsafe) private static let optionalTexts: [(WritableKeyPath<Work, String?>, String)] = [
        (\.doi, "DOI"), (\.pmid, "PMID"), (\.title, "title"), (\.documentType, "document type"), (\.sourceTitle, "source title"),
        (\.issn, "ISSN"), (\.eissn, "eISSN"), (\.language, "language"), (\.issnL, "ISSN-L"),
    ]

    private static func isAlpha2(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// `text` without NUL bytes (SQLite would cut the text at the first one); `name` is noted when one was there.
    private static func removingNUL(_ text: String, _ name: String, _ noted: inout Set<String>) -> String {
        guard text.utf8.contains(0) else { return text }
        noted.insert(name)
        return String(text.unicodeScalars.filter { $0 != "\u{0}" }.map(Character.init))
    }
}
