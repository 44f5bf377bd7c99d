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
        let bytes = Array(text.utf8)
        if bytes.contains(UInt8(ascii: ":")) {
            guard let value = Self.parseV6(bytes[...]) else { return nil }
            self.init(family: .v6, value: value)
        } else {
            guard let value = Self.parseV4(bytes[...]) else { return nil }
            self.init(family: .v4, value: UInt128(value))
        }
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.family.rawValue, lhs.value) < (rhs.family.rawValue, rhs.value)
    }

    public var description: String {
        family == .v4 ? Self.formatV4(UInt32(truncatingIfNeeded: value)) : Self.formatV6(value)
    }

    /// The address `offset` places further on (wrapping is the caller's concern).
    public func advanced(by offset: UInt128) -> IPAddress {
        IPAddress(family: family, value: value &+ offset)
    }

    static func parseV4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var result: UInt32 = 0
        var octets = 0
        var current: UInt32 = 0
        var digits = 0
        for byte in bytes {
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

    static func parseV6(_ bytes: ArraySlice<UInt8>) -> UInt128? {
        if bytes.elementsEqual("::".utf8) { return 0 }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var groups = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        // "::" at either end produces two empty groups; fold them to one marker.
        if groups.count >= 2, groups.first?.isEmpty == true, groups[1].isEmpty { groups.removeFirst() }
        if groups.count >= 2, groups.last?.isEmpty == true, groups[groups.count - 2].isEmpty { groups.removeLast() }
        guard groups.count >= 2 else { return nil }
        for (index, group) in groups.enumerated() {
            if group.isEmpty {
                guard !sawGap else { return nil }
                sawGap = true
                continue
            }
            if index == groups.count - 1, group.contains(UInt8(ascii: ".")) {
                guard let v4 = parseV4(group) else { return nil }
                let parts = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                if sawGap { tail += parts } else { head += parts }
                continue
            }
            guard group.count <= 4 else { return nil }
            var word: UInt16 = 0
            for byte in group {
                guard let nibble = hexValue(byte) else { return nil }
                word = word << 4 | UInt16(nibble)
            }
            if sawGap { tail.append(word) } else { head.append(word) }
        }
        let total = head.count + tail.count
        if sawGap { guard total < 8 else { return nil } } else { guard total == 8 else { return nil } }
        let words = head + Array(repeating: 0, count: 8 - total) + tail
        return words.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
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
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// RFC 5952 text: lowercase, leading zeros dropped, the longest run (≥ 2) of zero groups as `::`.
    static func formatV6(_ value: UInt128) -> String {
        let words = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard words[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8, words[end] == 0 { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        func hex(_ range: Range<Int>) -> String {
            range.map { String(words[$0], radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
