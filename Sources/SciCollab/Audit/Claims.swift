import Foundation
import Yams

/// A published figure to check (definitions §10).
public struct Claim: Sendable, Equatable {
    /// What the claim's figure is: a metric computed from data, or arithmetic over other claims.
    public enum Kind: Sendable, Equatable {
        case metric(MetricSpec)
        /// An expression over other claims' stated values (`ru-cn-coauthored / ru-output`). A fraction is
        /// compared as a percentage when the stated value is one, unless `resultIsPercent`.
        case expression(String, resultIsPercent: Bool)
    }

    public var id: String
    public var text: String
    public var stated: StatedValue
    public var kind: Kind
    /// Whether the database holds every work the claim speaks of (definitions §10); the file's, else `sample`.
    public var population: Population = .sample
}

/// What a claim's figure is computed over (definitions §10).
public enum Population: String, Sendable, Equatable {
    /// The database holds every work the claim speaks of: counts are compared as they are.
    case complete
    /// The database is a sample: counts are not comparable, intensive figures are compared with the sample's
    /// bootstrap interval.
    case sample
}

/// The metric of a claim and its parameters.
public struct MetricSpec: Sendable, Equatable {
    /// `output`, `output_growth`, `authors`, `authors_growth`, `citations_per_publication`, `fwci`,
    /// `coauthored`, `coauthored_growth`, `coauthors`, `coauthors_growth`, `share_of_output`,
    /// `share_of_authors`, `pair_fwci`, `pair_citations_per_publication`, `type_share`, `type_fwci`,
    /// `type_citations_per_publication`, `field_output`, `field_coauthored`.
    public var name: String
    public var country: String?
    /// A pair: `[A, B]`; `side` chooses A or B for the one-sided figures (co-authors, shares).
    public var pair: [String]?
    public var side: String?
    public var from: Int?
    public var to: Int?
    public var counting: CountingMethod
    /// `international`, `national`, `institutional`, `single`.
    public var type: String?
    public var scheme: String?
    public var field: String?
    public var window: String?
    /// `excess-percent`: the figure is (value − 1) × 100 ("39% above the world average").
    public var transform: String?

    public static let names: Set<String> = [
        "output", "output_growth", "authors", "authors_growth", "citations_per_publication", "fwci", "coauthored",
        "coauthored_growth", "coauthors", "coauthors_growth", "share_of_output", "share_of_authors", "pair_fwci",
        "pair_citations_per_publication", "type_share", "type_fwci", "type_citations_per_publication", "field_output",
        "field_coauthored",
    ]
}

/// A value as a text states it: `22,112`, `3%`, `4.27%`, `less than 1%`, `2.47`, with the interval it accepts.
public struct StatedValue: Sendable, Equatable, CustomStringConvertible {
    public enum Relation: String, Sendable { case equal, lessThan = "less than", moreThan = "more than" }

    public var text: String
    public var value: Double
    public var isPercent: Bool
    public var relation: Relation
    /// The accepted interval for `equal`: the rounding of the stated value unless a tolerance is given.
    public var low: Double
    public var high: Double

    public var description: String { text }

