import Foundation
import Netlink

extension WireGuardDeviceStatus {
    /// The status a `WG_CMD_GET_DEVICE` dump describes, in exactly the values the UAPI path returns for the same
    /// interface: absent fields are 0, an all-zero preshared key is none, a handshake at time zero never happened.
    init(netlink device: WireGuardNetlinkDevice, interface: String, operation: String) throws {
        let reading = NetlinkStatusReading(interface: interface, operation: operation)
        self.init(listenPort: Int(device.listenPort ?? 0), fwmark: Int(device.firewallMark ?? 0))
        if let key = device.privateKey {
            guard let privateKey = PrivateKey(bytes: key) else { throw reading.malformed("private key", key) }
            self.privateKey = privateKey
        }
        peers = try device.peers.map { try WireGuardPeerStatus(netlink: $0, reading) }
    }
}

extension WireGuardPeerStatus {
    fileprivate init(netlink peer: WireGuardNetlinkPeer, _ reading: NetlinkStatusReading) throws {
        guard let publicKey = PublicKey(bytes: peer.publicKey) else {
            throw reading.malformed("peer public key", peer.publicKey)
        }
        var configuration = WireGuardPeer(publicKey: publicKey, endpoint: peer.endpoint?.text,
                                          allowedIPs: peer.allowedIPs,
                                          persistentKeepalive: Int(peer.persistentKeepalive ?? 0))
        if let bytes = peer.presharedKey {
            guard let key = PresharedKey(bytes: bytes) else { throw reading.malformed("preshared key", bytes) }
            // The kernel always reports a preshared key; all zeros is its "none".
            configuration.presharedKey = key.storage.isZero ? nil : key
        }
        let handshake = peer.lastHandshake.map { time in
            // The UAPI's arithmetic (seconds plus nanoseconds over 1e9), so both paths give the same Date.
            let (seconds, attoseconds) = time.components
            return Date(timeIntervalSince1970: Double(seconds) + Double(attoseconds / 1_000_000_000) / 1e9)
        }
        self.init(peer: configuration, lastHandshake: handshake, receivedBytes: peer.receivedBytes ?? 0,
                  sentBytes: peer.transmittedBytes ?? 0, protocolVersion: Int(peer.protocolVersion ?? 1))
    }
}

/// Where a get-device reply is being read, for its errors.
private struct NetlinkStatusReading {
    let interface: String
    let operation: String

    /// Key material is never echoed, even when malformed: only its length.
    func malformed(_ what: String, _ bytes: [UInt8]) -> WireGuardError {
        WireGuardError(.malformedReply, interface: interface, operation: operation,
                       message: "the kernel reported a \(what) of \(bytes.count) bytes, not 32")
    }
}
