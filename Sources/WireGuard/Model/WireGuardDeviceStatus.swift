/// A live WireGuard interface as `get` reports it: what `wg show` prints, as values.
public struct WireGuardDeviceStatus: Hashable, Sendable, CustomStringConvertible {
    /// Nil until a private key is set.
    public var privateKey: PrivateKey?
    /// 0 when the interface has no port yet.
    public var listenPort: Int
    /// 0 when there is no firewall mark.
    public var fwmark: Int
    public var peers: [WireGuardPeerStatus]

    public init(privateKey: PrivateKey? = nil, listenPort: Int = 0, fwmark: Int = 0,
                peers: [WireGuardPeerStatus] = []) {
        self.privateKey = privateKey
        self.listenPort = listenPort
        self.fwmark = fwmark
        self.peers = peers
    }

    public var publicKey: PublicKey? { privateKey?.publicKey }

    /// The peer with this key, if the interface has it.
    public func peer(_ publicKey: PublicKey) -> WireGuardPeerStatus? {
        peers.first { $0.publicKey == publicKey }
    }

    public var description: String {
        let identity = publicKey.map(\.description) ?? "no key"
        return "device \(identity), port \(listenPort), fwmark \(fwmark), \(peers.count) peers"
    }
}
