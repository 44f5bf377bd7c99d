import CLibMnl

/// A network interface as the kernel reports it: index, name, MTU, whether it is administratively up, and its
/// kind (`wireguard`, `veth`, `dummy`, `tun`; nil for plain devices such as loopback and physical NICs).
public struct Link: Sendable, Equatable {
    public var index: Int
    public var name: String
    public var mtu: Int
    public var isUp: Bool
    public var kind: String?

    public init(index: Int, name: String, mtu: Int, isUp: Bool, kind: String?) {
        self.index = index
        self.name = name
        self.mtu = mtu
        self.isUp = isUp
        self.kind = kind
    }

    /// Reads an `RTM_NEWLINK` message; nil for anything else.
    init?(_ message: NetlinkMessage) throws(NetlinkError) {
        guard message.type == UInt16(RTM_NEWLINK), let header = InterfaceInfoHeader(message.payload) else {
            return nil
        }
        let attributes = try message.attributes(after: InterfaceInfoHeader.length)
        index = Int(header.index)
        name = attributes.first(UInt16(IFLA_IFNAME))?.string ?? ""
        mtu = Int(attributes.first(UInt16(IFLA_MTU))?.u32 ?? 0)
        isUp = header.flags & UInt32(IFF_UP) != 0
        kind = try attributes.first(UInt16(IFLA_LINKINFO))?.nested().first(UInt16(IFLA_INFO_KIND))?.string
    }
}