    /// Reads a stated value; `tolerance` (in the value's unit) overrides the rounding interval.
    public static func parse(_ text: String, tolerance: Double? = nil) -> StatedValue? {
        var body = text.trimmingCharacters(in: .whitespaces).lowercased()
        var relation = Relation.equal
        for (prefix, kind) in [("less than", Relation.lessThan), ("under", .lessThan), ("below", .lessThan), ("<", .lessThan),
                               ("more than", .moreThan), ("over", .moreThan), ("above", .moreThan), (">", .moreThan)] where body.hasPrefix(prefix) {
            relation = kind
            body = String(body.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        let isPercent = body.hasSuffix("%")
        if isPercent { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        body = body.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: " ", with: "")
        guard let value = Double(body) else { return nil }
        let decimals = body.firstIndex(of: ".").map { body.distance(from: $0, to: body.endIndex) - 1 } ?? 0
        let half = tolerance ?? 0.5 * pow(10, -Double(decimals))
        return StatedValue(text: text, value: value, isPercent: isPercent, relation: relation,
                           low: value - half, high: value + half)
    }

    /// Whether the statement's interval meets `[low, high]` (a sample's interval, definitions §10).
    public func overlaps(low: Double, high: Double) -> Bool {
        switch relation {
        case .equal: return self.low <= high + 1e-12 && low < self.high - 1e-12
        case .lessThan: return low < value
        case .moreThan: return high > value
        }
    }

    /// Whether `computed` (in the stated unit) agrees with the statement. The rounding interval is
    /// half-open, [value − ½ unit, value + ½ unit), as rounding makes it.
    public func accepts(_ computed: Double) -> Bool {
        switch relation {
        case .equal: return computed >= low - 1e-12 && computed < high - 1e-12
        case .lessThan: return computed < value
        case .moreThan: return computed > value
        }
    }
}

/// A claims file (YAML or JSON, `Schemas/claims.schema.json`).
public struct ClaimsFile: Sendable {
    public var title: String?
    public var claims: [Claim]
    /// The file's `population` (default `sample`), which a claim may override.
    public var population: Population = .sample

    public enum ReadError: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case invalid(claim: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let reason): return reason
            case .invalid(let claim, let reason): return "claim \(claim): \(reason)"
            }
        }
    }

    /// Reads a claims file: JSON when it starts with `{`, YAML otherwise.
    public static func read(path: String) throws -> ClaimsFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReadError.unreadable("\(path): cannot read the file")
        }
        try ClaimsValidation.checkBounds(text, path: path)
        let root: Any?
        do {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
                root = try JSONSerialization.jsonObject(with: Data(text.utf8))
            } else {
                root = try ClaimsValidation.loadYAML(text, path: path)
            }
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError.unreadable("\(path): not valid YAML or JSON: \(error)")
        }
        guard let object = root as? [String: Any], let list = object["claims"] as? [Any] else {
            throw ReadError.unreadable("\(path): expected a top-level \"claims\" list")
        }
        try ClaimsValidation.checkTopKeys(object, path: path)
        let filePopulation = try population(object["population"], claim: "(file)") ?? .sample
        var claims: [Claim] = []
        for (index, entry) in list.enumerated() {
            guard let item = entry as? [String: Any] else { throw ReadError.invalid(claim: "#\(index + 1)", reason: "not a mapping") }
            var claim = try claim(item, index: index)
            claim.population = try population(item["population"] ?? (item["metric"] as? [String: Any])?["population"], claim: claim.id) ?? filePopulation
            claims.append(claim)
        }
        var seen = Set<String>()
        for claim in claims where !seen.insert(claim.id).inserted {
            throw ReadError.invalid(claim: claim.id, reason: "the id is used twice")
        }
        return ClaimsFile(title: object["title"] as? String, claims: claims, population: filePopulation)
    }

    /// A `population` value: `complete` or `sample`; nil when absent.
    private static func population(_ value: Any?, claim: String) throws -> Population? {
        guard let value else { return nil }
        guard let text = value as? String, let population = Population(rawValue: text) else {
            throw ReadError.invalid(claim: claim, reason: "population must be complete or sample")
        }
        return population
    }

    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        default: return nil
        }
    }

    private static func claim(_ item: [String: Any], index: Int) throws -> Claim {
        guard let id = string(item["id"]), !id.isEmpty else { throw ReadError.invalid(claim: "#\(index + 1)", reason: "no id") }
        try ClaimsValidation.check(item, id: id)
        guard let statedText = string(item["stated"]) else { throw ReadError.invalid(claim: id, reason: "no stated value") }
        let tolerance = (item["tolerance"] as? Double) ?? (item["tolerance"] as? Int).map(Double.init)
        guard let stated = StatedValue.parse(statedText, tolerance: tolerance) else {
            throw ReadError.invalid(claim: id, reason: "stated value \"\(statedText)\" is not a number, a percentage or an inequality")
        }
        let text = string(item["text"]) ?? ""
        if let expression = string(item["expression"]) {
            let unit = string(item["expression_unit"]) ?? "fraction"
            guard unit == "fraction" || unit == "percent" || unit == "number" else {
                throw ReadError.invalid(claim: id, reason: "expression_unit must be fraction, percent or number")
            }
            return Claim(id: id, text: text, stated: stated, kind: .expression(expression, resultIsPercent: unit != "fraction"))
        }
        guard let metric = item["metric"] as? [String: Any], let name = string(metric["name"]) else {
            throw ReadError.invalid(claim: id, reason: "needs a metric (with a name) or an expression")
        }
        guard MetricSpec.names.contains(name) else {
            throw ReadError.invalid(claim: id, reason: "unknown metric \"\(name)\"; known: \(MetricSpec.names.sorted().joined(separator: ", "))")
        }
        let counting = string(metric["counting"]).flatMap(CountingMethod.init(rawValue:)) ?? .full
        let pair = (metric["pair"] as? [Any])?.compactMap(string)
        let spec = MetricSpec(
            name: name, country: string(metric["country"]), pair: pair, side: string(metric["side"]),
            from: metric["from"] as? Int, to: metric["to"] as? Int, counting: counting, type: string(metric["type"]),
            scheme: string(metric["scheme"]), field: string(metric["field"]), window: string(metric["window"]),
            transform: string(metric["transform"]))
        return Claim(id: id, text: text, stated: stated, kind: .metric(spec))
    }
}

