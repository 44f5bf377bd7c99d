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
