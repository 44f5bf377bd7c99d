/// A value to write into an inventory document: text, a number, a flag or a flow list of those.
public enum YAMLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([YAMLValue])

    /// The value as YAML on one line: plain when that reads back as the same text, double-quoted otherwise.
    public var rendered: String {
        switch self {
        case .string(let text): Self.scalar(text)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .list(let items): "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        }
    }

    /// Text stays plain only when it is made of characters no YAML reader could take for syntax or for another
    /// type (`yes`, `null`, `1e3` are quoted), so any YAML tool reads back the same string.
    static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]

    private static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard isLetterOrDigit(first), last != " ", last != ":", !reserved.contains(text.lowercased()) else { return false }
        if first.properties.numericType != nil || first == "." || first == "+" || first == "-" {
            // Numbers and things like them (1e3, 0x1F, 1_000) read as numbers elsewhere; addresses (192.0.2.1,
            // 2001:db8::1/64) and prefixes hold ':' or more than one '.', and are not numbers to any reader.
            let isAddressLike = text.contains(":") || text.filter { $0 == "." }.count > 1 || text.contains("/")
            guard isAddressLike else { return false }
        }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            guard isLetterOrDigit(scalar) || "-_./:@+=".unicodeScalars.contains(scalar)
                    || (scalar == " " && previous != " ") else { return false }
            previous = scalar
        }
        return !text.contains(": ") && !text.contains(" #")
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
