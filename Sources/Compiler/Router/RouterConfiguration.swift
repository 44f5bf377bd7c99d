/// What one node runs at one revision, in the terms the agent applies: WireGuard interfaces with their peers
/// and routes, BGP sessions by BIRD protocol name, and the generated bird.conf and radvd.conf. Derived from the
/// same state the emitters use, so the agent applies exactly what `wgc compile` writes.
public struct RouterConfiguration: Sendable, Equatable, Codable {
    public var node: String
    public var interfaces: [RouterInterface]
    /// BGP sessions by BIRD protocol name (`bgp_<name>`), with what makes a session reset when it changes.
    public var sessions: [String: RouterSession]
    public var birdConfig: String
    /// Nil when the node has no LAN interface with a prefix: radvd is not needed.
    public var radvdConfig: String?

    public init(node: String, interfaces: [RouterInterface], sessions: [String: RouterSession], birdConfig: String,
                radvdConfig: String?) {
        self.node = node
        self.interfaces = interfaces
        self.sessions = sessions
        self.birdConfig = birdConfig
        self.radvdConfig = radvdConfig
    }
}

/// A WireGuard server interface as the router runs it.
public struct RouterInterface: Sendable, Equatable, Codable {
    public var name: String
    /// The server's name in the inventory.
    public var server: String
    public var listenPort: Int
    public var mtu: Int
    /// Interface addresses with their subnet length (`10.0.0.1/24`).
    public var addresses: [IPPrefix]
    /// The inventory's public key for the server; the private key on the router must match it.
    public var publicKey: String?
    public var peers: [RouterPeer]

    public init(name: String, server: String, listenPort: Int, mtu: Int, addresses: [IPPrefix], publicKey: String?,
                peers: [RouterPeer]) {
        self.name = name
        self.server = server
        self.listenPort = listenPort
        self.mtu = mtu
        self.addresses = addresses
        self.publicKey = publicKey
        self.peers = peers
    }

    /// Every client's delegated prefixes: routed through this interface.
    public var routes: [IPPrefix] { peers.flatMap(\.delegated) }
}

/// A client as the server's interface sees it: the `[Peer]` of wg0.conf.
public struct RouterPeer: Sendable, Equatable {
    public var client: String
    public var publicKey: String
    /// A file on the router holding the preshared key (never the key).
    public var presharedKeyFile: String?
    /// The client's tunnel addresses and delegated prefixes, as wg0.conf's AllowedIPs.
    public var allowedIPs: [IPPrefix]
    public var delegated: [IPPrefix]
    /// Zero when off.
    public var persistentKeepalive: Int

    public init(client: String, publicKey: String, presharedKeyFile: String?, allowedIPs: [IPPrefix],
                delegated: [IPPrefix], persistentKeepalive: Int) {
        self.client = client
        self.publicKey = publicKey
        self.presharedKeyFile = presharedKeyFile
        self.allowedIPs = allowedIPs
        self.delegated = delegated
        self.persistentKeepalive = persistentKeepalive
    }
}

/// A BGP session as far as the agent's verification needs it: what, when changed, resets the session anyway.
public struct RouterSession: Sendable, Equatable, Codable {
    public var name: String
    public var neighbor: IPAddress
    public var remoteAS: UInt32
    public var enabled: Bool

    public init(name: String, neighbor: IPAddress, remoteAS: UInt32, enabled: Bool) {
        self.name = name
        self.neighbor = neighbor
        self.remoteAS = remoteAS
        self.enabled = enabled
    }
}
