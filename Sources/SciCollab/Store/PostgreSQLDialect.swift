/// Where the store's SQL and PostgreSQL's differ, in one place.
///
/// Every statement of the store is written once, in the SQL that SQLite runs, keeping to what both engines share
/// where that costs nothing (`ON CONFLICT`, `RETURNING`, `coalesce`, window functions). On PostgreSQL each statement
/// passes through `translate(_:)`, which rewrites the rest token by token, never inside string literals, quoted
/// identifiers or comments:
///
/// | SQLite                          | PostgreSQL                                  |
/// |---------------------------------|---------------------------------------------|
/// | `?` parameters                  | `$1`, `$2`, …                               |
/// | `INSERT OR IGNORE INTO …`       | `INSERT INTO … ON CONFLICT DO NOTHING`      |
/// | `INTEGER`, `REAL` (types)       | `BIGINT`, `DOUBLE PRECISION`                |
/// | `TEXT` (a column's type)        | `TEXT COLLATE "C"` (bytewise, as SQLite)    |
/// | `1.5` (a real literal)          | `1.5::float8` (SQLite's literals are doubles, PostgreSQL's `numeric`) |
/// | `a IS b`, `a IS NOT b`          | `a IS NOT DISTINCT FROM b`, `a IS DISTINCT FROM b` |
/// | `max(a, b)`, `min(a, b)`        | `greatest(a, b)`, `least(a, b)`             |
/// | `ifnull(a, b)`, `==`            | `coalesce(a, b)`, `=`                       |
/// | `LIKE` (ASCII case-insensitive) | `ILIKE`                                     |
/// | `temp.name`                     | `pg_temp.name`                              |
/// | `WITHOUT ROWID`, `PRAGMA …`     | (dropped: storage settings of SQLite's)     |
///
/// SQLite's aggregates `total` and `group_concat` and the two-argument `round` of a double are created on the
/// server with the schema (`PostgreSQLSchema.compatibilityFunctions`).
enum PostgreSQLDialect {
    /// `sql` rewritten for PostgreSQL.
    static func translate(_ sql: String) -> String {
        var tokens = SQLTokenizer.tokens(of: sql)
        rewrite(&tokens)
        return tokens.map(\.text).joined()
    }

