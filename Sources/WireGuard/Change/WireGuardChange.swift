/// What must change on a live interface to make it a desired one: the delta `wg syncconf` would apply. An
/// unchanged peer appears nowhere in it, so its handshake and counters survive.
public struct WireGuardChange: Hashable, Sendable, CustomStringConvertible {
    /// Nil keeps the interface's key.
    public var privateKey: PrivateKey?
    /// Nil keeps the port.
    public var listenPort: Int?
    /// Nil keeps the mark; 0 removes it.
    public var fwmark: Int?
    public var removedPeers: [PublicKey]
    public var addedPeers: [WireGuardPeer]
    public var updatedPeers: [WireGuardPeerUpdate]

    public init(privateKey: PrivateKey? = nil, listenPort: Int? = nil, fwmark: Int? = nil,
                removedPeers: [PublicKey] = [], addedPeers: [WireGuardPeer] = [],
                updatedPeers: [WireGuardPeerUpdate] = []) {
        self.privateKey = privateKey
        self.listenPort = listenPort
        self.fwmark = fwmark
        self.removedPeers = removedPeers
        self.addedPeers = addedPeers
        self.updatedPeers = updatedPeers
    }

    public var isEmpty: Bool {
        privateKey == nil && listenPort == nil && fwmark == nil && removedPeers.isEmpty && addedPeers.isEmpty
            && updatedPeers.isEmpty
    }

    public var description: String {
        guard !isEmpty else { return "no change" }
        var lines: [String] = []
        if privateKey != nil { lines.append("new private key") }
        if let listenPort { lines.append("listen port \(listenPort)") }
        if let fwmark { lines.append("fwmark \(fwmark)") }
        lines += removedPeers.map { "remove peer \($0)" }
        lines += addedPeers.map { "add \($0)" }
        lines += updatedPeers.map { "update \($0)" }
        return lines.joined(separator: "\n")
    }
}
