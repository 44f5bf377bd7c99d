/// A generic netlink message's content: the family's command and version (`struct genlmsghdr`) and the attributes
/// after it. The family id travels as the netlink message type.
public struct GenericNetlinkMessage: Sendable, Equatable {
    static let headerLength = 4

    public var command: UInt8
    public var version: UInt8
    public var attributes: [NetlinkAttribute]

    public init(command: UInt8, version: UInt8, attributes: [NetlinkAttribute]) {
        self.command = command
        self.version = version
        self.attributes = attributes
    }

    /// The netlink message carrying `command` to `family`.
    static func encode(family: UInt16, command: UInt8, version: UInt8, attributes: NetlinkAttributeWriter,
                       flags: NetlinkMessage.Flags = []) -> NetlinkMessage {
        NetlinkMessage(type: family, flags: flags, header: [command, version, 0, 0], attributes: attributes)
    }

    init(_ message: NetlinkMessage) throws(NetlinkError) {
        guard message.payload.count >= Self.headerLength else {
            throw .malformed("reading a generic netlink reply", "\(message.payload.count) bytes, no genlmsghdr")
        }
        command = message.payload[0]
        version = message.payload[1]
        attributes = try message.attributes(after: Self.headerLength)
    }
}
