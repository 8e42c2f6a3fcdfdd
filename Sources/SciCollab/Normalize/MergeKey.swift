import Foundation

/// The keys on which records of the same paper from several exports are merged into one work (definitions §9):
/// a normalised DOI, else a PMID, else the folded title with the publication year and the first author's
/// folded family name. An empty or malformed identifier gives no key, so it never matches.
public struct MergeKeys: Sendable, Equatable, Hashable {
    /// `10.1000/abc`: lower case, no resolver prefix, no surrounding punctuation; nil unless it is `10.<registrant>/<suffix>`.
    public var doi: String?
    /// Digits only, without leading zeros; nil for an empty, zero or non-numeric value.
    public var pmid: String?
    /// `folded title|year|family`; nil when the title, the year or the first author's family name is missing.
    public var title: String?

    public init(doi: String? = nil, pmid: String? = nil, title: String? = nil) {
        self.doi = doi
        self.pmid = pmid
        self.title = title
    }

    /// The keys of a record.
    public init(_ work: Work) {
        doi = Self.doi(work.doi)
        pmid = Self.pmid(work.pmid)
        title = Self.titleKey(title: work.title, year: work.year, firstAuthor: work.authorships.first { $0.position == 1 }?.name
                              ?? work.authorships.first?.name)
    }

    /// `https://doi.org/10.21031/EPOD.1069307.` → `10.21031/epod.1069307`; nil for an empty or malformed DOI.
    public static func doi(_ raw: String?) -> String? {
        guard var doi = raw?.trimmingWhitespace(newlines: true).lowercased(), !doi.isEmpty else { return nil }
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "dx.doi.org/", "doi:", "doi "]
        where doi.hasPrefix(prefix) {
            doi = String(doi.dropFirst(prefix.count)).trimmingWhitespace()
        }
        doi = doi.trimming(doiEdges)
        // 10.<registrant digits, dots>/<non-empty suffix without spaces>
        guard doi.hasPrefix("10."), let slash = doi.firstIndex(of: "/") else { return nil }
        let registrant = doi[doi.index(doi.startIndex, offsetBy: 3)..<slash]
        let suffix = doi[doi.index(after: slash)...]
        guard !registrant.isEmpty, registrant.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              !suffix.isEmpty, !suffix.contains(where: \.isWhitespace) else { return nil }
        return doi
    }

    /// What a DOI loses at either end: white space and the punctuation that ends a sentence around it.
    private static let doiEdges = CharacterSet(charactersIn: ".,;:").union(.whitespacesAndNewlines)

    /// `" 00123 "` → `123`; nil for an empty, zero or non-numeric PMID.
    public static func pmid(_ raw: String?) -> String? {
        guard let trimmed = raw?.trimmingWhitespace(newlines: true), !trimmed.isEmpty,
              trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let digits = trimmed.drop { $0 == "0" }
        return digits.isEmpty ? nil : String(digits)
    }

    /// `folded title|year|family`, nil when a part is missing.
    public static func titleKey(title: String?, year: Int?, firstAuthor: String?) -> String? {
        guard let title, let year, let firstAuthor else { return nil }
        let folded = TextFolding.fold(title)
        guard !folded.isEmpty, let family = familyKey(firstAuthor) else { return nil }
        return "\(folded)|\(year)|\(family)"
    }

    /// The last word of an author's folded family name, whatever the order the export writes the name in:
    /// `Owen-Smith, Jason`, `Owen-Smith J.`, `Owen-Smith, J` and `Jason Owen-Smith` all give `smith`.
    ///
    /// The family name is the part before a comma; without a comma, trailing initials (`J.`, `J.-H.`,
    /// `JH`) are dropped and the rest is the family name (`Smith J.`), and a name without initials is read
    /// given name first (OpenAlex `Jason Owen-Smith`). Its last word is the key, so compound names agree
    /// across orders (`García López, José` and `José García López` → `lopez`).
    public static func familyKey(_ name: String) -> String? {
        var family: Substring
        if let comma = name.firstIndex(of: ",") {
            family = name[..<comma]
        } else {
            var words = name.split(whereSeparator: \.isWhitespace)
            let initialsDropped = words.count > 1 && isInitials(words.last!)
            while words.count > 1, isInitials(words.last!) { words.removeLast() }
            family = initialsDropped ? Substring(words.joined(separator: " ")) : (words.last ?? "")
        }
        let folded = TextFolding.fold(family)
        guard let last = folded.split(separator: " ").last else { return nil }
        return String(last)
    }

    /// `J.`, `J.-H.`, `JH`, `J`: a word of initials (capital letters, full stops and hyphens, at most three letters).
    private static func isInitials(_ word: Substring) -> Bool {
        let letters = word.filter(\.isLetter)
        guard !letters.isEmpty, letters.count <= 3, word.allSatisfy({ $0.isLetter || $0 == "." || $0 == "-" }) else { return false }
        return word.contains(".") || letters.allSatisfy(\.isUppercase)
    }
}

/// How a record joined an existing work.
public enum MergeKeyKind: String, Sendable, CaseIterable, Codable {
    case doi, pmid, title
    /// The same record of the same database (source and source id) read from an export of another format.
    case sourceID = "source_id"
}
