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
