import Foundation
import Yams

/// What a claims file may say: every key and every enumerated value is known, so that a misspelt key
/// (`form:`), a quoted year or `counting: fractionl` is an error naming the claim instead of a figure computed
/// over something else; and bounds on the file, its nesting and its YAML aliases, so that no file can
/// exhaust memory or the stack.
enum ClaimsValidation {
    typealias ReadError = ClaimsFile.ReadError

    /// The largest claims file read: 4 MiB.
    static let maxFileBytes = 4 << 20
    /// The deepest nesting of brackets (flow collections, JSON) in the file.
    static let maxNesting = 64
    /// The most values a YAML file may expand to once its aliases are resolved (a "billion laughs" file
    /// expands exponentially).
    static let maxExpandedNodes = 100_000
    /// The deepest parenthesis nesting in an expression.
    static let maxExpressionDepth = 64

    /// `population`: whether the data is the complete population the claims speak of, or a sample.
    static let topKeys: Set<String> = ["title", "claims", "population"]
    static let claimKeys: Set<String> = ["id", "text", "stated", "tolerance", "expression", "expression_unit", "metric", "population"]
    static let metricKeys: Set<String> = ["name", "country", "pair", "side", "from", "to", "counting", "type", "scheme",
                                          "field", "window", "transform", "population"]
    /// The allowed values of the enumerated metric keys.
    static let metricValues: [String: Set<String>] = [
        "counting": ["full", "fractional"],
        "type": ["international", "national", "institutional", "single"],
        "window": ["4y", "total"],
        "transform": ["excess-percent"],
        "population": ["complete", "sample"],
        "scheme": Set(FieldSchemes.known),
    ]

    /// Checks the text's size and bracket nesting before any parser sees it.
    static func checkBounds(_ text: String, path: String) throws {
        guard text.utf8.count <= maxFileBytes else {
            throw ReadError.unreadable("\(path): larger than \(maxFileBytes >> 20) MiB; a claims file lists figures, not data")
        }
        var depth = 0
        var deepest = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
                deepest = max(deepest, depth)
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth = max(depth - 1, 0)
            }
        }
        guard deepest <= maxNesting else {
            throw ReadError.unreadable("\(path): brackets nested \(deepest) deep; at most \(maxNesting) are read")
        }
    }

    /// Loads YAML after checking, on the composed tree where an alias is one shared node, that resolving the
    /// aliases stays under `maxExpandedNodes` values.
    static func loadYAML(_ text: String, path: String) throws -> Any? {
        guard let node = try Yams.compose(yaml: text) else { return nil }
        var budget = maxExpandedNodes
        guard withinBudget(node, &budget) else {
            throw ReadError.unreadable("\(path): the YAML expands to more than \(maxExpandedNodes) values once its aliases are resolved")
        }
        return try Yams.load(yaml: text)
    }

    private static func withinBudget(_ node: Node, _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping where !withinBudget(key, &budget) || !withinBudget(value, &budget) { return false }
        case .sequence(let sequence):
            for element in sequence where !withinBudget(element, &budget) { return false }
        default:
            break
        }
        return true
    }

    static func checkTopKeys(_ object: [String: Any], path: String) throws {
        if let unknown = object.keys.filter({ !topKeys.contains($0) }).sorted().first {
            throw ReadError.unreadable("\(path): unknown key \"\(unknown)\" at the top level; known: \(topKeys.sorted().joined(separator: ", "))")
        }
        if let population = object["population"], !(metricValues["population"]?.contains(population as? String ?? "") ?? false) {
            throw ReadError.unreadable("\(path): population must be complete or sample, not \(describe(population))")
        }
    }

    /// Checks a claim's keys, and its metric's keys, value types and enumerated values.
    static func check(_ item: [String: Any], id: String) throws {
        if let unknown = item.keys.filter({ !claimKeys.contains($0) }).sorted().first {
            throw ReadError.invalid(claim: id, reason: "unknown key \"\(unknown)\"; known: \(claimKeys.sorted().joined(separator: ", "))")
        }
        guard let metric = item["metric"] as? [String: Any] else { return }
        if let unknown = metric.keys.filter({ !metricKeys.contains($0) }).sorted().first {
            throw ReadError.invalid(claim: id, reason: "unknown metric key \"\(unknown)\"; known: \(metricKeys.sorted().joined(separator: ", "))")
        }
        for key in ["from", "to"] {
            if let value = metric[key], value as? Int == nil || value is Bool {
                throw ReadError.invalid(claim: id, reason: "\(key) must be a year written as a number, not \(describe(value))")
            }
        }
        for (key, allowed) in metricValues {
            guard let value = metric[key] else { continue }
            guard let text = value as? String, allowed.contains(text) else {
                throw ReadError.invalid(claim: id, reason: "\(key) must be one of \(allowed.sorted().joined(separator: ", ")), not \(describe(value))")
            }
        }
        for key in ["country", "side", "field"] {
            if let value = metric[key], !(value is String) {
                throw ReadError.invalid(claim: id, reason: "\(key) must be a text, not \(describe(value))")
            }
        }
        if let pair = metric["pair"], (pair as? [Any])?.count != 2 || !((pair as? [Any])?.allSatisfy { $0 is String } ?? false) {
            throw ReadError.invalid(claim: id, reason: "pair must list two countries, not \(describe(pair))")
        }
    }

    private static func describe(_ value: Any) -> String {
        if let text = value as? String { return "the text \"\(text.prefix(40))\"" }
        return "\(value)".prefix(40).description
    }
}
