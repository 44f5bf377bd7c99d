import Foundation

/// A small, fast JSON reader for VRP exports (hundreds of thousands of objects): it builds a light value tree
/// straight from the bytes, with the line of each object kept for error messages.
enum JSONValue {
    case object([(String, JSONValue)], line: Int, column: Int)
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    subscript(key: String) -> JSONValue? {
        guard case .object(let members, _, _) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

struct JSONSyntaxError: Error {
    var message: String
    var line: Int
    var column: Int
}

/// A ROA entry that is valid JSON but not a usable VRP.
struct ROAProblem: Error {
    var message: String
    var line: Int
    var column: Int
}

struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1
    private var lineStart = 0

    static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var result: Result<JSONValue, JSONSyntaxError> = .success(.null)
        data.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(bytes: buffer)
            result = scanner.document()
        }
        return try result.get()
    }

    /// Streams the elements of the top-level object's `key` array to `each`, one at a time, so a validator's
    /// full export (hundreds of thousands of entries) never exists as one tree. False when there is no such array.
    static func forEachROA(in data: [UInt8],
                           _ each: (Result<VRP, ROAProblem>) -> Void) throws(JSONSyntaxError) -> Bool {
        var result: Result<Bool, JSONSyntaxError> = .success(false)
        data.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(bytes: buffer)
            do throws(JSONSyntaxError) {
                result = .success(try scanner.streamArray("roas") { scanner throws(JSONSyntaxError) in
                    each(try scanner.roa())
                })
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private mutating func streamArray(_ wanted: String,
                                      _ each: (inout JSONScanner) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { throw error("expected a JSON object") }
        position += 1
        var found = false
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { return false }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            if key == wanted, position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                found = true
                position += 1
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                } else {
                    while true {
                        skipSpace()
                        try each(&self)
                        if try closes(UInt8(ascii: "]")) { break }
                    }
                }
            } else {
                _ = try value()
            }
            if try closes(UInt8(ascii: "}")) { break }
        }
        skipSpace()
        guard position == bytes.count else { throw error("trailing characters after the JSON value") }
        return found
    }

    /// One ROA object read straight from the bytes: only `asn`, `prefix` and `maxLength` are looked at, the
    /// rest skipped without building values. Syntax errors throw; a well-formed but wrong entry is a problem.
    mutating func roa() throws(JSONSyntaxError) -> Result<VRP, ROAProblem> {
        let place = (line: line, column: position - lineStart + 1)
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
            _ = try value()
            return .failure(ROAProblem(message: "a ROA must be an object", line: place.line, column: place.column))
        }
        position += 1
        var prefix: IPPrefix?
        var prefixText: String?
        var asn: UInt32?
        var asnProblem: String?
        var maxLength: Int?
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try rawString()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if Self.equals(key, "prefix"), position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    let raw = try rawString()
                    let start = raw.startIndex
                    prefix = IPPrefix.parse(bytes, start, raw.endIndex)
                    prefixText = String(decoding: raw, as: UTF8.self)
                } else if Self.equals(key, "asn") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                        let raw = try rawString()
                        var digits = raw[...]
                        if digits.count > 2, digits.prefix(2).elementsEqual("AS".utf8) || digits.prefix(2).elementsEqual("as".utf8) {
                            digits = digits.dropFirst(2)
                        }
                        asn = Self.decimal(digits).flatMap { $0 <= UInt64(UInt32.max) ? UInt32($0) : nil }
                        if asn == nil { asnProblem = "ROA ASN '\(String(decoding: raw, as: UTF8.self))' is not an ASN" }
                    } else {
                        let number = try number()
                        if number >= 0, number <= Double(UInt32.max), number == number.rounded() { asn = UInt32(number) }
                    }
                } else if Self.equals(key, "maxLength") || Self.equals(key, "max_length") {
                    let number = try number()
                    maxLength = number >= 0 && number <= 128 && number == number.rounded() ? Int(number) : 999
                } else {
                    _ = try value()
                }
                if try closes(UInt8(ascii: "}")) { break }
            }
        }
        func problem(_ message: String) -> Result<VRP, ROAProblem> {
            .failure(ROAProblem(message: message, line: place.line, column: place.column))
        }
        guard let text = prefixText else { return problem("ROA without a prefix") }
        guard let prefix, !prefix.hasHostBits else { return problem("ROA prefix '\(text)' is not a valid prefix") }
        guard let asn else { return problem(asnProblem ?? "ROA for \(text) has no valid asn") }
        let length = maxLength ?? prefix.length
        guard length >= prefix.length, length <= prefix.family.bitWidth else {
            return problem("ROA \(text) has maxLength \(length) outside /\(prefix.length)…/\(prefix.family.bitWidth)")
        }
        return .success(VRP(prefix: prefix, maxLength: length, asn: asn))
    }

    /// The bytes of a string without escapes resolved (keys and ROA fields never need them).
    private mutating func rawString() throws(JSONSyntaxError) -> Slice<UnsafeBufferPointer<UInt8>> {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return bytes[start..<(position - 1)]
            }
            if byte == UInt8(ascii: "\\") { position += 1 }
            if byte == UInt8(ascii: "\n") { throw error("newline inside a string") }
            position += 1
        }
        throw error("unterminated string")
    }

    private static func equals(_ raw: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        guard raw.count == word.utf8CodeUnitCount else { return false }
        return memcmp(raw.base.baseAddress! + raw.startIndex, word.utf8Start, raw.count) == 0
    }

    private static func decimal(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 10 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private mutating func document() -> Result<JSONValue, JSONSyntaxError> {
        do throws(JSONSyntaxError) {
            let parsed = try value()
            skipSpace()
            guard position == bytes.count else { return .failure(error("trailing characters after the JSON value")) }
            return .success(parsed)
        } catch {
            return .failure(error)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, line: line, column: position - lineStart + 1) }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"):
                line += 1
                position += 1
                lineStart = position
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw error("unexpected end of JSON") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    /// After a member or element: consumes `,` (false: more follow) or `close` (true: the container ends).
    private mutating func closes(_ close: UInt8) throws(JSONSyntaxError) -> Bool {
        skipSpace()
        guard position < bytes.count else { throw error("unexpected end of JSON") }
        if bytes[position] == UInt8(ascii: ",") {
            position += 1
            return false
        }
        guard bytes[position] == close else {
            throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
        }
        position += 1
        return true
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of JSON") }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
            throw error("unexpected character")
        }
        position += count
    }

    private mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        let startLine = line
        let startColumn = position - lineStart + 1
        position += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members, line: startLine, column: startColumn)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            members.append((key, try value()))
            if try closes(UInt8(ascii: "}")) { return .object(members, line: startLine, column: startColumn) }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            if try closes(UInt8(ascii: "]")) { return .array(items) }
        }
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var hasEscape = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return hasEscape ? try unescape(raw) : String(decoding: raw, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { hasEscape = true; position += 1 }
            if byte == UInt8(ascii: "\n") { throw error("newline inside a string") }
            position += 1
        }
        throw error("unterminated string")
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                out.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                guard index + 4 <= raw.count else { throw error("bad \\u escape") }
                var scalar: UInt32 = 0
                for offset in 0..<4 {
                    guard let nibble = IPAddress.hexValue(raw[index + offset]) else { throw error("bad \\u escape") }
                    scalar = scalar << 4 | UInt32(nibble)
                }
                index += 4
                out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(escaped)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                position += 1
            default:
                guard position > start else { throw error("unexpected character") }
                return try parsedNumber(start)
            }
        }
        return try parsedNumber(start)
    }

    private func parsedNumber(_ start: Int) throws(JSONSyntaxError) -> Double {
        // Whole numbers (ASNs, lengths, timestamps) are read directly; anything else goes through strtod.
        if position - start <= 15, let whole = Self.decimal(bytes[start..<position]) { return Double(whole) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let number = Double(text) else { throw error("bad number '\(text)'") }
        return number
    }
}
