/// A BibTeX tokenizer and parser that reads a file entry by entry, holding one entry whatever the file size.
///
/// It reads what BibTeX reads: text outside entries is a comment (Scopus's `Scopus / EXPORT DATE` header);
/// an entry is `@type{key, name = value, …}` or with parentheses; a value is `{…}` with nested braces,
/// `"…"` (braces inside balanced), a number, or an `@string` macro name (the month abbreviations are
/// predefined), and parts are joined with `#`. `@comment` and `@preamble` are skipped. An entry may start on
/// the line where the previous one ends (`}@ARTICLE{…`). Field names are case-insensitive. Values keep
/// their inner braces (they protect names such as `{Smith and Sons}`); `LaTeXText.decode` turns them into text.
///
/// A malformed entry is reported with its line and what was expected, and reading resumes at the next `@`
/// that starts an entry.
final class BibTeXReader {
    /// One entry: its type (lower case), key, fields (names lower case, in file order) and first line.
    struct Entry {
        var type: String
        var key: String
        var fields: [(name: String, value: String)] = []
        var line: Int

        subscript(name: String) -> String? { fields.first { $0.name == name }?.value }
    }

    /// An entry that could not be read: where it starts, where the problem is, and what was expected.
    struct Malformed: Error {
        var line: Int
        var problemLine: Int
        var key: String?
        var message: String
    }

    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    /// The 1-based line of the byte at `position`.
    private(set) var line = 1
    private var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    init(source: ByteSource) {
        self.source = source
    }

    /// The next entry, nil at the end of the file, or a `Malformed` error for an entry that cannot be read
    /// (call `next()` again to go on with the entry after it).
    func next() throws -> Entry? {
        while true {
            guard try skip(until: UInt8(ascii: "@")) else { return nil }
            let startLine = line
            advance()  // "@"
            skipWhitespace()
            let type = try identifier().lowercased()
            skipWhitespace()
            guard let open = try peek(), open == UInt8(ascii: "{") || open == UInt8(ascii: "(") else {
                // `@` inside comment text (an e-mail address between entries): not an entry.
                if type.isEmpty || !type.allSatisfy(\.isLetter) { continue }
                throw Malformed(line: startLine, problemLine: line, key: nil, message: "expected '{' or '(' after '@\(type)'")
            }
            advance()
            let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
            switch type {
            case "comment", "preamble":
                _ = try balanced(open: open, close: close, startLine: startLine)
                continue
            case "string":
                do {
                    let field = try fieldAssignment(startLine: startLine, key: nil)
                    macros[field.name] = field.value
                    skipWhitespace()
                    try expect(close, startLine: startLine, key: nil, what: "'\(Character(UnicodeScalar(close)))' to end the @string")
                } catch let error as Malformed {
                    try resynchronize()
                    throw error
                }
                continue
            default:
                do {
                    return try entry(type: type, close: close, startLine: startLine)
                } catch let error as Malformed {
                    try resynchronize()
                    throw error
                }
            }
        }
    }

    private func entry(type: String, close: UInt8, startLine: Int) throws -> Entry {
        skipWhitespace()
        // Keys end at the comma; Scopus writes keys with spaces (`@ARTICLE{Pierella Karlusich2022,`).
        var keyBytes: [UInt8] = []
        while let byte = try peek(), byte != UInt8(ascii: ","), byte != close, byte != 0x0A {
            keyBytes.append(byte)
            advance()
        }
        // A key with a comma (`@ARTICLE{Ribeiro, Jr2022,`): the rest of the line holds another comma and no `=`.
        if try peek() == UInt8(ascii: ",") {
            var offset = 1
            var lastComma: Int?
            var sawEquals = false
            while let byte = try peek(at: offset), byte != 0x0A {
                if byte == UInt8(ascii: ",") { lastComma = offset }
                if byte == UInt8(ascii: "=") || byte == UInt8(ascii: "{") { sawEquals = true; break }
                offset += 1
            }
            if let lastComma, !sawEquals {
                for _ in 0..<lastComma {
                    keyBytes.append(try peek()!)
                    advance()
                }
            }
        }
        var entry = Entry(type: type, key: String(decoding: keyBytes, as: UTF8.self).trimmedString, line: startLine)
        skipWhitespace()
        while true {
            skipWhitespace()
            guard let byte = try peek() else {
                throw Malformed(line: startLine, problemLine: line, key: entry.key, message: "the file ends inside the entry (expected '\(Character(UnicodeScalar(close)))')")
            }
            if byte == close { advance(); return entry }
            if byte == UInt8(ascii: ",") { advance(); continue }
            let field = try fieldAssignment(startLine: startLine, key: entry.key)
            entry.fields.append(field)
            skipWhitespace()
            guard let after = try peek(), after == UInt8(ascii: ",") || after == close else {
                throw Malformed(line: startLine, problemLine: line, key: entry.key,
                                message: "expected ',' or '\(Character(UnicodeScalar(close)))' after field '\(field.name)'")
            }
        }
    }

