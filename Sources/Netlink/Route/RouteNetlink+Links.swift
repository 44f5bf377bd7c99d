import CLibMnl
import Glibc

extension RouteNetlink {
    /// The interface called `name`, or nil when there is none.
    public func link(named name: String) throws(NetlinkError) -> Link? {
        do {
            return try fetchLink(named: name)
        } catch where error.code == ENODEV {
            return nil
        }
    }

    /// Every interface, in index order.
    public func links() throws(NetlinkError) -> [Link] {
        let request = NetlinkMessage(type: UInt16(RTM_GETLINK), header: InterfaceInfoHeader().bytes,
                                     attributes: NetlinkAttributeWriter())
        var links: [Link] = []
        for reply in try socket.dump(request, operation: "listing links") {
            if let link = try Link(reply) { links.append(link) }
        }
        return links.sorted { $0.index < $1.index }
    }

    /// Sets the MTU and/or the administrative state; a nil leaves that setting as it is.
    public func setLink(_ name: String, mtu: Int? = nil, up: Bool? = nil) throws(NetlinkError) {
        let changes = [mtu.map { "MTU \($0)" }, up.map { $0 ? "up" : "down" }].compactMap { $0 }
        let operation = "setting \(changes.isEmpty ? "nothing" : changes.joined(separator: " and ")) on \(name)"
        let index = try index(of: name, operation: operation)
        let upFlag = UInt32(IFF_UP)
        let header = InterfaceInfoHeader(index: index, flags: up == true ? upFlag : 0, change: up == nil ? 0 : upFlag)
        var attributes = NetlinkAttributeWriter()
        if let mtu { attributes.append(UInt16(IFLA_MTU), u32: UInt32(mtu)) }
        let request = NetlinkMessage(type: UInt16(RTM_NEWLINK), header: header.bytes, attributes: attributes)
        _ = try socket.request(request, operation: operation)
    }

    /// Creates an interface of `kind` (`wireguard`, `dummy`, …). One of that name and kind already there is
    /// success; one of another kind is `EEXIST`.
    public func createLink(name: String, kind: String) throws(NetlinkError) {
        let operation = "creating \(kind) link \(name)"
        var attributes = NetlinkAttributeWriter()
        attributes.append(UInt16(IFLA_IFNAME), string: name)
        attributes.appendNested(UInt16(IFLA_LINKINFO)) { $0.append(UInt16(IFLA_INFO_KIND), string: kind) }
        let request = NetlinkMessage(type: UInt16(RTM_NEWLINK), flags: [.create, .exclusive],
                                     header: InterfaceInfoHeader().bytes, attributes: attributes)
        do {
            _ = try socket.request(request, operation: operation)
        } catch where error.code == EEXIST {
            let existing = try link(named: name)
            guard existing?.kind != kind else { return }
            throw NetlinkError(operation: operation, code: EEXIST,
                               message: "\(name) exists as a \(existing?.kind ?? "device without a kind")")
        }
    }

    /// Deletes the interface; one that is not there is success.
    public func deleteLink(name: String) throws(NetlinkError) {
        var attributes = NetlinkAttributeWriter()
        attributes.append(UInt16(IFLA_IFNAME), string: name)
        let request = NetlinkMessage(type: UInt16(RTM_DELLINK), header: InterfaceInfoHeader().bytes,
                                     attributes: attributes)
        do {
            _ = try socket.request(request, operation: "deleting link \(name)")
        } catch where error.code == ENODEV {
            return
        }
    }
}