/// Evaluates `a / b`, `(a + b) * 100`, with claim ids as variables.
struct ClaimExpression {
    enum EvaluationError: Error, Equatable { case unknown(String), syntax(String), divisionByZero }

    private let tokens: [String]
    private var position = 0
    /// Parentheses open around the current token, bounded by `ClaimsValidation.maxExpressionDepth`.
    private var depth = 0

    /// Claim ids contain hyphens, so a minus sign is an operator only as a word of its own (`a - b`).
    init(_ text: String) {
        var tokens: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for character in text {
            if "+*/()".contains(character) {
                flush()
                tokens.append(String(character))
            } else if character.isWhitespace {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        self.tokens = tokens
    }

    /// The ids the expression uses.
    var identifiers: [String] { tokens.filter { $0.first?.isLetter == true } }

    mutating func evaluate(_ lookup: (String) -> Double?) throws -> Double {
        position = 0
        let value = try sum(lookup)
        guard position == tokens.count else { throw EvaluationError.syntax("unexpected \"\(tokens[position])\"") }
        return value
    }

    private mutating func sum(_ lookup: (String) -> Double?) throws -> Double {
        var value = try product(lookup)
        while position < tokens.count, tokens[position] == "+" || tokens[position] == "-" {
            let op = tokens[position]
            position += 1
            let rhs = try product(lookup)
            value = op == "+" ? value + rhs : value - rhs
        }
        return value
    }

    private mutating func product(_ lookup: (String) -> Double?) throws -> Double {
        var value = try atom(lookup)
        while position < tokens.count, tokens[position] == "*" || tokens[position] == "/" {
            let op = tokens[position]
            position += 1
            let rhs = try atom(lookup)
            if op == "/" && rhs == 0 { throw EvaluationError.divisionByZero }
            value = op == "*" ? value * rhs : value / rhs
        }
        return value
    }

    private mutating func atom(_ lookup: (String) -> Double?) throws -> Double {
        guard position < tokens.count else { throw EvaluationError.syntax("the expression ends early") }
        let token = tokens[position]
        position += 1
        if token == "(" {
            depth += 1
            defer { depth -= 1 }
            guard depth <= ClaimsValidation.maxExpressionDepth else {
                throw EvaluationError.syntax("parentheses nested more than \(ClaimsValidation.maxExpressionDepth) deep")
            }
            let value = try sum(lookup)
            guard position < tokens.count, tokens[position] == ")" else { throw EvaluationError.syntax("a \"(\" is not closed") }
            position += 1
            return value
        }
        if let number = Double(token) { return number }
        guard let value = lookup(token) else { throw EvaluationError.unknown(token) }
        return value
    }
}
