import Compiler
import WireGuard

/// Deterministic keys and prefixes for WireGuard tests: key `n` is 32 bytes of `n`.
enum WireGuardFixtures {
    static func privateKey(_ seed: UInt8) -> PrivateKey {
        PrivateKey(bytes: [UInt8](repeating: seed, count: 32))!
    }

    static func publicKey(_ seed: UInt8) -> PublicKey {
        privateKey(seed).publicKey
    }

    static func presharedKey(_ seed: UInt8) -> PresharedKey {
        PresharedKey(bytes: [UInt8](repeating: seed, count: 32))!
    }

    static func prefix(_ text: String) -> IPPrefix {
        try! IPPrefix.parse(text).get()
    }

    static func peer(_ seed: UInt8, _ allowedIPs: [String], presharedKey: PresharedKey? = nil, endpoint: String? = nil,
                     keepalive: Int = 0) -> WireGuardPeer {
        WireGuardPeer(publicKey: publicKey(seed), presharedKey: presharedKey, endpoint: endpoint,
                      allowedIPs: allowedIPs.map(prefix), persistentKeepalive: keepalive)
    }

    /// What a live interface would report for `device`, with a session on every peer.
    static func live(_ device: WireGuardDevice) -> WireGuardDeviceStatus {
        WireGuardDeviceStatus(
            privateKey: device.privateKey, listenPort: device.listenPort ?? 40000, fwmark: device.fwmark ?? 0,
            peers: device.peers.map { peer in
                WireGuardPeerStatus(peer: peer, lastHandshake: .init(timeIntervalSince1970: 1_700_000_000),
                                    receivedBytes: 1000, sentBytes: 2000)
            })
    }
}
