/// An IPv4 or IPv6 address held as a 128-bit number (IPv4 in the low 32 bits).
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Family: Int, Sendable, Hashable {
        case v4 = 4
        case v6 = 6

        public var bitWidth: Int { self == .v4 ? 32 : 128 }
    }

    public let family: Family
    public let value: UInt128

    public init(family: Family, value: UInt128) {
        self.family = family
        self.value = family == .v4 ? value & 0xFFFF_FFFF : value
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail).
    public init?(_ text: some StringProtocol) {
        var string = String(text)
        guard let parsed = string.withUTF8({ Self.parse($0, 0, $0.count) }) else { return nil }
        self = parsed
    }

    /// Parses `bytes[start..<end]` as an address; the single pass the loader's hot path uses.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> IPAddress? {
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: ":") {
                guard let value = parseV6(bytes, start, end) else { return nil }
                return IPAddress(family: .v6, value: value)
            }
            index += 1
        }
        guard let value = parseV4(bytes, start, end) else { return nil }
        return IPAddress(family: .v4, value: UInt128(value))
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.family.rawValue, lhs.value) < (rhs.family.rawValue, rhs.value)
    }

    public var description: String {
        family == .v4 ? Self.formatV4(UInt32(truncatingIfNeeded: value)) : Self.formatV6(value)
    }

    static func parseV4(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        var result: UInt32 = 0
        var octets = 0
        var current: UInt32 = 0
        var digits = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                result = result << 8 | current
                octets += 1
                current = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                // A leading zero ("010") is ambiguous (octal in some tools), so it is refused.
                if digits == 1, current == 0 { return nil }
                current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard current <= 255, digits <= 3 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return result << 8 | current
    }

    static func parseV6(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt128? {
        var head: UInt128 = 0
        var headCount = 0
        var tail: UInt128 = 0
        var tailCount = 0
        var sawGap = false
        var index = start
        func append(_ word: UInt128) -> Bool {
            guard headCount + tailCount < 8 else { return false }
            if sawGap {
                tail = tail << 16 | word
                tailCount += 1
            } else {
                head = head << 16 | word
                headCount += 1
            }
            return true
        }
        if index < end, bytes[index] == UInt8(ascii: ":") {
            guard index + 1 < end, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
            sawGap = true
            index += 2
        }
        while index < end {
            var cursor = index
            var word: UInt32 = 0
            while cursor < end, cursor - index < 5, let nibble = hexValue(bytes[cursor]) {
                word = word << 4 | UInt32(nibble)
                cursor += 1
            }
            if cursor < end, bytes[cursor] == UInt8(ascii: ".") {
                guard let v4 = parseV4(bytes, index, end), append(UInt128(v4 >> 16)), append(UInt128(v4 & 0xFFFF))
                else { return nil }
                index = end
                break
            }
            guard cursor > index, cursor - index <= 4, append(UInt128(word)) else { return nil }
            if cursor == end {
                index = end
                break
            }
            guard bytes[cursor] == UInt8(ascii: ":") else { return nil }
            if cursor + 1 < end, bytes[cursor + 1] == UInt8(ascii: ":") {
                guard !sawGap else { return nil }
                sawGap = true
                index = cursor + 2
            } else {
                index = cursor + 1
                guard index < end else { return nil }
            }
        }
        let total = headCount + tailCount
        if sawGap {
            guard total < 8 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        let shift = 16 * (8 - headCount)
        return (shift >= 128 ? 0 : head << shift) | tail
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func formatV4(_ value: UInt32) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(15)
        for shift in [24, 16, 8, 0] {
            let octet = UInt8(truncatingIfNeeded: value >> UInt32(shift))
            if octet >= 100 { bytes.append(UInt8(ascii: "0") + octet / 100) }
            if octet >= 10 { bytes.append(UInt8(ascii: "0") + octet / 10 % 10) }
            bytes.append(UInt8(ascii: "0") + octet % 10)
            if shift > 0 { bytes.append(UInt8(ascii: ".")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 5952 text: lowercase, leading zeros dropped, the longest run (≥ 2) of zero groups as `::`.
    static func formatV6(_ value: UInt128) -> String {
        var words = (0, 0, 0, 0, 0, 0, 0, 0) as (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)
        return withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.bindMemory(to: UInt16.self)
            for index in 0..<8 { word[index] = UInt16(truncatingIfNeeded: value >> (112 - 16 * index)) }
            var bestStart = -1
            var bestLength = 1
            var index = 0
            while index < 8 {
                guard word[index] == 0 else {
                    index += 1
                    continue
                }
                var end = index
                while end < 8, word[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            }
            let digits: StaticString = "0123456789abcdef"
            var bytes: [UInt8] = []
            bytes.reserveCapacity(39)
            func appendWord(_ value: UInt16) {
                var started = false
                for shift in stride(from: 12, through: 0, by: -4) {
                    let nibble = Int(value >> UInt16(shift) & 0xF)
                    if nibble != 0 || started || shift == 0 {
                        bytes.append(digits.utf8Start[nibble])
                        started = true
                    }
                }
            }
            var position = 0
            while position < 8 {
                if position == bestStart {
                    bytes.append(UInt8(ascii: ":"))
                    bytes.append(UInt8(ascii: ":"))
                    position += bestLength
                    continue
                }
                if position > 0, position != bestStart + bestLength || bestStart < 0 { bytes.append(UInt8(ascii: ":")) }
                appendWord(word[position])
                position += 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
