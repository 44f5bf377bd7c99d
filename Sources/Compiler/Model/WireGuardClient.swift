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
