/// One attribute read from a netlink message: its type (without the nested and byte-order flags) and its value.
/// Accessors return nil when the value's size does not fit the type asked for, so a malformed reply never traps.
public struct NetlinkAttribute: Sendable, Equatable {
    /// `NLA_F_NET_BYTEORDER`: the value is big-endian.
    static let byteOrderFlag: UInt16 = 0x4000

    public var type: UInt16
    public var isNested: Bool
    public var value: [UInt8]

    public init(type: UInt16, isNested: Bool = false, value: [UInt8]) {
        self.type = type
        self.isNested = isNested
        self.value = value
    }

    public var u8: UInt8? { Bytes.integer(value[...]) }
    public var u16: UInt16? { Bytes.integer(value[...]) }
    public var u32: UInt32? { Bytes.integer(value[...]) }
    public var u64: UInt64? { Bytes.integer(value[...]) }

    /// The value up to its first NUL, as UTF-8.
    public var string: String {
        String(decoding: value.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The attributes inside a nest. Nests are not always flagged (rtnetlink's `IFLA_LINKINFO` is not), so this
    /// parses any value it is asked to.
    public func nested() throws(NetlinkError) -> [NetlinkAttribute] {
        try Self.parse(value)
    }

    /// Splits a run of attributes; throws `EPROTO` when one claims more bytes than remain.
    public static func parse(_ bytes: [UInt8], from start: Int = 0) throws(NetlinkError) -> [NetlinkAttribute] {
        var attributes: [NetlinkAttribute] = []
        var offset = start
        while offset + NetlinkAttributeWriter.headerLength <= bytes.count {
            let length = Int(Bytes.integer(bytes, at: offset, as: UInt16.self) ?? 0)
            let rawType = Bytes.integer(bytes, at: offset + 2, as: UInt16.self) ?? 0
            guard length >= NetlinkAttributeWriter.headerLength, offset + length <= bytes.count else {
                throw .malformed("parsing netlink attributes",
                                 "attribute at offset \(offset) claims \(length) bytes, \(bytes.count - offset) remain")
            }
            let flags = NetlinkAttributeWriter.nestedFlag | byteOrderFlag
            attributes.append(NetlinkAttribute(
                type: rawType & ~flags, isNested: rawType & NetlinkAttributeWriter.nestedFlag != 0,
                value: Array(bytes[(offset + NetlinkAttributeWriter.headerLength)..<(offset + length)])))
            offset += Bytes.aligned(length)
        }
        return attributes
    }
}

extension Array where Element == NetlinkAttribute {
    /// The first attribute of `type`, as the kernel reads a message (a repeated attribute's first copy wins).
    public func first(_ type: UInt16) -> NetlinkAttribute? {
        first { $0.type == type }
    }
}
