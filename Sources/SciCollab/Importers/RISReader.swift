/// Reads an RIS file (`TY  - JOUR` … `ER  -`) record by record, holding one record whatever the file size.
///
/// A tag line is two characters (a capital letter, then a capital letter or digit), two spaces, `-` and
/// an optional space and value. A line that is neither a tag line nor blank continues the previous value
/// (Scopus writes `N1  - References:` over many untagged lines); it is joined with a line break. A tag
/// glued to the end of such a continuation line (`…www.example.comUR  - https://…`, written by Scopus when
/// the last reference lacks its line break) is cut off and read as its own tag line. A UTF-8 byte order
/// mark before the first `TY` is dropped.
final class RISReader {
    /// One record: its tagged values in file order and where it starts.
    struct Record {
        /// The 1-based line of its `TY` tag.
        var line: Int
        /// The values of the tags the reader keeps, in file order.
        var fields: [(tag: String, value: String)] = []
        /// Whether the record ended with `ER` (false for one cut short by the end of the file).
        var closed = false

        /// The values of `tag`, in file order.
        func values(_ tag: String) -> [String] { fields.compactMap { $0.tag == tag ? $0.value : nil } }
        /// The first non-empty value of `tag`.
        func first(_ tag: String) -> String? { fields.first { $0.tag == tag && !$0.value.isEmpty }?.value }
    }

    /// Something in the file outside any record, with its line.
    struct Stray {
        var line: Int
        var text: String
    }

    private let lines: LineReader
    private let keep: Set<String>
    private var pending: (line: Int, bytes: [UInt8])?
    /// Text found outside records since the last call (lines that are neither blank nor a `TY`).
    private(set) var strays: [Stray] = []

    /// - Parameter keep: the tags whose values are kept (every other tag, and its continuation lines, is
    ///   read past without building a string); `TY` and `ER` are always recognised.
    init(source: ByteSource, keep: Set<String>) {
        lines = LineReader(source: source)
        self.keep = keep.union(["TY"])
    }

    /// The tags Scopus and the RIS specification use; only these are cut off the end of a continuation line.
    static let knownTags: Set<String> = [
        "TY", "ER", "AU", "A1", "A2", "A3", "A4", "AD", "AB", "AN", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8",
        "CA", "CN", "CY", "DA", "DB", "DO", "DP", "ED", "EP", "ET", "ID", "IS", "J1", "J2", "JA", "JF", "JO", "KW",
        "L1", "L2", "L3", "L4", "LA", "LB", "M1", "M2", "M3", "N1", "N2", "NV", "OP", "PB", "PY", "RI", "RN", "RP",
        "SE", "SN", "SP", "ST", "T1", "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3", "U4", "U5", "UR", "VL", "Y1", "Y2",
    ]

    /// The next record, or nil at the end of the file.
    func next() throws -> Record? {
        strays.removeAll()
        var record: Record?
        var current: String?  // the tag whose value continuation lines extend, when kept
        var inRecord = false
        while let (number, bytes) = try nextLine() {
            guard let (tag, value) = Self.tagLine(bytes[...]) else {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                if inRecord {
                    if let glued = Self.gluedTag(in: bytes) {
                        pending = (number, Array(bytes[glued...]))
                        if current != nil { appendContinuation(bytes[..<glued], to: &record) }
                    } else if current != nil {
                        appendContinuation(bytes[...], to: &record)
                    }
                } else {
                    strays.append(Stray(line: number, text: String(decoding: bytes.prefix(80), as: UTF8.self)))
                }
                continue
            }
            if tag == "TY" {
                if inRecord {
                    // A new record before `ER`: the open one ends here.
                    pending = (number, bytes)
                    return record
                }
                inRecord = true
                record = Record(line: number)
            } else if !inRecord {
                strays.append(Stray(line: number, text: String(decoding: bytes.prefix(80), as: UTF8.self)))
                continue
            }
            if tag == "ER" {
                record?.closed = true
                return record
            }
            if keep.contains(tag) {
                record?.fields.append((tag, String(decoding: value, as: UTF8.self).trimmedString))
                current = tag
            } else {
                current = nil
            }
        }
        return record
    }

    private func appendContinuation(_ bytes: ArraySlice<UInt8>, to record: inout Record?) {
        guard let last = record?.fields.indices.last else { return }
        let text = String(decoding: bytes, as: UTF8.self).trimmedString
        guard !text.isEmpty else { return }
        let existing = record!.fields[last].value
        record!.fields[last].value = existing.isEmpty ? text : existing + "\n" + text
    }

    private func nextLine() throws -> (Int, [UInt8])? {
        if let held = pending {
            pending = nil
            return (held.line, held.bytes)
        }
        guard let bytes = try lines.nextLine({ Array($0) }) else { return nil }
        return (lines.lineNumber, bytes)
    }

    /// `AU  - Porter, D.E.` → (`AU`, `Porter, D.E.`); `ER  -` → (`ER`, empty).
    static func tagLine(_ line: ArraySlice<UInt8>) -> (tag: String, value: ArraySlice<UInt8>)? {
        let bytes = line.starts(with: [0xEF, 0xBB, 0xBF]) ? line.dropFirst(3) : line
        guard bytes.count >= 5 else { return nil }
        let start = bytes.startIndex
        let a = bytes[start], b = bytes[start + 1]
        guard isUpper(a), isUpper(b) || isDigit(b), bytes[start + 2] == 0x20, bytes[start + 3] == 0x20,
              bytes[start + 4] == UInt8(ascii: "-") else { return nil }
        if bytes.count > 5, bytes[start + 5] != 0x20 { return nil }
        let tag = String(decoding: [a, b], as: UTF8.self)
        return (tag, bytes.dropFirst(6))
    }

    /// Where a known tag line glued to the end of a continuation line starts, if one is.
    static func gluedTag(in line: [UInt8]) -> Int? {
        let marker: [UInt8] = [0x20, 0x20, UInt8(ascii: "-"), 0x20]
        var index = 2
        while index + marker.count <= line.count {
            if line[index..<index + 4].elementsEqual(marker), isUpper(line[index - 2]),
               isUpper(line[index - 1]) || isDigit(line[index - 1]),
               knownTags.contains(String(decoding: line[(index - 2)..<index], as: UTF8.self)) {
                return index - 2
            }
            index += 1
        }
        return nil
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
