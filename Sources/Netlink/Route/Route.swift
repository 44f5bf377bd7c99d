import CLibMnl
import Compiler

/// A unicast route from the kernel's table: where it leads, through which interface and gateway, who installed
/// it, in which table and at which metric. Multipath routes carry no single interface (`interfaceIndex` is nil).
public struct Route: Sendable, Equatable {
    /// The main table, where `ip route` puts routes by default.
    public static let mainTable: UInt32 = 254

    public var destination: IPPrefix
    public var interfaceIndex: Int?
    public var interfaceName: String?
    public var gateway: IPAddress?
    public var `protocol`: RouteProtocol
    public var table: UInt32
    public var metric: UInt32?

    public init(destination: IPPrefix, interfaceIndex: Int? = nil, interfaceName: String? = nil,
                gateway: IPAddress? = nil, protocol: RouteProtocol, table: UInt32 = Route.mainTable,
                metric: UInt32? = nil) {
        self.destination = destination
        self.interfaceIndex = interfaceIndex
        self.interfaceName = interfaceName
        self.gateway = gateway
        self.protocol = `protocol`
        self.table = table
        self.metric = metric
    }

    /// Reads an `RTM_NEWROUTE` message for IPv4 or IPv6; nil for anything else (multicast, other families,
    /// cached clones).
    init?(_ message: NetlinkMessage) throws(NetlinkError) {
        guard message.type == UInt16(RTM_NEWROUTE), let header = RouteHeader(message.payload),
              let family = IPAddress.Family(addressFamily: header.family),
              header.flags & UInt32(RTM_F_CLONED) == 0
        else { return nil }
        let attributes = try message.attributes(after: RouteHeader.length)
        let destination = attributes.first(UInt16(RTA_DST.rawValue))
            .flatMap { IPAddress(family: family, networkBytes: $0.value) } ?? IPAddress(family: family, value: 0)
        self.destination = IPPrefix(address: destination, length: Int(header.destinationLength))
        interfaceIndex = attributes.first(UInt16(RTA_OIF.rawValue))?.u32.map { Int($0) }
        gateway = attributes.first(UInt16(RTA_GATEWAY.rawValue))
            .flatMap { IPAddress(family: family, networkBytes: $0.value) }
        `protocol` = RouteProtocol(rawValue: header.routeProtocol)
        table = attributes.first(UInt16(RTA_TABLE.rawValue))?.u32 ?? UInt32(header.table)
        metric = attributes.first(UInt16(RTA_PRIORITY.rawValue))?.u32
    }
}
