/// The JSON-schema pieces the document is built from (OpenAPI 3.1 uses JSON Schema 2020-12: `null` is a type).
enum Schema {
    static let string: OpenAPIValue = ["type": "string"]
    static let integer: OpenAPIValue = ["type": "integer"]
    static let number: OpenAPIValue = ["type": "number"]
    static let boolean: OpenAPIValue = ["type": "boolean"]
    static let uuid: OpenAPIValue = ["type": "string", "format": "uuid"]
    static let dateTime: OpenAPIValue = ["type": "string", "format": "date-time"]
    /// Any JSON value.
    static let any: OpenAPIValue = [:]

    static func array(_ items: OpenAPIValue) -> OpenAPIValue { ["type": "array", "items": items] }

    static func ref(_ name: String) -> OpenAPIValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func `enum`(_ values: [String]) -> OpenAPIValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }

    /// `schema` or `null`: the reference writes absent values as `null`, never leaves them out.
    static func nullable(_ schema: OpenAPIValue) -> OpenAPIValue {
        guard case .object(var members) = schema else { return schema }
        if case .string(let type)? = members["type"] {
            members["type"] = [.string(type), "null"]
            if case .array(let values)? = members["enum"] { members["enum"] = .array(values + [.null]) }
            return .object(members)
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }

    /// A map from texts to `values`.
    static func map(_ values: OpenAPIValue) -> OpenAPIValue { ["type": "object", "additionalProperties": values] }

    /// An object. `required` nil: every property (the server writes them all). `strict`: no other property
    /// (`additionalProperties: false`), for answers whose every field is listed here.
    static func object(_ properties: [String: OpenAPIValue], required: [String]? = nil, strict: Bool = true)
        -> OpenAPIValue {
        var members: [String: OpenAPIValue] = [
            "type": "object",
            "properties": .object(properties),
            "required": .array((required ?? properties.keys.sorted()).map { .string($0) }),
        ]
        if strict { members["additionalProperties"] = false }
        return .object(members)
    }
}
