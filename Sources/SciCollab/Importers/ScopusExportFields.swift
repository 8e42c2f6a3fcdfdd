import Foundation

/// Values that Scopus writes the same way in its RIS and BibTeX exports.
enum ScopusExportFields {
    /// The EID in a Scopus record URL (`…record.uri?eid=2-s2.0-85165627975&doi=…` → `2-s2.0-85165627975`),
    /// the id the Scopus CSV export has in its `EID` column.
    static func eid(fromURL url: String) -> String? {
        guard let start = url.firstUTF8Range(of: "eid=") else { return nil }
        let rest = url[start.upperBound...]
        let value = rest.prefix { $0 != "&" && $0 != "#" && !$0.isWhitespace }
        return value.hasPrefix("2-s2.0-") ? String(value) : nil
    }

    /// The count in a Scopus citation note: `Cited By: 4`, `Cited By :3`, `cited By 0`,
    /// `Export Date: 27 November 2023; Cited By: 4`. Nil when the note has none.
    static func citedBy(inNote note: String) -> Int? {
        let lower = note.lowercased()
        guard let range = lower.firstUTF8Range(of: "cited by") else { return nil }
        let digits = lower[range.upperBound...].drop { $0 == " " || $0 == ":" }.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// Whether any record of the file carries a citation note, found by one of `needles` (lower case;
    /// matched case-insensitively). Scopus leaves the note out of an uncited record in some vintages
    /// (`Cited By :3` only where there are citations), so a record without one has zero citations when the
    /// export includes citation counts at all, and an unknown count when it does not (definitions §1). The file is
    /// scanned once, a chunk at a time.
    static func fileHasCitationNotes(_ path: String, needles: [String]) throws -> Bool {
        let patterns = needles.map { Array($0.utf8) }
        let overlap = (patterns.map(\.count).max() ?? 1) - 1
        let source = try ByteSources.open(path)
        var carry: [UInt8] = []
        while let chunk = try source.nextChunk() {
            var window = carry
            window.append(contentsOf: chunk)
            let lowered = window.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if patterns.contains(where: { lowered.firstRange(of: $0) != nil }) { return true }
            carry = Array(window.suffix(overlap))
        }
        return false
    }

    /// The ISSNs of a Scopus `SN`/`issn` value (`0167-4048`, `01674048; 1234567X`, `978-030969114-7 (ISBN)`),
    /// ISBNs left out.
    static func issns(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(whereSeparator: { $0 == ";" || $0 == "," })
            .map { $0.trimmedString }
            .filter { !$0.uppercased().contains("ISBN") }
            .compactMap { Identifiers.normalizedISSN($0.replacingOccurrences(of: "(ISSN)", with: "")) }
    }

    /// An author written `Family, Given` (`Porter, D.E.`, `Porter, Dwayne E.`), as Scopus's RIS and BibTeX
    /// exports write them, with its name key (these exports carry no Scopus author ids).
    static func author(_ written: String) -> ScopusAuthorName {
        let parts = written.split(separator: ",", maxSplits: 1).map { $0.trimmedString }
        let family = parts.first ?? written
        let given = parts.count > 1 ? parts[1] : ""
        let display = given.isEmpty ? family : family + " " + given
        return ScopusAuthorName(display: display, family: family, given: given,
                                identity: AuthorIdentity.nameKey(family: family, given: given))
    }

    /// The work's authors and affiliations when the export does not link them: every author gets every
    /// affiliation (definitions §4). The work is flagged when that is a guess — more than one author and more
    /// than one affiliation — so fractional figures can say so.
    static func linkShared(authors: [ScopusAuthorName], affiliations: [String], corresponding: Int?,
                           cache: AffiliationCache, into work: inout Work) {
        // One line may join two addresses with `; ` (definitions §2): they are two affiliations, as in the BibTeX list.
        var unique: [String] = []
        for line in affiliations {
            for piece in line.splitting(on: "; ").map({ $0.trimmedString }) where !piece.isEmpty && !unique.contains(piece) {
                unique.append(piece)
            }
        }
        work.affiliations = unique.map(cache.affiliation)
        work.authorships = authors.enumerated().map { index, author in
            Authorship(position: index + 1, name: author.display, identity: author.identity,
                       isCorresponding: index == corresponding, affiliationIndices: Array(unique.indices))
        }
        work.affiliationsShared = authors.count > 1 && unique.count > 1
    }

    /// The file-level notes of an export whose records carry no affiliations or no citation notes: said
    /// once per file, as warnings without a line, so the import report shows why its figures are empty.
    static func reportMissing(affiliationsSeen: Bool, citationsSeen: Bool, records: Int, path: String,
                              affiliationField: String, sink: RecordSink) {
        guard records > 0 else { return }
        if !affiliationsSeen {
            sink.warn(Diagnostic(file: path, line: nil, recordID: nil, severity: .warning,
                                 message: "no record has affiliations (\(affiliationField)): the export was made without them, so its \(records) works have no countries"))
        }
        if !citationsSeen {
            sink.warn(Diagnostic(file: path, line: nil, recordID: nil, severity: .warning,
                                 message: "no record has a 'Cited by' note: the export was made without citation counts, so they are unknown"))
        }
    }
}
