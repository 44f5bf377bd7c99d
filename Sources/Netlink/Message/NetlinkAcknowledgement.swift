/// What an `NLMSG_ERROR` (or a dump's `NLMSG_DONE`) says: 0 for success, else an errno, and the kernel's extended-ack
/// message when the socket asked for them.
struct NetlinkAcknowledgement: Equatable {
    /// `NLMSGERR_ATTR_MSG`.
    static let messageAttribute: UInt16 = 1

    var code: Int32
    var message: String?

    /// Reads `struct nlmsgerr` (a negative errno, then the request's header and, unless capped, its payload), then
    /// the extended-ack attributes.
    init(_ message: NetlinkMessage) throws(NetlinkError) {
        guard let error = Bytes.integer(message.payload, at: 0, as: Int32.self) else {
            throw .malformed("reading a netlink acknowledgement", "\(message.payload.count) bytes, need 4")
        }
        code = -error
        var offset = 4
        if message.type == NetlinkMessage.error {
            offset += NetlinkMessage.headerLength
            if !message.flags.contains(.capped),
               let requestLength = Bytes.integer(message.payload, at: 4, as: UInt32.self) {
                offset += Int(requestLength) - NetlinkMessage.headerLength
            }
        }
        guard message.flags.contains(.acknowledgementAttributes), offset <= message.payload.count else { return }
        let attributes = try NetlinkAttribute.parse(message.payload, from: Bytes.aligned(offset))
        self.message = attributes.first(Self.messageAttribute)?.string
    }
}
