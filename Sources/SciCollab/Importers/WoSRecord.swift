/// One Web of Science record as both export layouts carry it, before it becomes a `Work`.
///
/// The tagged text and the tab-delimited layout hold the same fields under the same two-letter tags; the
/// readers differ only in how they find them. `AU`, `AF` and `C1` are lists (one item per continuation line
/// in tagged text, `; `-separated in a tab-delimited cell); every other tag is one value.
struct WoSRecord {
    /// The tags the importer reads; every other tag is skipped without building a string.
    enum Tag: String, CaseIterable {
        case pt = "PT", au = "AU", af = "AF", ti = "TI", so = "SO", la = "LA", dt = "DT", c1 = "C1", c3 = "C3"
        case rp = "RP", ri = "RI", oi = "OI", tc = "TC", z9 = "Z9", sn = "SN", ei = "EI", py = "PY", ea = "EA"
        case di = "DI", pm = "PM", wc = "WC", sc = "SC", ut = "UT", ba = "BA", bf = "BF"

        /// Tags whose continuation lines are new items rather than more of the same value.
        var isList: Bool { self == .au || self == .af || self == .c1 || self == .ba || self == .bf }

        /// The tag spelled by two bytes, if the importer reads it.
        static func from(_ first: UInt8, _ second: UInt8) -> Tag? {
            lookup[Int(first) << 8 | Int(second)]
        }

        private static let lookup: [Int: Tag] = Dictionary(uniqueKeysWithValues: allCases.map { tag in
            let bytes = Array(tag.rawValue.utf8)
            return (Int(bytes[0]) << 8 | Int(bytes[1]), tag)
        })
    }

    /// The 1-based line where the record starts.
    var line: Int
    private(set) var values: [Tag: [String]] = [:]

    init(line: Int) {
        self.line = line
    }

    /// Appends an item (list tags) or continues the value (other tags, joined by a space).
    mutating func append(_ tag: Tag, _ text: String, continuing: Bool) {
        if continuing, !tag.isList, var existing = values[tag], let last = existing.popLast() {
            existing.append(last.isEmpty ? text : last + " " + text)
            values[tag] = existing
        } else {
            values[tag, default: []].append(text)
        }
    }

    /// Sets a tag from one tab-delimited cell, splitting list tags.
    mutating func set(_ tag: Tag, cell: String) {
        guard !cell.isEmpty else { return }
        switch tag {
        case .au, .af, .ba, .bf:
            values[tag] = cell.splitting(on: "; ", omittingEmptySubsequences: true).map { $0.trimmedString }
        case .c1:
            values[tag] = WoSAddresses.splitGroups(cell)
        default:
            values[tag] = [cell]
        }
    }

    subscript(tag: Tag) -> String? {
        values[tag]?.first.flatMap { value in
            let trimmed = value.trimmedString
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    func list(_ tag: Tag) -> [String] {
        values[tag] ?? []
    }

    var isEmpty: Bool { values.isEmpty }
}

/// Reading `C1`, `RP`, `OI` and `RI`.
enum WoSAddresses {
    /// A `C1` address group: the authors in its brackets (empty for older records, which have none) and the address.
    struct Group: Equatable {
        var names: [String]
        var address: String
    }

    /// `[A; B] Org, City, Country.` → names A and B, address `Org, City, Country` (one final full stop removed).
    static func group(_ item: String) -> Group {
        var text = Substring(item.trimmedString)
        var names: [String] = []
        if text.hasPrefix("["), let close = text.utf8.firstIndex(of: UInt8(ascii: "]")) {
            names = text[text.index(after: text.startIndex)..<close].splitting(on: ";").map { $0.trimmedString }.filter { !$0.isEmpty }
            text = text[text.index(after: close)...]
        }
        var address = text.trimmedString
        if address.hasSuffix(".") { address.removeLast() }
        return Group(names: names, address: address)
    }

    /// Splits a tab-delimited `C1` cell on the `; ` that separate groups, never on those inside brackets.
    static func splitGroups(_ cell: String) -> [String] {
        var groups: [String] = []
        var depth = 0
        var start = cell.utf8.startIndex
        var index = start
        let utf8 = cell.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth = max(0, depth - 1)
            } else if byte == UInt8(ascii: ";"), depth == 0 {
                let next = utf8.index(after: index)
                if next == utf8.endIndex || utf8[next] == UInt8(ascii: " ") {
                    groups.append(String(cell[start..<index]))
                    start = next == utf8.endIndex ? next : utf8.index(after: next)
                    index = start
                    continue
                }
            }
            index = utf8.index(after: index)
        }
        groups.append(String(cell[start...]))
        return groups.map { $0.trimmedString }.filter { !$0.isEmpty }
    }

