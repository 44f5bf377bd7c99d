/// Builds a run of netlink attributes: each a 4-byte header (length, type) and a value, padded to 4 bytes, with
/// nests flagged `NLA_F_NESTED`. The bytes follow a message's fixed header (`ifinfomsg`, `genlmsghdr`, …).
public struct NetlinkAttributeWriter: Sendable {
    /// `NLA_F_NESTED`, set on the type of an attribute whose value is itself a run of attributes.
    public static let nestedFlag: UInt16 = 0x8000
    static let headerLength = 4

    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// An attribute holding `value` as it is, for addresses, keys and sockaddrs.
    public mutating func append(_ type: UInt16, bytes value: some Collection<UInt8>) {
        let length = Self.headerLength + value.count
        precondition(length <= Int(UInt16.max), "a netlink attribute holds at most 65531 bytes")
        bytes.append(integer: UInt16(length))
        bytes.append(integer: type)
        bytes.append(contentsOf: value)
        Bytes.padding(&bytes)
    }

    public mutating func append(_ type: UInt16, u8 value: UInt8) { append(type, bytes: [value]) }

    public mutating func append(_ type: UInt16, u16 value: UInt16) { append(type, integer: value) }

    public mutating func append(_ type: UInt16, u32 value: UInt32) { append(type, integer: value) }

    public mutating func append(_ type: UInt16, u64 value: UInt64) { append(type, integer: value) }

    /// A string attribute, NUL-terminated as the kernel's `NLA_NUL_STRING` and `NLA_STRING` policies both accept.
    public mutating func append(_ type: UInt16, string value: String) {
        append(type, bytes: Array(value.utf8) + [0])
    }

    /// A nested attribute whose value is the attributes `body` writes.
    public mutating func appendNested(_ type: UInt16, _ body: (inout NetlinkAttributeWriter) throws -> Void) rethrows {
        var inner = NetlinkAttributeWriter()
        try body(&inner)
        append(type | Self.nestedFlag, bytes: inner.bytes)
    }

    private mutating func append<T: FixedWidthInteger>(_ type: UInt16, integer value: T) {
        var encoded: [UInt8] = []
        encoded.append(integer: value)
        append(type, bytes: encoded)
    }
}
