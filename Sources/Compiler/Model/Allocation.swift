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
