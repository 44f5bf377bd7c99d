/// A WireGuard interface as the inventory wants it: its identity, its port and its peers. Applying it makes the
/// live interface exactly this, the way `wg syncconf` does.
public struct WireGuardDevice: Hashable, Sendable, CustomStringConvertible {
    public var privateKey: PrivateKey
    /// Nil lets WireGuard pick a port and keeps whichever it picked.
    public var listenPort: Int?
    /// Nil or 0: no firewall mark.
    public var fwmark: Int?
    public var peers: [WireGuardPeer]

    public init(privateKey: PrivateKey, listenPort: Int? = nil, fwmark: Int? = nil, peers: [WireGuardPeer] = []) {
        self.privateKey = privateKey
        self.listenPort = listenPort
        self.fwmark = fwmark
        self.peers = peers
    }

    public var publicKey: PublicKey { privateKey.publicKey }

    public var description: String {
        let port = listenPort.map(String.init) ?? "any"
        return "device \(publicKey), port \(port), fwmark \(fwmark ?? 0), \(peers.count) peers"
    }
}
