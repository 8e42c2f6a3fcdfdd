import Foundation

/// A JSON Schema (draft 2020-12) validator for the keywords the schemas under `Schemas/` use: `type`, `enum`,
/// `const`, `required`, `properties`, `additionalProperties`, `items`, `minItems`, `maxItems`,
/// `minProperties`, `maxProperties`, `minimum`, `maximum`, `exclusiveMinimum`, `pattern`, `$ref` (to
/// `#/$defs/…`), `oneOf`, `anyOf`, `allOf`. Annotations (`title`, `description`, `deprecated`, `format`) are
/// ignored; any other keyword is reported, so that a schema never passes by using a keyword left unchecked.
struct JSONSchemaValidator {
    let root: [String: Any]
    /// The directory of the schema file, for a `$ref` to another file (`import.schema.json#/$defs/…`).
    var directory: URL?

    static let known: Set<String> = [
        "$schema", "$id", "$defs", "$comment", "title", "description", "deprecated", "format", "examples", "default",
        "type", "enum", "const", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
        "minProperties", "maxProperties", "minimum", "maximum", "exclusiveMinimum", "pattern", "$ref", "oneOf", "anyOf", "allOf",
    ]

    init(schema: [String: Any]) { root = schema }

    init(contentsOf url: URL) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let schema = object as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        root = schema
        directory = url.deletingLastPathComponent()
    }

    /// The violations of `value` against the schema, each with its JSON path (`$.countries[3].works`).
    func validate(_ value: Any) -> [String] {
        var errors: [String] = []
        check(value, against: root, path: "$", errors: &errors)
        return errors
    }

    func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let object = node as? [String: Any], let next = object[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    static func typeName(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if type(of: value) == Bool.self { return "boolean" }
        if let number = value as? NSNumber {
            let encoding = String(cString: number.objCType)
            if encoding == "c" || encoding == "B" { return "boolean" }   // JSON numbers are never 8-bit
            let double = number.doubleValue
            return double == double.rounded() && !"\(number)".contains(".") ? "integer" : "number"
        }
        if value is String { return "string" }
        if value is [Any] { return "array" }
        if value is [String: Any] { return "object" }
        return "unknown"
    }

    static func matches(type: String, _ actual: String) -> Bool {
        type == actual || (type == "number" && actual == "integer")
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if typeName(a) == "boolean" || typeName(b) == "boolean" { return typeName(a) == typeName(b) && (a as? Bool) == (b as? Bool) }
        if let x = a as? NSNumber, let y = b as? NSNumber { return x.doubleValue == y.doubleValue }
        if let x = a as? String, let y = b as? String { return x == y }
        if a is NSNull && b is NSNull { return true }
        return false
    }

    func check(_ value: Any, against schema: [String: Any], path: String, errors: inout [String]) {
        for key in schema.keys where !Self.known.contains(key) { errors.append("\(path): schema keyword '\(key)' is not checked by the validator") }
        if let reference = schema["$ref"] as? String, !reference.hasPrefix("#"), let directory {
            let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
            if let other = try? JSONSchemaValidator(contentsOf: directory.appendingPathComponent(parts[0])),
               let target = parts.count > 1 ? other.resolve("#" + parts[1]) : other.root {
                other.check(value, against: target, path: path, errors: &errors)
            } else {
                errors.append("\(path): unresolved $ref \(reference)")
            }
        } else if let reference = schema["$ref"] as? String {
            if let target = resolve(reference) { check(value, against: target, path: path, errors: &errors) } else { errors.append("\(path): unresolved $ref \(reference)") }
        }
        let actual = Self.typeName(value)
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [(type as? String) ?? ""]
            if !types.contains(where: { Self.matches(type: $0, actual) }) {
                errors.append("\(path): \(actual) where \(types.joined(separator: " or ")) is expected")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            errors.append("\(path): \(value) is not one of \(options)")
        }
        if let constant = schema["const"], !Self.equal(constant, value) { errors.append("\(path): \(value) where \(constant) is expected") }
        if let number = value as? NSNumber, actual != "boolean" {
            let double = number.doubleValue
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, double < minimum { errors.append("\(path): \(double) < minimum \(minimum)") }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, double > maximum { errors.append("\(path): \(double) > maximum \(maximum)") }
            if let bound = (schema["exclusiveMinimum"] as? NSNumber)?.doubleValue, double <= bound { errors.append("\(path): \(double) <= exclusive minimum \(bound)") }
        }
        if let text = value as? String, let pattern = schema["pattern"] as? String {
            if text.range(of: pattern, options: .regularExpression) == nil { errors.append("\(path): \"\(text)\" does not match \(pattern)") }
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil { errors.append("\(path): required key '\(key)' is missing") }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    check(member, against: sub, path: "\(path).\(key)", errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool {
                        if !allowed { errors.append("\(path): key '\(key)' is not allowed") }
                    } else if let sub = additional as? [String: Any] {
                        check(member, against: sub, path: "\(path).\(key)", errors: &errors)
                    }
                }
            }
            if let minimum = schema["minProperties"] as? Int, object.count < minimum { errors.append("\(path): fewer than \(minimum) keys") }
            if let maximum = schema["maxProperties"] as? Int, object.count > maximum { errors.append("\(path): more than \(maximum) keys") }
        }
        if let array = value as? [Any] {
            if let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() { check(element, against: items, path: "\(path)[\(index)]", errors: &errors) }
            }
            if let minimum = schema["minItems"] as? Int, array.count < minimum { errors.append("\(path): fewer than \(minimum) items") }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum { errors.append("\(path): more than \(maximum) items") }
        }
        if let all = schema["allOf"] as? [[String: Any]] {
            for sub in all { check(value, against: sub, path: path, errors: &errors) }
        }
        if let any = schema["anyOf"] as? [[String: Any]] {
            let passing = any.filter { sub in var e: [String] = []; check(value, against: sub, path: path, errors: &e); return e.isEmpty }
            if passing.isEmpty { errors.append("\(path): matches none of anyOf") }
        }
        if let one = schema["oneOf"] as? [[String: Any]] {
            let passing = one.filter { sub in var e: [String] = []; check(value, against: sub, path: path, errors: &e); return e.isEmpty }
            if passing.count != 1 { errors.append("\(path): matches \(passing.count) of oneOf, not exactly one") }
        }
    }
}
