import Compiler

/// The fields of one existing peer that differ from what is wanted, and only those: sending a field that did not
/// change is harmless for most, but leaving them out keeps the change readable and the peer's session untouched.
public struct WireGuardPeerUpdate: Hashable, Sendable, CustomStringConvertible {
    /// How the preshared key changes.
    public enum PresharedKeyUpdate: Hashable, Sendable {
        case set(PresharedKey)
        case remove
    }

    public var publicKey: PublicKey
    /// Nil leaves the preshared key as it is.
    public var presharedKey: PresharedKeyUpdate?
    /// Nil leaves the endpoint as it is.
    public var endpoint: String?
    /// Nil leaves the keepalive as it is; 0 turns it off.
    public var persistentKeepalive: Int?
    /// The new allowed IPs, replacing the old ones as a whole; nil leaves them as they are.
    public var allowedIPs: [IPPrefix]?

    public init(publicKey: PublicKey, presharedKey: PresharedKeyUpdate? = nil, endpoint: String? = nil,
                persistentKeepalive: Int? = nil, allowedIPs: [IPPrefix]? = nil) {
        self.publicKey = publicKey
        self.presharedKey = presharedKey
        self.endpoint = endpoint
        self.persistentKeepalive = persistentKeepalive
        self.allowedIPs = allowedIPs
    }

    public var isEmpty: Bool {
        presharedKey == nil && endpoint == nil && persistentKeepalive == nil && allowedIPs == nil
    }

    public var description: String {
        var parts = ["peer \(publicKey)"]
        switch presharedKey {
        case .set: parts.append("new preshared key")
        case .remove: parts.append("no preshared key")
        case nil: break
        }
        if let endpoint { parts.append("endpoint \(endpoint)") }
        if let persistentKeepalive { parts.append("keepalive \(persistentKeepalive)s") }
        if let allowedIPs { parts.append("allowed ips \(allowedIPs.map(\.description).joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }
}