    /// A corresponding author entry of `RP`: the names before `(reprint author)` / `(corresponding author)`
    /// and the address after it.
    struct Reprint: Equatable {
        var names: [String]
        var address: String
    }

    /// `Smith, J (corresponding author), Univ X, City, Country.; Doe, K (corresponding author), Univ Y, …`
    static func reprints(_ rp: String) -> [Reprint] {
        var result: [Reprint] = []
        var rest = Substring(rp)
        let markers = ["(corresponding author)", "(reprint author)"]
        while let marker = markers.lazy.compactMap({ rest.firstUTF8Range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let names = rest[..<marker.lowerBound].split(separator: ";").map { $0.trimmedString }.filter { !$0.isEmpty }
            var after = rest[marker.upperBound...]
            if after.hasPrefix(",") { after = after.dropFirst() }
            // The address runs to the next `.; ` (the next entry) or the end.
            let end = after.firstUTF8Range(of: ".; ")
            var address = (end.map { after[..<$0.lowerBound] } ?? after).trimmedString
            if address.hasSuffix(".") { address.removeLast() }
            result.append(Reprint(names: names, address: address))
            guard let end else { break }
            rest = after[end.upperBound...]
        }
        return result
    }

    /// `OI`/`RI`: `Family, Given/identifier; …` as (name, identifier) pairs.
    static func identifiers(_ value: String) -> [(name: String, id: String)] {
        value.split(separator: ";").compactMap { entry in
            guard let slash = entry.lastIndex(of: "/") else { return nil }
            let name = entry[..<slash].trimmedString
            let id = entry[entry.index(after: slash)...].trimmedString
            return name.isEmpty || id.isEmpty ? nil : (name, id)
        }
    }
}

extension WoSRecord {
    /// The work this record describes.
    /// - Throws: `WoSRecordError` when the record has no `UT`.
    func work(cache: AffiliationCache, file: String, warn: (Diagnostic) -> Void) throws -> Work {
        guard let ut = self[.ut] else { throw WoSRecordError.missingUT }
        var work = Work(source: .wos, sourceID: ut, line: line)
        work.title = self[.ti]
        work.sourceTitle = self[.so]
        work.language = self[.la]
        work.documentType = self[.dt]
        work.doi = Identifiers.normalizedDOI(self[.di])
        work.pmid = self[.pm]
        work.issn = self[.sn].flatMap { Identifiers.normalizedISSN($0) }
        work.eissn = self[.ei].flatMap { Identifiers.normalizedISSN($0) }
        if let py = self[.py] {
            work.year = Int(py)
        } else if let ea = self[.ea], let last = ea.split(separator: " ").last {
            work.year = Int(last)  // early access only: `JUN 2023`
        }
        func count(_ tag: Tag) -> Int? {
            guard let text = self[tag] else { return nil }
            if let value = Int(text), value >= 0 { return value }
            warn(Diagnostic(file: file, line: line, recordID: ut, severity: .warning,
                            message: "\(tag.rawValue) is not a citation count: \"\(text)\"; stored as unknown"))
            return nil
        }
        work.citations = count(.tc)
        work.citationsAllDatabases = count(.z9)
        for (tag, scheme) in [(Tag.wc, "wos-category"), (Tag.sc, "wos-area")] {
            guard let value = self[tag] else { continue }
            for name in value.split(separator: ";").map({ $0.trimmedString }) where !name.isEmpty {
                let field = FieldAssignment(scheme: scheme, code: name, name: name)
                if !work.fields.contains(field) { work.fields.append(field) }
            }
        }
        if let c3 = self[.c3] {
            work.organizations = c3.split(separator: ";").map { $0.trimmedString }.filter { !$0.isEmpty }
        }
        readAuthors(into: &work, cache: cache, file: file, warn: warn)
        return work
    }