    private static func rewrite(_ tokens: inout [SQLToken]) {
        var parameter = 0
        var subqueries = 0
        var statementStart = 0
        var onConflictPending = false
        var index = 0
        /// Appends ` ON CONFLICT DO NOTHING` before the token at `position` (end of statement or RETURNING).
        func closeInsert(at position: Int) {
            guard onConflictPending else { return }
            tokens.insert(SQLToken(kind: .symbol, text: " ON CONFLICT DO NOTHING "), at: position)
            onConflictPending = false
            index += 1
        }
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .parameter where token.text.count > 1:
                // ?NNN: SQLite's numbered parameter.
                tokens[index].text = "$" + token.text.dropFirst()
            case .parameter:
                parameter += 1
                tokens[index].text = "$\(parameter)"
            case .number where token.text.contains(".") || token.text.lowercased().contains("e"):
                tokens[index].text = "\(token.text)::float8"
            case .symbol where token.text == "(":
                aliasSubquery(&tokens, at: index, number: &subqueries)
            case .symbol where token.text == "+":
                // SQLite's unary `+x` (keeps the planner off an index) has no meaning on text in PostgreSQL.
                if let previous = previousMeaningful(tokens, before: index) {
                    let before = tokens[previous]
                    let isOperand = before.kind == .number || before.kind == .string || before.kind == .quotedIdentifier
                        || before.kind == .parameter || before.text == ")"
                        || (before.kind == .word && !operatorWords.contains(before.text.uppercased()))
                    if !isOperand { tokens[index].text = "" }
                }
            case .symbol where token.text == "==":
                tokens[index].text = "="
            case .symbol where token.text == ";":
                closeInsert(at: index)
                if isPragma(tokens, from: statementStart, to: index) { blank(&tokens, from: statementStart, through: index) }
                statementStart = index + 1
            case .word:
                let word = token.text.uppercased()
                switch word {
                case "INSERT" where nextWord(tokens, after: index)?.uppercased() == "OR":
                    // INSERT OR IGNORE → INSERT … ON CONFLICT DO NOTHING
                    if let or = nextWordIndex(tokens, after: index), let ignore = nextWordIndex(tokens, after: or),
                       tokens[ignore].text.uppercased() == "IGNORE" {
                        blank(&tokens, from: index + 1, through: ignore)
                        onConflictPending = true
                    }
                case "RETURNING":
                    closeInsert(at: index)
                case "VIEW":
                    // CREATE [TEMP] VIEW IF NOT EXISTS v → CREATE OR REPLACE [TEMP] VIEW v (the same definition each time)
                    if let ifWord = nextWordIndex(tokens, after: index), tokens[ifWord].text.uppercased() == "IF",
                       let not = nextWordIndex(tokens, after: ifWord), let exists = nextWordIndex(tokens, after: not),
                       tokens[exists].text.uppercased() == "EXISTS",
                       let create = tokens[statementStart..<index].firstIndex(where: { $0.text.uppercased() == "CREATE" }) {
                        blank(&tokens, from: ifWord, through: exists)
                        tokens[create].text = "CREATE OR REPLACE"
                    }
                case "ORDER" where nextWord(tokens, after: index)?.uppercased() == "BY":
                    orderNullsAsSQLite(&tokens, from: index)
                case "INTEGER":
                    tokens[index].text = "BIGINT"
                case "TEXT":
                    // A column type (after the column's name, not after AS): compared bytewise, as SQLite does.
                    if let previous = previousMeaningful(tokens, before: index), tokens[previous].kind == .word,
                       tokens[previous].text.uppercased() != "AS" {
                        tokens[index].text = "TEXT COLLATE \"C\""
                    }
                case "REAL":
                    tokens[index].text = "DOUBLE PRECISION"
                case "LIKE":
                    tokens[index].text = "ILIKE"
                case "IFNULL":
                    tokens[index].text = "coalesce"
                case "WITHOUT" where nextWord(tokens, after: index)?.uppercased() == "ROWID":
                    if let rowid = nextWordIndex(tokens, after: index) { blank(&tokens, from: index, through: rowid) }
                case "TEMP" where nextSymbol(tokens, after: index) == ".":
                    // An index takes its table's schema: its own name is never qualified.
                    if isIndexName(tokens, at: index) {
                        tokens[index].text = ""
                        tokens[index + 1].text = ""
                    } else {
                        tokens[index].text = "pg_temp"
                    }
                case "MAX", "MIN":
                    if topLevelArgumentCount(tokens, after: index) > 1 { tokens[index].text = word == "MAX" ? "greatest" : "least" }
                case "IS":
                    rewriteIs(&tokens, at: index)
                default:
                    break
                }
            default:
                break
            }
            index += 1
        }
        closeInsert(at: tokens.count)
        if isPragma(tokens, from: statementStart, to: tokens.count) { blank(&tokens, from: statementStart, through: tokens.count - 1) }
    }

    /// SQLite sorts NULL before every value, PostgreSQL after: each term of an ORDER BY without its own NULLS gets
    /// `NULLS FIRST` (ascending) or `NULLS LAST` (descending).
    private static func orderNullsAsSQLite(_ tokens: inout [SQLToken], from order: Int) {
        let ends: Set<String> = ["LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "RETURNING", "ROWS", "RANGE", "GROUPS", "WINDOW"]
        var position = (nextWordIndex(tokens, after: order) ?? order) + 1
        var depth = 0
        var descending = false, hasNulls = false
        func closeTerm(at end: Int) {
            if !hasNulls { tokens.insert(SQLToken(kind: .symbol, text: descending ? " NULLS LAST" : " NULLS FIRST"), at: end) }
            descending = false
            hasNulls = false
        }
        while position < tokens.count {
            let text = tokens[position].text
            let word = tokens[position].kind == .word ? text.uppercased() : ""
            if text == "(" { depth += 1 } else if text == ")" {
                if depth == 0 { closeTerm(at: trimmedEnd(tokens, before: position)); return }
                depth -= 1
            } else if depth == 0 {
                if text == "," {
                    closeTerm(at: trimmedEnd(tokens, before: position))
                    position += 2
                    continue
                }
                if text == ";" || ends.contains(word) { closeTerm(at: trimmedEnd(tokens, before: position)); return }
                if word == "DESC" { descending = true }
                if word == "NULLS" { hasNulls = true }
            }
            position += 1
        }
        closeTerm(at: trimmedEnd(tokens, before: tokens.count))
    }

    /// The index just after the last meaningful token before `index` (where a suffix of the term goes).
    private static func trimmedEnd(_ tokens: [SQLToken], before index: Int) -> Int {
        (previousMeaningful(tokens, before: index) ?? index - 1) + 1
    }

    /// Whether the word at `index` starts the name in `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name`.
    private static func isIndexName(_ tokens: [SQLToken], at index: Int) -> Bool {
        var position = index
        for _ in 0..<4 {
            guard let previous = previousMeaningful(tokens, before: position) else { return false }
            let word = tokens[previous].text.uppercased()
            if word == "INDEX" { return true }
            guard ["EXISTS", "NOT", "IF"].contains(word) else { return false }
            position = previous
        }
        return false
    }

    /// Words after which a `+` is a sign, not an addition.
    private static let operatorWords: Set<String> = ["AND", "OR", "NOT", "WHERE", "ON", "WHEN", "THEN", "ELSE", "SELECT", "BY", "HAVING", "IN", "IS"]

    /// Words after a subquery's `)` that show it has no alias.
    private static let clauseWords: Set<String> = [
        "WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "ON", "USING", "JOIN", "LEFT",
        "RIGHT", "INNER", "OUTER", "CROSS", "NATURAL", "FULL", "HAVING", "WINDOW", "RETURNING",
    ]

    /// A subquery in FROM or JOIN without an alias (SQLite allows it, PostgreSQL before 16 does not) gets one.
    private static func aliasSubquery(_ tokens: inout [SQLToken], at open: Int, number: inout Int) {
        guard let previous = previousMeaningful(tokens, before: open),
              ["FROM", "JOIN"].contains(tokens[previous].text.uppercased()),
              let first = nextWordOrAnyIndex(tokens, after: open),
              ["SELECT", "WITH", "VALUES"].contains(tokens[first].text.uppercased()) else { return }
        var depth = 0
        var close = open
        while close < tokens.count {
            if tokens[close].text == "(" { depth += 1 }
            if tokens[close].text == ")" { depth -= 1; if depth == 0 { break } }
            close += 1
        }
        guard close < tokens.count else { return }
        if let next = nextWordOrAnyIndex(tokens, after: close), tokens[next].kind == .word || tokens[next].kind == .quotedIdentifier,
           !clauseWords.contains(tokens[next].text.uppercased()) { return }
        number += 1
        tokens.insert(SQLToken(kind: .symbol, text: " AS subquery_\(number)"), at: close + 1)
    }

    private static func previousMeaningful(_ tokens: [SQLToken], before index: Int) -> Int? {
        var position = index - 1
        while position >= 0, tokens[position].kind == .space || tokens[position].kind == .comment { position -= 1 }
        return position >= 0 ? position : nil
    }

    /// `a IS b` is SQLite's null-safe equality; `IS NULL`, `IS NOT NULL`, `IS TRUE` … mean the same on both.
    private static func rewriteIs(_ tokens: inout [SQLToken], at index: Int) {
        guard let next = nextWordOrAnyIndex(tokens, after: index) else { return }
        let kept: Set<String> = ["NULL", "TRUE", "FALSE", "UNKNOWN", "DISTINCT"]
        let nextText = tokens[next].text.uppercased()
        if kept.contains(nextText) { return }
        if nextText == "NOT" {
            guard let after = nextWordOrAnyIndex(tokens, after: next), !kept.contains(tokens[after].text.uppercased()) else { return }
            tokens[index].text = "IS"
            tokens[next].text = "DISTINCT FROM"
            return
        }
        tokens[index].text = "IS NOT DISTINCT FROM"
    }

    /// Whether the statement in `tokens[from..<to]` is a `PRAGMA`.
    private static func isPragma(_ tokens: [SQLToken], from: Int, to: Int) -> Bool {
        tokens[from..<min(to, tokens.count)].first { $0.kind != .space && $0.kind != .comment }?.text.uppercased() == "PRAGMA"
    }

    private static func blank(_ tokens: inout [SQLToken], from: Int, through: Int) {
        guard from <= through else { return }
        for position in from...through { tokens[position].text = position == from ? " " : "" }
    }

    private static func nextWordIndex(_ tokens: [SQLToken], after index: Int) -> Int? {
        var position = index + 1
        while position < tokens.count, tokens[position].kind == .space || tokens[position].kind == .comment { position += 1 }
        return position < tokens.count && tokens[position].kind == .word ? position : nil
    }

    private static func nextWordOrAnyIndex(_ tokens: [SQLToken], after index: Int) -> Int? {
        var position = index + 1
        while position < tokens.count, tokens[position].kind == .space || tokens[position].kind == .comment { position += 1 }
        return position < tokens.count ? position : nil
    }

    private static func nextWord(_ tokens: [SQLToken], after index: Int) -> String? {
        nextWordIndex(tokens, after: index).map { tokens[$0].text }
    }

    private static func nextSymbol(_ tokens: [SQLToken], after index: Int) -> String? {
        index + 1 < tokens.count && tokens[index + 1].kind == .symbol ? tokens[index + 1].text : nil
    }

    /// For `name(` at `index`: the number of arguments at the top level of its parentheses (0 when not a call).
    private static func topLevelArgumentCount(_ tokens: [SQLToken], after index: Int) -> Int {
        var position = index + 1
        while position < tokens.count, tokens[position].kind == .space { position += 1 }
        guard position < tokens.count, tokens[position].text == "(" else { return 0 }
        var depth = 0
        var count = 1
        while position < tokens.count {
            switch tokens[position].text {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return count }
            case "," where depth == 1: count += 1
            default: break
            }
            position += 1
        }
        return count
    }
}

