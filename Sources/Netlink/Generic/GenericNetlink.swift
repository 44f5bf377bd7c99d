import CLibMnl
import Glibc

/// A generic netlink socket: resolves a family's id by name through the `nlctrl` controller, then exchanges that
/// family's commands (WireGuard's `WG_CMD_GET_DEVICE` and `WG_CMD_SET_DEVICE`, for one).
public final class GenericNetlink: Sendable {
    /// The controller's fixed id (`GENL_ID_CTRL`, a macro Swift cannot import) and the version it speaks.
    static let controllerID: UInt16 = 0x10
    static let controllerVersion: UInt8 = 2

    let socket: NetlinkSocket

    /// Opens a generic netlink socket, in the named network namespace if one is given.
    public init(namespace: String? = nil, receiveTimeout: Duration = .seconds(5)) throws(NetlinkError) {
        socket = try NetlinkSocket(.generic, namespace: namespace, receiveTimeout: receiveTimeout)
    }

    /// The id of the family called `name` (`wireguard`, `nlctrl`); `ENOENT` when the kernel has no such family,
    /// as when the WireGuard module is not loaded.
    public func family(named name: String) throws(NetlinkError) -> UInt16 {
        let operation = "resolving generic netlink family \(name)"
        var attributes = NetlinkAttributeWriter()
        attributes.append(UInt16(CTRL_ATTR_FAMILY_NAME), string: name)
        let replies = try request(family: Self.controllerID, command: UInt8(CTRL_CMD_GETFAMILY),
                                  version: Self.controllerVersion, attributes: attributes, operation: operation)
        guard let id = replies.lazy.compactMap({ $0.attributes.first(UInt16(CTRL_ATTR_FAMILY_ID))?.u16 })
            .first
        else { throw .malformed(operation, "the controller's reply has no family id") }
        return id
    }

    /// Sends a command with `NLM_F_ACK` and returns the replies before the acknowledgement.
    public func request(family: UInt16, command: UInt8, version: UInt8, attributes: NetlinkAttributeWriter,
                        operation: String) throws(NetlinkError) -> [GenericNetlinkMessage] {
        let message = GenericNetlinkMessage.encode(family: family, command: command, version: version,
                                                   attributes: attributes)
        return try socket.request(message, operation: operation).map { reply throws(NetlinkError) in
            try GenericNetlinkMessage(reply)
        }
    }

    /// Sends a command as a dump (`WG_CMD_GET_DEVICE` is one) and returns every reply.
    public func dump(family: UInt16, command: UInt8, version: UInt8, attributes: NetlinkAttributeWriter,
                     operation: String) throws(NetlinkError) -> [GenericNetlinkMessage] {
        let message = GenericNetlinkMessage.encode(family: family, command: command, version: version,
                                                   attributes: attributes)
        return try socket.dump(message, operation: operation).map { reply throws(NetlinkError) in
            try GenericNetlinkMessage(reply)
        }
    }
}
