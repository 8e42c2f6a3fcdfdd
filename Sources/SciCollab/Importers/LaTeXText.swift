import Foundation

/// Turns a BibTeX value into plain text: LaTeX accents and special letters become Unicode (`{\'e}`,
/// `\'{e}` and `\'e` → `é`; `{\aa}` → `å`; `\ss` → `ß`), escaped characters lose their backslash (`\&`,
/// `\%`, `\_`), grouping braces are removed (`{[}` → `[`), `--` becomes an en dash and runs of white space
/// (line breaks and indentation of a wrapped value) become one space.
enum LaTeXText {
    /// Accent commands and the combining mark each one puts on the following letter.
    private static let accents: [Character: Character] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]

    /// Letter commands (`\aa`, `\o`, …).
    private static let letters: [String: String] = [
        "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł",
        "ss": "ß", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    ]

    /// The plain text of a BibTeX value.
    static func decode(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "{" || $0 == "}" || $0 == "-" || $0.isWhitespace }) else { return value }
        let characters = Array(value)
        var output = ""
        output.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "{", "}":
                index += 1
            case "\\":
                index = command(characters, at: index, into: &output)
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                let isEmDash = index + 2 < characters.count && characters[index + 2] == "-"
                output.append(isEmDash ? "—" : "–")
                index += isEmDash ? 3 : 2
            default:
                if character.isWhitespace {
                    if !output.isEmpty, output.last != " " { output.append(" ") }
                } else {
                    output.append(character)
                }
                index += 1
            }
        }
        if output.last == " " { output.removeLast() }
        return output.precomposedStringWithCanonicalMapping
    }

    /// Reads the command starting with the backslash at `start`; returns the index after it.
    private static func command(_ characters: [Character], at start: Int, into output: inout String) -> Int {
        var index = start + 1
        guard index < characters.count else { return index }
        let first = characters[index]
        if let mark = accents[first], !(first.isLetter && index + 1 < characters.count && characters[index + 1].isLetter) {
            // A letter accent (`\c{c}`, `\v s`) is followed by a brace or a space; `\url`, `\cdot` are commands.
            index += 1
            // The accented letter: `\'e`, `\'{e}`, `\' e`, or a letter command (`\'{\i}`).
            while index < characters.count, characters[index] == " " { index += 1 }
            var braced = false
            if index < characters.count, characters[index] == "{" { braced = true; index += 1 }
            var base = ""
            if index < characters.count, characters[index] == "\\" {
                var name = ""
                var cursor = index + 1
                while cursor < characters.count, characters[cursor].isLetter { name.append(characters[cursor]); cursor += 1 }
                base = name == "i" ? "i" : name == "j" ? "j" : letters[name] ?? name
                index = cursor
            } else if index < characters.count {
                base = String(characters[index])
                index += 1
            }
            if braced, index < characters.count, characters[index] == "}" { index += 1 }
            output += base
            output.append(mark)
            return index
        }
        if first.isLetter {
            var name = ""
            while index < characters.count, characters[index].isLetter { name.append(characters[index]); index += 1 }
            if let letter = letters[name] {
                output += letter
            } else if name == "textendash" {
                output += "–"
            } else if name == "textemdash" {
                output += "—"
            }
            // Other commands (`\textit`, `\emph`) are dropped; their braced argument stays as text.
            if index < characters.count, characters[index] == " " { index += 1 }
            return index
        }
        // An escaped character: `\&`, `\%`, `\_`, `\{`, `\$`, `\#`.
        output.append(first)
        return index + 1
    }
}
