/// JSON written straight into bytes, byte for byte as `JSONEncoder` writes it with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two-space indentation, `"key" : value`, an empty
/// container as its brackets around a blank line. Callers give each object's keys in sorted (byte) order.
/// It exists because JSONEncoder took longer than the rest of a node's files for a pool of thousands of
/// allocations.
struct PrettyJSON {
    private var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container has no element yet.
    private var isEmpty = true

    private init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// A whole document: one object, then a line break.
    static func document(capacity: Int = 256, _ fields: (inout PrettyJSON) -> Void) -> String {
        var json = PrettyJSON(capacity: capacity)
        json.container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), fields)
        json.bytes.append(UInt8(ascii: "\n"))
        return String(decoding: json.bytes, as: UTF8.self)
    }

    mutating func field(_ key: StaticString, _ value: String) {
        startValue(key: key)
        appendString(value)
    }

    mutating func field(_ key: StaticString, _ value: Bool) {
        startValue(key: key)
        append(value ? "true" : "false")
    }

    mutating func field(_ key: StaticString, _ value: some BinaryInteger) {
        startValue(key: key)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A number JSONEncoder writes without a fraction when it has none (`0`, `100`, `1.17`); only for values
    /// well inside ±2^53, where that is all it does.
    mutating func field(_ key: StaticString, _ value: Double) {
        precondition(value.isFinite && abs(value) < 1e15, "PrettyJSON writes only moderate numbers")
        startValue(key: key)
        bytes.append(contentsOf: (value == value.rounded() ? String(Int64(value)) : value.description).utf8)
    }

    mutating func field<Element>(_ key: StaticString, array elements: [Element],
                                 _ element: (inout PrettyJSON, Element) -> Void) {
        startValue(key: key)
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { json in
            for item in elements { element(&json, item) }
        }
    }

    /// An object as an element of the enclosing array.
    mutating func object(_ fields: (inout PrettyJSON) -> Void) {
        startValue(key: nil)
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), fields)
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout PrettyJSON) -> Void) {
        bytes.append(open)
        depth += 1
        isEmpty = true
        body(&self)
        if isEmpty { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        depth -= 1
        indent()
        bytes.append(close)
        isEmpty = false
    }

    private mutating func startValue(key: StaticString?) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        isEmpty = false
        indent()
        if let key {
            bytes.append(UInt8(ascii: "\""))
            append(key)
            append("\" : ")
        }
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string: quotes, backslashes and control characters escaped as JSONEncoder escapes them.
    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0..<0x20:
                let digits: StaticString = "0123456789abcdef"
                append("\\u00")
                bytes.append(digits.utf8Start[Int(byte >> 4)])
                bytes.append(digits.utf8Start[Int(byte & 0xF)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
