import Foundation

/// Folding of names and addresses for comparison: case, accents and punctuation are ignored.
///
/// `fold("Peoples R. China")` → `"peoples r china"`; `fold("Université Henri-Poincaré")` →
/// `"universite henri poincare"`. Full stops and apostrophes vanish (`U.S.A.` → `usa`,
/// `People's` → `peoples`); every other non-alphanumeric character separates words.
public enum TextFolding {
    /// Letters that do not decompose into a base letter and a combining mark.
    private static let specialLetters: [Character: String] = [
        "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// The folded form of `text`.
    public static func fold(_ text: some StringProtocol) -> String {
        if let folded = foldASCII(text) { return folded }
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        let source: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            source = String(text)
        } else {
            var replaced = ""
            for character in text {
                if let mapped = specialLetters[character] { replaced += mapped } else { replaced.append(character) }
            }
            source = replaced.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        for scalar in source.unicodeScalars {
            switch scalar {
            case ".", "'", "\u{2019}", "\u{2018}", "`":
                continue
            default:
                break
            }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSpace && !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                if scalar.isASCII, ("A"..."Z").contains(scalar) {
                    scalars.append(Unicode.Scalar(scalar.value + 32)!)
                } else if scalar.properties.generalCategory == .nonspacingMark {
                    continue
                } else {
                    scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                pendingSpace = true
            }
        }
        return String(scalars)
    }

    /// The first character of `fold(text)`, without folding the rest when `text` is ASCII.
    public static func firstFoldedCharacter(of text: some StringProtocol) -> Character? {
        var first: UInt8?
        for byte in text.utf8 {
            if byte >= 0x80 { return fold(text).first }
            guard first == nil else { continue }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): first = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): first = byte + 32
            default: break
            }
        }
        return first.map { Character(Unicode.Scalar($0)) }
    }

    /// The fast path for ASCII text; nil when `text` has a non-ASCII byte.
    private static func foldASCII(_ text: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "."), UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            default:
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` without leading and trailing white space (spaces, tabs, line breaks).
    public static func trimmed(_ text: some StringProtocol) -> Substring {
        let string = Substring(text)
        // ASCII white space at either end, then a printable ASCII byte: the white space bytes are whole characters,
        // and the printable byte starts (or ends) a character that is not white space. A character is white space
        // by its first scalar, and no character that starts with white space ends in a printable ASCII byte.
        let bytes = string.utf8
        var firstByte = bytes.startIndex
        while firstByte < bytes.endIndex, isASCIIWhitespace(bytes[firstByte]) { firstByte = bytes.index(after: firstByte) }
        guard firstByte < bytes.endIndex else { return "" }
        var lastByte = bytes.index(before: bytes.endIndex)
        while isASCIIWhitespace(bytes[lastByte]) { lastByte = bytes.index(before: lastByte) }
        if isPrintableASCII(bytes[firstByte]), isPrintableASCII(bytes[lastByte]) {
            return string[firstByte..<bytes.index(after: lastByte)]
        }
        guard let first = string.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = string.lastIndex(where: { !$0.isWhitespace })!
        return string[first...last]
    }

    /// `text` without the spaces Foundation's `trimmingCharacters(in: .whitespaces)` removes at either end (tab,
    /// space, U+00A0, U+1680, U+2000–U+200B, U+202F, U+205F, U+3000), line breaks kept, scalar by scalar, without
    /// going through `NSString`.
    public static func trimmedSpaces(_ text: some StringProtocol) -> Substring {
        let scalars = Substring(text).unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// The non-empty lines of `text`, as `text.split(whereSeparator: \.isNewline)` gives them. Where every line break
    /// is ASCII they are split on the bytes (an ASCII line break is a character of its own, or `\r\n`), without
    /// breaking the text into characters.
    public static func nonEmptyLines(_ text: String) -> [Substring] {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            // U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9) are line breaks too.
            if (previous == 0xC2 && byte == 0x85) || (beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9)) {
                return text.split(whereSeparator: \.isNewline)
            }
            (beforePrevious, previous) = (previous, byte)
        }
        return text.utf8.split(whereSeparator: { $0 >= 0x0A && $0 <= 0x0D }).map { Substring($0) }
    }

    /// Tab, line feed, vertical tab, form feed, carriage return or space: the ASCII characters that are white space.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// A byte of `!`…`~`: an ASCII character that is neither white space nor a control.
    static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// Splits `text` on commas and trims the white space around each component; empty components are kept
    /// out.
    public static func commaComponents(_ text: some StringProtocol) -> [Substring] {
        Substring(text).splittingCharacters(on: ",").map { trimmed($0) }.filter { !$0.isEmpty }
    }
}

/// Decoding of the HTML character references that exports leave in text (`M&#x00FC;nchen`, `R&amp;D`).
public enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
    ]

    /// `text` with numeric (`&#252;`, `&#x00FC;`) and the common named references replaced.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(10).firstIndex(of: ";") else {
                result.append("&")
                rest = rest[afterAmpersand...]
                continue
            }
            let name = rest[afterAmpersand..<semicolon]
            if let replacement = replacement(for: name) {
                result += replacement
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest[afterAmpersand...]
            }
        }
        result += rest
        return result
    }

    private static func replacement(for name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return named[String(name)]
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space.
    var trimmedString: String { String(TextFolding.trimmed(self)) }
}

