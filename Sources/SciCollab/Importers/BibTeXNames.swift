/// Splitting a BibTeX `author` value into names.
enum BibTeXNames {
    /// An author of a Scopus BibTeX export: the name as `Family, Given` and the affiliation letters Scopus
    /// appended to it in older exports (`D'Ambrosio, A.a` → letters `a`; `Celentano, A.a  b  c` → `a b c`).
    struct Name: Equatable {
        var written: String
        var letters: [Character]
    }

    /// The names of an `author` value. Standard BibTeX joins names with `and` outside braces; Scopus
    /// exports up to about 2017 join `Family, Initials` pairs with `, ` and put affiliation letters after
    /// the initials (`D'Ambrosio, A.a , Aria, M.a , Iorio, C.b `). Names are LaTeX-decoded.
    static func split(_ value: String) -> [Name] {
        let parts = splitOnAnd(value)
        if parts.count > 1 || value.range(of: ",") == nil {
            return parts.map { Name(written: LaTeXText.decode($0).trimmedString, letters: []) }.filter { !$0.written.isEmpty }
        }
        let text = LaTeXText.decode(value).trimmedString
        // `Family, Initials` pairs: with letters they are separated by ` , `, without by `, `.
        let entries: [String]
        if text.contains(" , ") || text.hasSuffix(" ,") {
            entries = text.components(separatedBy: " , ").map { $0.trimmedString }.filter { !$0.isEmpty }
        } else {
            let pieces = text.components(separatedBy: ", ").map { $0.trimmedString }
            guard pieces.count >= 2, pieces.count % 2 == 0 else { return [Name(written: text, letters: [])] }
            entries = stride(from: 0, to: pieces.count, by: 2).map { pieces[$0] + ", " + pieces[$0 + 1] }
        }
        return entries.map(lettered)
    }

    /// `Celentano, A.a  b  c` → `Celentano, A.` with letters `a`, `b`, `c`.
    static func lettered(_ entry: String) -> Name {
        guard let comma = entry.firstIndex(of: ","), let lastDot = entry.lastIndex(of: "."), lastDot > comma else {
            return Name(written: entry, letters: [])
        }
        let tail = entry[entry.index(after: lastDot)...]
        let tokens = tail.split(separator: " ")
        guard !tokens.isEmpty, tokens.allSatisfy({ $0.count == 1 && $0.first!.isLowercase && $0.first!.isASCII }) else {
            return Name(written: entry, letters: [])
        }
        return Name(written: String(entry[...lastDot]), letters: tokens.map { $0.first! })
    }

    /// Splits on the word `and` outside braces (`A and {B and C}` → `A`, `{B and C}`).
    static func splitOnAnd(_ value: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if depth == 0, character.isWhitespace {
                let rest = value[value.index(after: index)...]
                if rest.hasPrefix("and"), let after = rest.dropFirst(3).first, after.isWhitespace {
                    names.append(current)
                    current = ""
                    index = value.index(index, offsetBy: 5)
                    continue
                }
            }
            current.append(character)
            index = value.index(after: index)
        }
        names.append(current)
        return names.map { $0.trimmedString }.filter { !$0.isEmpty }
    }
}