/// One lexical token of a SQL statement.
struct SQLToken {
    enum Kind { case word, number, string, quotedIdentifier, parameter, symbol, space, comment }
    var kind: Kind
    var text: String
}

/// Splits SQL into tokens, keeping every character (joining the tokens gives the statement back).
enum SQLTokenizer {
    static func tokens(of sql: String) -> [SQLToken] {
        let scalars = Array(sql.unicodeScalars)
        var tokens: [SQLToken] = []
        var index = 0
        func text(_ range: Range<Int>) -> String {
            var string = String.UnicodeScalarView()
            string.append(contentsOf: scalars[range])
            return String(string)
        }
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "$"
        }
        while index < scalars.count {
            let start = index
            let scalar = scalars[index]
            let kind: SQLToken.Kind
            if scalar == "'" || scalar == "\"" || scalar == "`" {
                // A quoted literal or identifier; a doubled quote inside is part of it.
                index += 1
                while index < scalars.count {
                    if scalars[index] == scalar {
                        if index + 1 < scalars.count, scalars[index + 1] == scalar { index += 2; continue }
                        index += 1
                        break
                    }
                    index += 1
                }
                kind = scalar == "'" ? .string : .quotedIdentifier
            } else if scalar == "-", index + 1 < scalars.count, scalars[index + 1] == "-" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                kind = .comment
            } else if scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                index += 2
                while index + 1 < scalars.count, !(scalars[index] == "*" && scalars[index + 1] == "/") { index += 1 }
                index = min(index + 2, scalars.count)
                kind = .comment
            } else if scalar.properties.isWhitespace {
                while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
                kind = .space
            } else if ("0"..."9").contains(scalar) || (scalar == "." && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])) {
                while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." { index += 1 }
                if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
                    var exponent = index + 1
                    if exponent < scalars.count, scalars[exponent] == "+" || scalars[exponent] == "-" { exponent += 1 }
                    if exponent < scalars.count, ("0"..."9").contains(scalars[exponent]) {
                        index = exponent
                        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                    }
                }
                kind = .number
            } else if scalar == "?" {
                index += 1
                while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                kind = .parameter
            } else if isWordScalar(scalar) {
                while index < scalars.count, isWordScalar(scalars[index]) { index += 1 }
                kind = .word
            } else {
                index += 1
                // Two-character operators stay one token.
                if index < scalars.count, ["==", "!=", "<>", "<=", ">=", "||", "::"].contains(text(start..<(index + 1))) { index += 1 }
                kind = .symbol
            }
            tokens.append(SQLToken(kind: kind, text: text(start..<index)))
        }
        return tokens
    }
}