    /// `name = part # part …`
    private func fieldAssignment(startLine: Int, key: String?) throws -> (name: String, value: String) {
        skipWhitespace()
        var nameBytes: [UInt8] = []
        while let byte = try peek(), !Self.isSpace(byte), byte != UInt8(ascii: "="), byte != UInt8(ascii: ","),
              byte != UInt8(ascii: "{"), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "\"") {
            nameBytes.append(byte)
            advance()
        }
        let name = String(decoding: nameBytes, as: UTF8.self).lowercased()
        guard !name.isEmpty else {
            throw Malformed(line: startLine, problemLine: line, key: key, message: "expected a field name")
        }
        skipWhitespace()
        try expect(UInt8(ascii: "="), startLine: startLine, key: key, what: "'=' after field name '\(name)'")
        var value = ""
        while true {
            skipWhitespace()
            guard let byte = try peek() else {
                throw Malformed(line: startLine, problemLine: line, key: key, message: "the file ends in the value of '\(name)'")
            }
            switch byte {
            case UInt8(ascii: "{"):
                advance()
                value += try balanced(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), startLine: startLine)
            case UInt8(ascii: "\""):
                advance()
                value += try quoted(startLine: startLine, key: key)
            default:
                let word = try identifier()
                guard !word.isEmpty else {
                    throw Malformed(line: startLine, problemLine: line, key: key,
                                    message: "expected '{', '\"', a number or a macro name as the value of '\(name)'")
                }
                if word.allSatisfy(\.isNumber) {
                    value += word
                } else if let macro = macros[word.lowercased()] {
                    value += macro
                } else {
                    throw Malformed(line: startLine, problemLine: line, key: key, message: "undefined @string macro '\(word)' in '\(name)'")
                }
            }
            skipWhitespace()
            if try peek() == UInt8(ascii: "#") { advance(); continue }
            return (name, value)
        }
    }

    /// The text up to the `close` that balances an `open` already read (inner braces kept).
    private func balanced(open: UInt8, close: UInt8, startLine: Int) throws -> String {
        var depth = 1
        var bytes: [UInt8] = []
        while let byte = try peek() {
            advance()
            if byte == open { depth += 1 } else if byte == close {
                depth -= 1
                if depth == 0 { return String(decoding: bytes, as: UTF8.self) }
            }
            bytes.append(byte)
        }
        throw Malformed(line: startLine, problemLine: line, key: nil, message: "the file ends before a '\(Character(UnicodeScalar(close)))' closes the '\(Character(UnicodeScalar(open)))' of line \(startLine)")
    }

    /// The text up to a `"` outside braces.
    private func quoted(startLine: Int, key: String?) throws -> String {
        var depth = 0
        var bytes: [UInt8] = []
        while let byte = try peek() {
            advance()
            if byte == UInt8(ascii: "{") { depth += 1 } else if byte == UInt8(ascii: "}") { depth -= 1 }
            if byte == UInt8(ascii: "\""), depth == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        throw Malformed(line: startLine, problemLine: line, key: key, message: "the file ends inside a quoted value")
    }

    private func identifier() throws -> String {
        var bytes: [UInt8] = []
        while let byte = try peek(), Self.isIdentifier(byte) {
            bytes.append(byte)
            advance()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func expect(_ byte: UInt8, startLine: Int, key: String?, what: String) throws {
        guard try peek() == byte else {
            throw Malformed(line: startLine, problemLine: line, key: key, message: "expected \(what)")
        }
        advance()
    }

    /// Moves to the next `@` that starts an entry (`@name{` or `@name(`), after a malformed one.
    private func resynchronize() throws {
        while try skip(until: UInt8(ascii: "@")) {
            // Look ahead without consuming: `@` + letters + optional spaces + `{` or `(`.
            var offset = 1
            while try peek(at: offset).map(Self.isIdentifier) == true { offset += 1 }
            while try peek(at: offset).map(Self.isSpace) == true { offset += 1 }
            if offset > 1, let byte = try peek(at: offset), byte == UInt8(ascii: "{") || byte == UInt8(ascii: "(") { return }
            advance()
        }
    }

    // MARK: Bytes

    /// Skips to the next `byte` (not consuming it); false at the end of the file.
    private func skip(until byte: UInt8) throws -> Bool {
        while let next = try peek() {
            if next == byte { return true }
            advance()
        }
        return false
    }

    private func skipWhitespace() {
        while let byte = try? peek(), Self.isSpace(byte) { advance() }
    }

    private func peek(at offset: Int = 0) throws -> UInt8? {
        if !started {
            started = true
            try fill(atLeast: 3)
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        if position + offset >= buffer.count { try fill(atLeast: offset + 1) }
        return position + offset < buffer.count ? buffer[position + offset] : nil
    }

    private func advance() {
        if buffer[position] == 0x0A { line += 1 }
        position += 1
    }

    private func fill(atLeast count: Int) throws {
        while buffer.count - position < count, !atEnd {
            if position > 1 << 20 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            if let chunk = try source.nextChunk() { buffer += chunk } else { atEnd = true }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Characters of entry types, macro names and bare values.
    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }
}

extension BibTeXReader {
    /// The next entry, or nil at the end; an entry that cannot be read is reported to `sink` as skipped (with
    /// its line, where the problem is and what was expected) and reading goes on with the next one.
    func nextEntry(path: String, sink: RecordSink) throws -> Entry? {
        while true {
            do {
                return try next()
            } catch let malformed as Malformed {
                let place = malformed.problemLine == malformed.line ? "" : " (at line \(malformed.problemLine))"
                sink.skip(Diagnostic(file: path, line: malformed.line, recordID: malformed.key, severity: .error,
                                     message: "the entry cannot be read\(place): \(malformed.message); skipped"))
            }
        }
    }
}