    private func readAuthors(into work: inout Work, cache: AffiliationCache, file: String, warn: (Diagnostic) -> Void) {
        // Book records without AU give their authors as book authors (BA, BF).
        let bookAuthors = list(.au).isEmpty && list(.af).isEmpty
        let short = bookAuthors ? list(.ba) : list(.au)
        let full = bookAuthors ? list(.bf) : list(.af)
        let count = max(short.count, full.count)
        guard count > 0 else { return }
        let names = (0..<count).map { WoSName(short: $0 < short.count ? short[$0] : nil, full: $0 < full.count ? full[$0] : nil) }
        let index = WoSNameIndex(names)

        // ORCIDs and ResearcherIDs, by the name they are listed under; the first for an author wins.
        func identifiers(_ tag: Tag) -> [Int: String] {
            var found: [Int: String] = [:]
            let entries: [(name: String, id: String)] = self[tag].map(WoSAddresses.identifiers) ?? []
            for entry in entries {
                if let position = index.position(of: entry.name), found[position] == nil { found[position] = entry.id }
            }
            return found
        }
        let orcids = identifiers(.oi).mapValues { $0.uppercased() }
        let researcherIDs = identifiers(.ri)

        var affiliationIndex: [String: Int] = [:]
        func affiliation(_ address: String) -> Int {
            if let known = affiliationIndex[address] { return known }
            affiliationIndex[address] = work.affiliations.count
            work.affiliations.append(cache.affiliation(address))
            return work.affiliations.count - 1
        }
        var own = [[Int]](repeating: [], count: count)
        func link(_ position: Int, _ affiliationID: Int) {
            if !own[position].contains(affiliationID) { own[position].append(affiliationID) }
        }
        // A bracketed address belongs to the authors in its brackets; an unbracketed one, in a record that also has
        // bracketed ones, to the authors no bracket names; in a record without brackets, to every author (definitions §2).
        let groups = list(.c1).map(WoSAddresses.group).filter { !$0.address.isEmpty }
        // The positions of each name in each group's brackets.
        let groupPositions = groups.map { $0.names.map(index.positions(of:)) }
        let named = Set(groupPositions.joined().joined())
        let unnamed = groups.contains { !$0.names.isEmpty } ? (0..<count).filter { !named.contains($0) } : Array(0..<count)
        var reportedTwins = Set<String>()
        for (group, namePositions) in zip(groups, groupPositions) {
            let id = affiliation(group.address)
            if group.names.isEmpty {
                for position in unnamed { link(position, id) }
            }
            for (name, positions) in zip(group.names, namePositions) {
                if positions.isEmpty {
                    warn(Diagnostic(file: file, line: line, recordID: work.sourceID, severity: .warning,
                                    message: "C1 names \"\(name)\", who is not in AU/AF; the address is kept for the work only"))
                } else if positions.count > 1, reportedTwins.insert(TextFolding.fold(name)).inserted {
                    warn(Diagnostic(file: file, line: line, recordID: work.sourceID, severity: .warning,
                                    message: "AU/AF lists \(positions.count) authors named \"\(name)\"; each is given the addresses of that name's brackets"))
                }
                for position in positions { link(position, id) }
            }
        }

        var corresponding = Set<Int>()
        let reprints = self[.rp].map(WoSAddresses.reprints) ?? []
        for reprint in reprints {
            for name in reprint.names {
                if let position = index.position(of: name) { corresponding.insert(position) }
            }
        }
        // Records without C1 still give the corresponding author's address (definitions §2, correspondence fallback).
        if list(.c1).isEmpty {
            for reprint in reprints where !reprint.address.isEmpty {
                let id = affiliation(reprint.address)
                if work.affiliations[id].country != nil { work.affiliations[id].countrySource = .correspondence }
                for name in reprint.names {
                    if let position = index.position(of: name) { link(position, id) }
                }
            }
        }

        for position in 0..<count {
            let name = names[position]
            let identity: AuthorIdentity
            if let rid = researcherIDs[position] {
                identity = AuthorIdentity(kind: .sourceID, value: "wos:" + rid)
            } else if let orcid = orcids[position] {
                identity = AuthorIdentity(kind: .orcid, value: orcid)
            } else {
                identity = index.nameKeys[position]
            }
            work.authorships.append(Authorship(
                position: position + 1, name: name.display, identity: identity,
                isCorresponding: corresponding.contains(position), affiliationIndices: own[position],
                orcid: orcids[position], researcherID: researcherIDs[position]))
        }
    }
}

enum WoSRecordError: Error {
    case missingUT
}

/// An author's names in a record: `AU` (`Owen-Smith, J`) and `AF` (`Owen-Smith, Jason`).
struct WoSName {
    var short: String?
    var full: String?

