import Foundation

/// A peer as a live interface reports it: its configuration, plus the session's handshake time and counters.
public struct WireGuardPeerStatus: Hashable, Sendable, CustomStringConvertible {
    /// The peer's configuration; `endpoint` is where it was last seen (or configured), nil when unknown.
    public var peer: WireGuardPeer
    /// The last completed handshake; nil when there never was one.
    public var lastHandshake: Date?
    public var receivedBytes: UInt64
    public var sentBytes: UInt64
    public var protocolVersion: Int

    public init(peer: WireGuardPeer, lastHandshake: Date? = nil, receivedBytes: UInt64 = 0, sentBytes: UInt64 = 0,
                protocolVersion: Int = 1) {
        self.peer = peer
        self.lastHandshake = lastHandshake
        self.receivedBytes = receivedBytes
        self.sentBytes = sentBytes
        self.protocolVersion = protocolVersion
    }

    public var publicKey: PublicKey { peer.publicKey }

    public var description: String {
        let handshake = lastHandshake.map { "handshake \($0)" } ?? "no handshake"
        return "\(peer); \(handshake); received \(receivedBytes) B, sent \(sentBytes) B"
    }
}
