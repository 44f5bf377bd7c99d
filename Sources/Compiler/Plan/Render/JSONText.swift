import Foundation

/// Deterministic JSON through JSONEncoder: sorted keys, two-space pretty printing, unescaped slashes, trailing
/// newline. (allocations.json, written for every compile, has its own faster writer that matches this byte for byte.)
enum JSONText {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
