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
