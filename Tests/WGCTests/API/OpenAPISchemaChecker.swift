@testable import API
import Foundation

/// The subset of JSON Schema the OpenAPI document uses, checked against a real answer: `$ref`, `anyOf`, `type`
/// (one or a list, `null` among them), `enum`, `required`, `properties`, `additionalProperties` (false or a
/// schema), `items` and the formats `uuid` and `date-time`. Each problem names where in the answer it is.
struct OpenAPISchemaChecker {
    let document: JSONValue

    init(document: JSONValue) {
        self.document = document
    }

    /// The schema of the JSON answer `status` of `method` on `path` (as the router writes it: `/users/{id}`).
    func answerSchema(_ method: String, _ path: String, status: Int) -> JSONValue? {
        guard var response = document["paths"]?[path]?[method]?["responses"]?[String(status)] else { return nil }
        if let reference = response["$ref"]?.text { response = resolve(reference) ?? .null }
        return response["content"]?["application/json"]?["schema"]
    }

    /// Every way `value` breaks `schema`; empty when it conforms.
    func problems(_ value: JSONValue, _ schema: JSONValue, at place: String = "$") -> [String] {
        if let reference = schema["$ref"]?.text {
            guard let target = resolve(reference) else { return ["\(place): unresolved \(reference)"] }
            return problems(value, target, at: place)
        }
        if case .array(let choices)? = schema["anyOf"] {
            return choices.contains { problems(value, $0, at: place).isEmpty } ? []
                : ["\(place): matches none of anyOf"]
        }
        if let types = schema["type"], !Self.types(of: types).contains(where: { Self.value(value, is: $0) }) {
            return ["\(place): \(Self.describe(value)) is not of type \(Self.types(of: types))"]
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            return ["\(place): \(Self.describe(value)) is not one of \(allowed)"]
        }
        if let format = schema["format"]?.text, case .string(let text) = value, !Self.text(text, has: format) {
            return ["\(place): '\(text)' is not a \(format)"]
        }
        switch value {
        case .object(let members): return objectProblems(members, schema, at: place)
        case .array(let items):
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { problems($1, itemSchema, at: "\(place)[\($0)]") }
        default: return []
        }
    }

    private func objectProblems(_ members: [String: JSONValue], _ schema: JSONValue, at place: String) -> [String] {
        var found: [String] = []
        if case .array(let required)? = schema["required"] {
            for case .string(let name) in required where members[name] == nil {
                found.append("\(place): '\(name)' is required")
            }
        }
        let properties = schema["properties"]?.members ?? [:]
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let property = properties[name] {
                found += problems(member, property, at: "\(place).\(name)")
            } else if schema["additionalProperties"] == .bool(false) {
                found.append("\(place): '\(name)' is not in the schema")
            } else if let extra = schema["additionalProperties"], extra.members != nil {
                found += problems(member, extra, at: "\(place).\(name)")
            }
        }
        return found
    }

    /// `#/components/schemas/User` in the document.
    private func resolve(_ reference: String) -> JSONValue? {
        reference.split(separator: "/").dropFirst().reduce(Optional(document)) { $0?[String($1)] }
    }

    private static func types(of value: JSONValue) -> [String] {
        switch value {
        case .string(let type): [type]
        case .array(let types): types.compactMap(\.text)
        default: []
        }
    }

    private static func value(_ value: JSONValue, is type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.int, "integer"), (.int, "number"), (.number, "number"),
             (.string, "string"), (.array, "array"), (.object, "object"): true
        default: false
        }
    }

    private static func text(_ text: String, has format: String) -> Bool {
        switch format {
        case "uuid": return UUID(uuidString: text) != nil
        case "date-time":
            let plain = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return plain.date(from: text) != nil || fractional.date(from: text) != nil
        default: return true
        }
    }

    private static func describe(_ value: JSONValue) -> String { String(describing: value).prefix(80).description }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? { members?[key] }

    var members: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The JSON of `bytes`.
    static func parse(_ bytes: some Sequence<UInt8>) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }
}