    var display: String { full ?? short ?? "" }

    /// The name key (definitions §1): folded family name and first initial.
    var nameKey: AuthorIdentity {
        let name = short ?? full ?? ""
        let parts = name.split(separator: ",", maxSplits: 1)
        return AuthorIdentity.nameKey(family: parts.first ?? "", given: parts.count > 1 ? parts[1] : "")
    }
}

/// Finds an author's positions from a name as `C1`, `RP`, `OI` or `RI` write it: the folded full name, the
/// folded short name, the same without spaces (`Al Asfoor, Deena` is `Alasfoor, Deena`), then the name key when
/// exactly one author has it. Two authors with the same name in one byline both answer to it.
struct WoSNameIndex {
    private var byName: [String: [Int]] = [:]
    /// Each author's distinct folded names (full, then short), by position.
    private var foldedNames: [[String]] = []
    /// Each author's name key, by position.
    private(set) var nameKeys: [AuthorIdentity] = []
    /// For long bylines, the positions by compact name and by name key, so that a miss costs no scan of the byline.
    private var byCompactName: [String: [Int]]?
    private var byKey: [String: [Int]]?

    /// Bylines longer than this are indexed by compact name and name key as well.
    private static let scannedBylineLength = 32

    init(_ names: [WoSName]) {
        foldedNames.reserveCapacity(names.count)
        nameKeys.reserveCapacity(names.count)
        for (position, name) in names.enumerated() {
            let full = name.full.map(TextFolding.fold)
            let short = name.short.map(TextFolding.fold)
            let forms = [full, short == full ? nil : short].compactMap { $0 }
            for form in forms { byName[form, default: []].append(position) }
            foldedNames.append(forms)
            nameKeys.append(name.nameKey)
        }
        if names.count > Self.scannedBylineLength {
            var byCompactName: [String: [Int]] = [:], byKey: [String: [Int]] = [:]
            for position in names.indices {
                for compact in Set(foldedNames[position].map(Self.compact)) { byCompactName[compact, default: []].append(position) }
                byKey[nameKeys[position].value, default: []].append(position)
            }
            (self.byCompactName, self.byKey) = (byCompactName, byKey)
        }
    }

    /// A folded name without its spaces: hyphens, accents and spaces do not tell names apart.
    private static func compact(_ folded: String) -> String {
        folded.utf8.contains(UInt8(ascii: " ")) ? String(decoding: folded.utf8.filter { $0 != UInt8(ascii: " ") }, as: UTF8.self) : folded
    }

    /// Every position the name denotes (more than one for authors of the same name), or none. In a short byline the
    /// forms after the folded name are tried author by author: a name rarely needs them.
    func positions(of name: String) -> [Int] {
        let folded = TextFolding.fold(name)
        if let positions = byName[folded] { return positions }
        let compact = Self.compact(folded)
        let compactMatches = byCompactName.map { $0[compact] ?? [] }
            ?? foldedNames.indices.filter { foldedNames[$0].contains { Self.compact($0) == compact } }
        if !compactMatches.isEmpty { return compactMatches }
        let parts = name.split(separator: ",", maxSplits: 1)
        let key = AuthorIdentity.nameKey(family: parts.first ?? "", given: parts.count > 1 ? parts[1] : "").value
        let keyMatches = byKey.map { $0[key] ?? [] } ?? nameKeys.indices.filter { nameKeys[$0].value == key }
        return keyMatches.count == 1 ? keyMatches : []
    }

    /// The first position the name denotes, or nil.
    func position(of name: String) -> Int? {
        positions(of: name).first
    }
}
