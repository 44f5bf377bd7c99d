import CLibMnl
import Compiler
import Glibc

extension RouteNetlink {
    /// Routes wgc's agent installs carry this protocol number (240), so it can tell them from the kernel's,
    /// BIRD's and an administrator's: `ip route show proto 240` lists exactly them.
    public static let wgcProtocol = RouteProtocol.wgc

    /// The IPv4 and IPv6 unicast routes of `table`, with interface names filled in.
    public func routes(table: UInt32 = Route.mainTable) throws(NetlinkError) -> [Route] {
        let operation = "listing routes of table \(table)"
        let request = NetlinkMessage(type: UInt16(RTM_GETROUTE), header: RouteHeader().bytes,
                                     attributes: NetlinkAttributeWriter())
        var routes: [Route] = []
        for reply in try socket.dump(request, operation: operation) {
            guard let route = try Route(reply), route.table == table else { continue }
            routes.append(route)
        }
        let names = Dictionary(try links().map { ($0.index, $0.name) }) { first, _ in first }
        return routes.map { route in
            var route = route
            route.interfaceName = route.interfaceIndex.flatMap { names[$0] }
            return route
        }
    }

    /// Installs (or replaces) the route to `destination` through `interface`, and `gateway` when given. Host bits
    /// of `destination` are ignored, as `ip route` does.
    public func addRoute(_ destination: IPPrefix, interface: String, gateway: IPAddress? = nil,
                         protocol: RouteProtocol = RouteNetlink.wgcProtocol, table: UInt32 = Route.mainTable,
                         metric: UInt32? = nil) throws(NetlinkError) {
        let operation = "adding route \(destination.network) via \(interface)"
        let index = try index(of: interface, operation: operation)
        var header = routeHeader(destination, protocol: `protocol`, table: table)
        // An IPv4 route without a gateway reaches its destination on the link itself; IPv6 routes are universal.
        header.scope = destination.family == .v4 && gateway == nil ? UInt8(RT_SCOPE_LINK.rawValue) : 0
        var attributes = routeAttributes(destination, table: table)
        attributes.append(UInt16(RTA_OIF.rawValue), u32: UInt32(index))
        if let gateway { attributes.append(UInt16(RTA_GATEWAY.rawValue), bytes: gateway.networkBytes) }
        if let metric { attributes.append(UInt16(RTA_PRIORITY.rawValue), u32: metric) }
        let request = NetlinkMessage(type: UInt16(RTM_NEWROUTE), flags: [.create, .replace], header: header.bytes,
                                     attributes: attributes)
        _ = try socket.request(request, operation: operation)
    }

    /// Deletes the route to `destination` installed with `protocol`, through `interface` when one is named; a
    /// route that is not there (or belongs to another protocol) is left alone and is success.
    public func deleteRoute(_ destination: IPPrefix, interface: String? = nil,
                            protocol: RouteProtocol = RouteNetlink.wgcProtocol, table: UInt32 = Route.mainTable,
                            metric: UInt32? = nil) throws(NetlinkError) {
        let operation = "deleting route \(destination.network)" + (interface.map { " via \($0)" } ?? "")
        do throws(NetlinkError) {
            var header = routeHeader(destination, protocol: `protocol`, table: table)
            header.scope = UInt8(RT_SCOPE_NOWHERE.rawValue)
            var attributes = routeAttributes(destination, table: table)
            if let interface {
                attributes.append(UInt16(RTA_OIF.rawValue), u32: UInt32(try index(of: interface, operation: operation)))
            }
            if let metric { attributes.append(UInt16(RTA_PRIORITY.rawValue), u32: metric) }
            let request = NetlinkMessage(type: UInt16(RTM_DELROUTE), header: header.bytes, attributes: attributes)
            _ = try socket.request(request, operation: operation)
        } catch where error.code == ESRCH || error.code == ENODEV {
            return
        }
    }

    private func routeHeader(_ destination: IPPrefix, protocol: RouteProtocol, table: UInt32) -> RouteHeader {
        var header = RouteHeader(family: destination.family.addressFamily)
        header.destinationLength = UInt8(destination.length)
        header.table = table < 256 ? UInt8(table) : UInt8(RT_TABLE_UNSPEC.rawValue)
        header.routeProtocol = `protocol`.rawValue
        header.type = UInt8(RTN_UNICAST)
        return header
    }

    private func routeAttributes(_ destination: IPPrefix, table: UInt32) -> NetlinkAttributeWriter {
        var attributes = NetlinkAttributeWriter()
        attributes.append(UInt16(RTA_TABLE.rawValue), u32: table)
        if destination.length > 0 {
            attributes.append(UInt16(RTA_DST.rawValue), bytes: destination.network.address.networkBytes)
        }
        return attributes
    }
}
