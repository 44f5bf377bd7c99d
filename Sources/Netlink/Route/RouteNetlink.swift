import CLibMnl
import Compiler

/// The router's interfaces, addresses and routes through rtnetlink. Every change is idempotent: adding what is
/// there, or deleting what is not, succeeds, so the agent can apply a revision again after any failure.
public final class RouteNetlink: Sendable {
    let socket: NetlinkSocket

    /// Opens an rtnetlink socket, in the named network namespace if one is given.
    public init(namespace: String? = nil, receiveTimeout: Duration = .seconds(5)) throws(NetlinkError) {
        socket = try NetlinkSocket(.route, namespace: namespace, receiveTimeout: receiveTimeout)
    }

    /// The interface index of `name`; `ENODEV` when there is none.
    func index(of name: String, operation: String) throws(NetlinkError) -> Int32 {
        do throws(NetlinkError) {
            guard let link = try fetchLink(named: name) else {
                throw NetlinkError.malformed(operation, "no link in the kernel's reply")
            }
            return Int32(link.index)
        } catch {
            throw NetlinkError(operation: operation, code: error.code, message: error.message)
        }
    }

    func fetchLink(named name: String) throws(NetlinkError) -> Link? {
        var attributes = NetlinkAttributeWriter()
        attributes.append(UInt16(IFLA_IFNAME), string: name)
        let request = NetlinkMessage(type: UInt16(RTM_GETLINK), header: InterfaceInfoHeader().bytes,
                                     attributes: attributes)
        for reply in try socket.request(request, operation: "reading link \(name)") {
            if let link = try Link(reply) { return link }
        }
        return nil
    }
}
