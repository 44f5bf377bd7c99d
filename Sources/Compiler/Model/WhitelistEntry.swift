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
