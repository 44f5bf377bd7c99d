import Foundation

/// A JSON syntax error with its place.
struct JSONSyntaxError: Error {
    var message: String
    var line: Int
    var column: Int
    /// Valid so far, but nested deeper than `InventoryLimits.maxNestingDepth`.
    var isTooDeep = false
}

/// A ROA entry that is valid JSON but not a usable VRP.
struct ROAProblem: Error {
    var message: String
    var line: Int
    var column: Int
}

/// Reads VRP exports straight from their bytes: it walks the top-level object, hands each element of its
/// `roas` array to `roa()`, and skips everything else without building any value. A validator's full export
/// (half a million entries) therefore never exists as a tree in memory. Skipping recurses once per level of
/// nesting, so nesting is bounded by `InventoryLimits.maxNestingDepth`.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// Objects and arrays open around `position`.
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Calls `each` with every entry of the top-level `roas` array; false when the document has no such array.
    static func forEachROA(in data: [UInt8],
                           _ each: (Result<VRP, ROAProblem>) -> Void) throws(JSONSyntaxError) -> Bool {
        var result: Result<Bool, JSONSyntaxError> = .success(false)
        data.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(bytes: buffer)
            do throws(JSONSyntaxError) {
                result = .success(try scanner.roas(each))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: line, column: position - lineStart + 1)
    }

    /// Steps into the object or array that starts at `position`.
    private mutating func open() throws(JSONSyntaxError) {
        guard depth < InventoryLimits.maxNestingDepth else {
            var error = error("values nest deeper than \(InventoryLimits.maxNestingDepth) levels here")
            error.isTooDeep = true
            throw error
        }
        depth += 1
        position += 1
    }

    private mutating func roas(_ each: (Result<VRP, ROAProblem>) -> Void) throws(JSONSyntaxError) -> Bool {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { throw error("expected a JSON object") }
        try open()
        var found = false
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                let key = try key()
                if Self.equals(key, "roas"), peek() == UInt8(ascii: "[") {
                    found = true
                    try open()
                    skipSpace()
                    if peek() == UInt8(ascii: "]") {
                        position += 1
                    } else {
                        repeat {
                            skipSpace()
                            each(try roa())
                        } while try !closes(UInt8(ascii: "]"))
                    }
                    depth -= 1
                } else {
                    try skipValue()
                }
                if try closes(UInt8(ascii: "}")) { break }
            }
        }
        skipSpace()
        guard position == bytes.count else { throw error("trailing characters after the JSON value") }
        return found
    }

    /// One ROA object: only `asn`, `prefix` and `maxLength` are looked at. Syntax errors throw; a well-formed
    /// but unusable entry is a problem at the entry's place.
    private mutating func roa() throws(JSONSyntaxError) -> Result<VRP, ROAProblem> {
        let place = (line: line, column: position - lineStart + 1)
        func problem(_ message: String) -> Result<VRP, ROAProblem> {
            .failure(ROAProblem(message: message, line: place.line, column: place.column))
        }
        guard peek() == UInt8(ascii: "{") else {
            try skipValue()
            return problem("a ROA must be an object")
        }
        try open()
        defer { depth -= 1 }
        var prefix: IPPrefix?
        var prefixText: String?
        var asn: UInt32?
        var asnText: String?
        var maxLength: Int?
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            repeat {
                let key = try key()
                if Self.equals(key, "prefix"), peek() == UInt8(ascii: "\"") {
                    let raw = try rawString()
                    prefix = IPPrefix.parse(bytes, raw.startIndex, raw.endIndex)
                    prefixText = Self.quotable(raw)
                } else if Self.equals(key, "asn"), peek() == UInt8(ascii: "\"") {
                    let raw = try rawString()
                    asnText = Self.quotable(raw)
                    var digits = raw[...]
                    if digits.count > 2, Self.equals(digits.prefix(2), "AS") || Self.equals(digits.prefix(2), "as") {
                        digits = digits.dropFirst(2)
                    }
                    asn = Self.decimal(digits).flatMap { $0 <= UInt64(UInt32.max) ? UInt32($0) : nil }
                } else if Self.equals(key, "asn") {
                    let number = try number()
                    asnText = Self.quotable(number)
                    asn = Self.decimal(number).flatMap { $0 <= UInt64(UInt32.max) ? UInt32($0) : nil }
                } else if Self.equals(key, "maxLength") || Self.equals(key, "max_length") {
                    maxLength = Self.decimal(try number()).map { Int(min($0, 999)) } ?? 999
                } else {
                    try skipValue()
                }
            } while try !closes(UInt8(ascii: "}"))
        }
        guard let text = prefixText else { return problem("ROA without a prefix") }
        guard let prefix, !prefix.hasHostBits else { return problem("ROA prefix '\(text)' is not a valid prefix") }
        guard let asn else {
            return problem(asnText.map { "ROA ASN '\($0)' is not an AS number" } ?? "ROA for \(text) has no asn")
        }
        let length = maxLength ?? prefix.length
        guard length >= prefix.length, length <= prefix.family.bitWidth else {
            return problem("ROA \(text) has maxLength \(length) outside /\(prefix.length)…/\(prefix.family.bitWidth)")
        }
        return .success(VRP(prefix: prefix, maxLength: length, asn: asn))
    }

    // MARK: Tokens

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"):
                line += 1
                position += 1
                lineStart = position
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            default:
                return
            }
        }
    }

    /// `"key":` with the space around it; the key's raw bytes.
    private mutating func key() throws(JSONSyntaxError) -> Slice<UnsafeBufferPointer<UInt8>> {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a key") }
        let key = try rawString()
        skipSpace()
        guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
        position += 1
        skipSpace()
        return key
    }

    /// After a member or element: consumes `,` (false: more follow) or `close` (true: the container ends).
    private mutating func closes(_ close: UInt8) throws(JSONSyntaxError) -> Bool {
        skipSpace()
        guard let byte = peek() else { throw error("unexpected end of JSON") }
        if byte == UInt8(ascii: ",") {
            position += 1
            return false
        }
        guard byte == close else { throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
        position += 1
        return true
    }

    /// The bytes between the quotes, escapes left as they are (keys and ROA fields never need them).
    private mutating func rawString() throws(JSONSyntaxError) -> Slice<UnsafeBufferPointer<UInt8>> {
        position += 1
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return bytes[start..<(position - 1)]
            case UInt8(ascii: "\\"):
                position += 2
            case UInt8(ascii: "\n"):
                throw error("newline inside a string")
            default:
                position += 1
            }
        }
        throw error("unterminated string")
    }

    /// The bytes of a number.
    private mutating func number() throws(JSONSyntaxError) -> Slice<UnsafeBufferPointer<UInt8>> {
        let start = position
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E") {
            position += 1
        }
        guard position > start else { throw error("expected a value") }
        return bytes[start..<position]
    }

    /// Skips one value of any kind, checking its syntax.
    private mutating func skipValue() throws(JSONSyntaxError) {
        skipSpace()
        guard let byte = peek() else { throw error("unexpected end of JSON") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = byte == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            try open()
            defer { depth -= 1 }
            skipSpace()
            if peek() == close {
                position += 1
                return
            }
            repeat {
                if isObject { _ = try key() }
                try skipValue()
            } while try !closes(close)
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
        else { throw error("unexpected character") }
        position += count
    }

    // MARK: Helpers

    private static func equals(_ raw: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        raw.count == word.utf8CodeUnitCount && memcmp(raw.base.baseAddress! + raw.startIndex, word.utf8Start, raw.count) == 0
    }

    /// A value's text for a message: a crafted export may hold a string of any length.
    private static func quotable(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        raw.count <= 64 ? String(decoding: raw, as: UTF8.self) : String(decoding: raw.prefix(60), as: UTF8.self) + "…"
    }

    /// A whole decimal number of at most 10 digits.
    private static func decimal(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 10 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
