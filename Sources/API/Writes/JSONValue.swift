import YAML

/// One value of a request body, as JSON has it; turned into the YAML value the inventory stores.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value as the inventory writes it; nil for `null` (the field is left out or removed). Objects and
    /// fractions have no place in a resource's fields: 422 naming the field.
    func yaml(field: String) throws -> YAMLValue? {
        switch self {
        case .null: return nil
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .string(let text): return .string(text)
        case .array(let items):
            return .list(try items.map { item in
                guard let value = try item.yaml(field: field), !item.isCollection else {
                    throw APIError(.unprocessableContent, "VALIDATION_FAILED",
                                   "'\(field)' must be a list of texts or numbers")
                }
                return value
            })
        case .number, .object:
            throw APIError(.unprocessableContent, "VALIDATION_FAILED",
                           "'\(field)' must be a text, a whole number, true or false, or a list")
        }
    }

    private var isCollection: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
