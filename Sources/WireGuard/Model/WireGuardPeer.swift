import Compiler

/// A peer as the inventory wants it on an interface: who it is, what it may send from, and how to reach it.
public struct WireGuardPeer: Hashable, Sendable, CustomStringConvertible {
    public var publicKey: PublicKey
    public var presharedKey: PresharedKey?
    /// `ip:port` or `[ipv6]:port` (an address, not a host name: resolving is the caller's business). Nil leaves
    /// whatever endpoint the peer roamed to alone, as `wg syncconf` does for a peer without an `Endpoint` line.
    public var endpoint: String?
    public var allowedIPs: [IPPrefix]
    /// Seconds between keepalives; 0 is off.
    public var persistentKeepalive: Int

    public init(publicKey: PublicKey, presharedKey: PresharedKey? = nil, endpoint: String? = nil,
                allowedIPs: [IPPrefix] = [], persistentKeepalive: Int = 0) {
        self.publicKey = publicKey
        self.presharedKey = presharedKey
        self.endpoint = endpoint
        self.allowedIPs = allowedIPs
        self.persistentKeepalive = persistentKeepalive
    }

    public var description: String {
        var parts = ["peer \(publicKey)"]
        if presharedKey != nil { parts.append("preshared key") }
        if let endpoint { parts.append("endpoint \(endpoint)") }
        parts.append("allowed ips \(allowedIPs.map(\.description).joined(separator: ", "))")
        if persistentKeepalive != 0 { parts.append("keepalive \(persistentKeepalive)s") }
        return parts.joined(separator: "; ")
    }
}
