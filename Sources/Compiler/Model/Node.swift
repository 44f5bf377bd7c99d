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
