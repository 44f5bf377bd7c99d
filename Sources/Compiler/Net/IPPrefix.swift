/// An address with a prefix length: a network (`2001:db8::/48`) or an interface address (`10.0.0.1/24`).
public struct IPPrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let length: Int

    public init(address: IPAddress, length: Int) {
        self.address = address
        self.length = length
    }

    public enum ParseError: Error, Equatable, Sendable {
        case invalidAddress
        case invalidLength
    }

    /// Parses `ADDRESS/LENGTH`; a bare address is a host prefix (/32 or /128) when `bareAddressIsHost`.
    public static func parse(_ text: some StringProtocol, bareAddressIsHost: Bool = false) -> Result<IPPrefix, ParseError> {
        var string = String(text)
        return string.withUTF8 { parse($0, 0, $0.count, bareAddressIsHost: bareAddressIsHost) }
    }

    /// Parses `bytes[start..<end]`; nil-free result type so callers can tell a bad address from a bad length.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                      bareAddressIsHost: Bool) -> Result<IPPrefix, ParseError> {
        var slash = start
        while slash < end, bytes[slash] != UInt8(ascii: "/") { slash += 1 }
        guard let address = IPAddress.parse(bytes, start, slash) else { return .failure(.invalidAddress) }
        guard slash < end else {
            return bareAddressIsHost ? .success(IPPrefix(address: address, length: address.family.bitWidth))
                : .failure(.invalidLength)
        }
        let digits = end - slash - 1
        guard (1...3).contains(digits) else { return .failure(.invalidLength) }
        var length = 0
        for index in (slash + 1)..<end {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .failure(.invalidLength) }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard length <= address.family.bitWidth else { return .failure(.invalidLength) }
        return .success(IPPrefix(address: address, length: length))
    }

    /// A network prefix parsed from raw bytes, or nil.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> IPPrefix? {
        try? parse(bytes, start, end, bareAddressIsHost: false).get()
    }

    /// `ADDRESS/LENGTH` read straight from UTF-8 bytes (a daemon's reply), without making a string; nil when it
    /// is not one.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> IPPrefix? {
        parse(bytes, 0, bytes.count)
    }

    public var family: IPAddress.Family { address.family }

    /// Mask of the network bits, in the family's width.
    public var netmask: UInt128 {
        let width = family.bitWidth
        guard length > 0 else { return 0 }
        let ones = UInt128.max << (128 - length)
        return width == 128 ? ones : (ones >> 96)
    }

    public var hostmask: UInt128 {
        let all: UInt128 = family == .v4 ? 0xFFFF_FFFF : .max
        return all & ~netmask
    }

    /// True when bits beyond the length are set (`2001:db8::1/48`).
    public var hasHostBits: Bool { address.value & hostmask != 0 }

    /// The network with host bits cleared.
    public var network: IPPrefix { IPPrefix(address: IPAddress(family: family, value: address.value & netmask), length: length) }

    public var first: UInt128 { address.value & netmask }
    public var last: UInt128 { first | hostmask }

    /// Number of addresses, saturating at `UInt128.max`.
    public var size: UInt128 { hostmask == .max ? .max : hostmask + 1 }

    public func contains(_ other: IPPrefix) -> Bool {
        family == other.family && length <= other.length && other.first >= first && other.last <= last
    }

    public func contains(_ address: IPAddress) -> Bool {
        family == address.family && address.value & netmask == first
    }

    public func overlaps(_ other: IPPrefix) -> Bool {
        family == other.family && first <= other.last && other.first <= last
    }

    public var description: String { "\(address)/\(length)" }

    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        (lhs.family.rawValue, lhs.first, lhs.length) < (rhs.family.rawValue, rhs.first, rhs.length)
    }
}
