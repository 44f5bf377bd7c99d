/// A router that runs the wgc agent: BGP speaker, WireGuard endpoint and LAN router.
public struct Node: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and name.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.node.rawValue, key: name) }
    public var name: String
    public var routerID: IPAddress?
    public var asn: UInt32
    /// What clients dial: a host name or an address.
    public var endpoint: String
    public var lanInterfaces: [LANInterface]
    public var rtrServers: [RTRServer]
    public var description: String?
    public var origin: Origin
}

/// A LAN interface of a node that gets a /64 from a pool and router advertisements.
public struct LANInterface: Sendable {
    public var name: String
    public var pool: String
    /// Explicit prefix; when nil the pool's lowest free /64 is used.
    public var prefix: IPPrefix?
    public var rdnss: [IPAddress]
    public var origin: Origin
}

/// An RPKI-to-Router cache BIRD fetches ROAs from.
public struct RTRServer: Sendable {
    public var host: String
    public var port: Int
}

/// A WireGuard interface on a node that clients connect to.
public struct WireGuardServer: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and name.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.wireGuardServer.rawValue, key: name) }
    public var name: String
    public var node: String
    public var interface: String
    public var listenPort: Int
    /// Interface addresses with the subnet length (`10.0.0.1/24`); clients get addresses inside them.
    public var ipv4Address: IPPrefix?
    public var ipv6Address: IPPrefix?
    public var dnsServers: [IPAddress]
    public var mtu: Int
    public var publicKey: String?
    public var description: String?
    public var isActive: Bool
    public var origin: Origin
}

/// A WireGuard peer of a server: a customer's router or device.
public struct WireGuardClient: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and name.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.wireGuardClient.rawValue, key: name) }
    public var name: String
    public var server: String
    public var description: String?
    public var publicKey: String?
    /// Path of a file holding the preshared key on the router (never the key itself).
    public var presharedKeyFile: String?
    public var ipv4Address: IPPrefix?
    public var ipv6Address: IPPrefix?
    /// Routed through the tunnel on the client's side.
    public var allowedIPs: [IPPrefix]?
    public var persistentKeepalive: Int?
    public var dnsServers: [IPAddress]?
    public var mtu: Int?
    public var isActive: Bool
    public var origin: Origin
}

/// An IPv6 block carved into allocations for clients and LANs.
public struct PrefixPool: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and name.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.prefixPool.rawValue, key: name) }
    public var name: String
    public var node: String
    public var prefix: IPPrefix
    public var description: String?
    /// The largest allocation (shortest prefix length), and the default length.
    public var maxPrefixLength: Int
    /// The smallest allocation (longest prefix length).
    public var minPrefixLength: Int
    public var autoAnnounceBGP: Bool
    public var origin: Origin
}

/// A prefix of a pool delegated to a client and routed to it through its tunnel.
public struct Allocation: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and prefix.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.allocation.rawValue, key: prefix.description) }
    public var name: String?
    public var pool: String
    public var prefix: IPPrefix
    public var client: String
    public var autoAnnounce: Bool
    public var description: String?
    public var origin: Origin
}

/// A prefix that may be announced or routed to clients beyond a pool's own allocations.
public struct WhitelistEntry: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and prefix.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.whitelist.rawValue, key: prefix.description) }
    public var pool: String?
    public var prefix: IPPrefix
    public var description: String?
    public var origin: Origin
}

/// What a session does when the neighbor sends more than `max_prefixes` routes (BIRD's import limit action).
public enum LimitAction: String, Sendable, CaseIterable {
    case warn, block, restart, disable
}

/// An eBGP session of a node with one neighbor.
public struct BGPSession: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and name.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.bgpSession.rawValue, key: name) }
    public var name: String
    public var node: String
    public var neighbor: IPAddress
    public var remoteAS: UInt32
    public var holdTime: Int
    /// Name of the secret file holding BIRD's `password "…";` line on the router.
    public var passwordSecret: String?
    public var description: String?
    public var enabled: Bool
    public var maxPrefixes: Int?
    public var maxPrefixAction: LimitAction
    public var sourceAddress: IPAddress?
    public var multihop: Int?
    /// Accept a default route from this neighbor (transit upstreams).
    public var acceptDefault: Bool
    public var origin: Origin
}

/// A prefix a node originates in BGP.
public struct BGPAnnouncement: Sendable {
    /// The `id` the document carries, if any.
    public var explicitID: String?
    /// Stable: the explicit id, else derived from kind and name.
    public var id: String { explicitID ?? ResourceID.derive(kind: ResourceKind.bgpAnnouncement.rawValue, key: name) }
    public var name: String
    public var node: String
    public var prefix: IPPrefix
    public var asn: UInt32
    public var nextHop: IPAddress?
    /// The one session to announce on; nil announces on every session of the node.
    public var session: String?
    public var description: String?
    public var enabled: Bool
    public var origin: Origin
}