extension StringProtocol {
    /// The parts of the text between occurrences of `separator` (`"; "`, `", "`), found by comparing UTF-8
    /// bytes: many times faster on Linux than `split(separator:)` with a string separator.
    public func splitting(on separator: String, omittingEmptySubsequences: Bool = false) -> [SubSequence] {
        let needle = Array(separator.utf8)
        guard !needle.isEmpty else { return [self[...]] }
        var parts: [SubSequence] = []
        var rest = self[...]
        while let range = rest.firstUTF8Range(ofBytes: needle) {
            let part = rest[..<range.lowerBound]
            if !(omittingEmptySubsequences && part.isEmpty) { parts.append(part) }
            rest = rest[range.upperBound...]
        }
        if !(omittingEmptySubsequences && rest.isEmpty) { parts.append(rest) }
        return parts
    }
}

extension String {
    /// The same as Foundation's `trimmingCharacters(in: .whitespaces)`, or `.whitespacesAndNewlines` when
    /// `newlines` is true, without bridging the text to `NSString` (which copies it twice on Linux).
    func trimmingWhitespace(newlines: Bool = false) -> String {
        if let first = utf8.first, let last = utf8.last, TextFolding.isPrintableASCII(first), TextFolding.isPrintableASCII(last) {
            return self
        }
        return trimming(newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// The same as Foundation's `trimmingCharacters(in: set)`, scalar by scalar, without bridging to `NSString`.
    func trimming(_ set: CharacterSet) -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !set.contains($0) })!
        if start == scalars.startIndex && scalars.index(after: end) == scalars.endIndex { return self }
        return String(scalars[start...end])
    }

    /// Whether the text has a character outside Foundation's `CharacterSet.whitespaces` (spaces and tabs): the
    /// same as `!trimmingCharacters(in: .whitespaces).isEmpty`.
    var hasNonWhitespace: Bool {
        unicodeScalars.contains { scalar in
            scalar.isASCII ? scalar != " " && scalar != "\t" : !CharacterSet.whitespaces.contains(scalar)
        }
    }
}

extension Substring {
    /// The non-empty parts between occurrences of the ASCII character `separator`: the same as
    /// `split(separator:)`, found on the bytes when the text is ASCII (each byte a character but for CR LF, which
    /// holds no separator), character by character otherwise.
    func splittingCharacters(on separator: Character) -> [Substring] {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return split(separator: separator) }
        return splitting(on: String(separator), omittingEmptySubsequences: true)
    }
}

extension StringProtocol {
    /// Whether the text starts with `prefix`, comparing UTF-8 bytes (no grapheme breaking, which makes
    /// `hasPrefix` slow in the importers' inner loops). Equal to `hasPrefix` for text in one normal form.
    func hasUTF8Prefix(_ prefix: some StringProtocol) -> Bool {
        var bytes = utf8.makeIterator()
        for byte in prefix.utf8 {
            guard bytes.next() == byte else { return false }
        }
        return true
    }

    /// The first occurrence of `pattern`, found by comparing UTF-8 bytes.
    func firstUTF8Range(of pattern: String) -> Range<Index>? {
        firstUTF8Range(ofBytes: Array(pattern.utf8))
    }

    /// The first occurrence of the UTF-8 bytes `needle`.
    func firstUTF8Range(ofBytes needle: [UInt8]) -> Range<Index>? {
        guard let first = needle.first else { return nil }
        let bytes = utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == first {
                var end = index
                var matched = true
                for byte in needle {
                    guard end < bytes.endIndex, bytes[end] == byte else { matched = false; break }
                    end = bytes.index(after: end)
                }
                if matched { return index..<end }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// The last occurrence of `pattern`, found by comparing UTF-8 bytes.
    func lastUTF8Range(of pattern: String) -> Range<Index>? {
        let needle = Array(pattern.utf8)
        var found: Range<Index>?
        var rest = self[...]
        while let range = rest.firstUTF8Range(ofBytes: needle) {
            found = range
            rest = rest[range.upperBound...]
        }
        return found
    }
}
