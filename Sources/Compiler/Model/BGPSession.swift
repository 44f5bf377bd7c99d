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
    /// The neighbor is a route server: it does not put its own AS first, and next hops are other members'.
    public var routeServer: Bool
    public var origin: Origin
}
