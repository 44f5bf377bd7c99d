/// One netlink message: the 16-byte `nlmsghdr` (length, type, flags, sequence, port) and its payload, which is a
/// family's fixed header followed by attributes.
public struct NetlinkMessage: Sendable, Equatable {
    static let headerLength = 16

    /// `NLMSG_NOOP`, `NLMSG_ERROR` (also the acknowledgement), `NLMSG_DONE` (end of a dump).
    static let noop: UInt16 = 1
    static let error: UInt16 = 2
    static let done: UInt16 = 3

    /// The `nlmsg_flags` bits wgc uses.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let request = Flags(rawValue: 0x01)
        public static let multipart = Flags(rawValue: 0x02)
        public static let acknowledge = Flags(rawValue: 0x04)
        /// `NLM_F_DUMP_INTR`: the dump changed under the kernel while it was sent; it must be read again.
        public static let dumpInterrupted = Flags(rawValue: 0x10)
        /// `NLM_F_DUMP` (`NLM_F_ROOT | NLM_F_MATCH`).
        public static let dump = Flags(rawValue: 0x300)
        public static let replace = Flags(rawValue: 0x100)
        public static let exclusive = Flags(rawValue: 0x200)
        public static let create = Flags(rawValue: 0x400)
        /// On an `NLMSG_ERROR` reply: the original payload was not echoed (`NLM_F_CAPPED`).
        static let capped = Flags(rawValue: 0x100)
        /// On an `NLMSG_ERROR` reply: extended-ack attributes follow (`NLM_F_ACK_TLVS`).
        static let acknowledgementAttributes = Flags(rawValue: 0x200)
    }

    public var type: UInt16
    public var flags: Flags
    public var sequence: UInt32
    public var portID: UInt32
    public var payload: [UInt8]

    public init(type: UInt16, flags: Flags = [], sequence: UInt32 = 0, portID: UInt32 = 0, payload: [UInt8] = []) {
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
        self.payload = payload
    }

    /// A message whose payload is a fixed header followed by attributes.
    public init(type: UInt16, flags: Flags = [], header: [UInt8], attributes: NetlinkAttributeWriter) {
        var payload = header
        Bytes.padding(&payload)
        self.init(type: type, flags: flags, payload: payload + attributes.bytes)
    }

    /// The attributes after a fixed header of `headerLength` bytes.
    public func attributes(after headerLength: Int) throws(NetlinkError) -> [NetlinkAttribute] {
        try NetlinkAttribute.parse(payload, from: Bytes.aligned(headerLength))
    }

    /// The message as it goes on the wire; `nlmsg_len` counts the payload unpadded, the bytes are padded.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerLength + payload.count + 3)
        bytes.append(integer: UInt32(Self.headerLength + payload.count))
        bytes.append(integer: type)
        bytes.append(integer: flags.rawValue)
        bytes.append(integer: sequence)
        bytes.append(integer: portID)
        bytes.append(contentsOf: payload)
        Bytes.padding(&bytes)
        return bytes
    }

    /// Splits a datagram into its messages; throws `EPROTO` when one claims more bytes than remain.
    public static func parse(_ bytes: [UInt8]) throws(NetlinkError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while offset + headerLength <= bytes.count {
            let length = Int(Bytes.integer(bytes, at: offset, as: UInt32.self) ?? 0)
            guard length >= headerLength, offset + length <= bytes.count else {
                throw .malformed("reading a netlink reply",
                                 "message at offset \(offset) claims \(length) bytes, \(bytes.count - offset) remain")
            }
            messages.append(NetlinkMessage(
                type: Bytes.integer(bytes, at: offset + 4) ?? 0,
                flags: Flags(rawValue: Bytes.integer(bytes, at: offset + 6) ?? 0),
                sequence: Bytes.integer(bytes, at: offset + 8) ?? 0,
                portID: Bytes.integer(bytes, at: offset + 12) ?? 0,
                payload: Array(bytes[(offset + headerLength)..<(offset + length)])))
            offset += Bytes.aligned(length)
        }
        return messages
    }
}
