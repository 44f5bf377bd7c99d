import Compiler
import Netlink

/// The bytes `WireGuardNetlinkCodec.setDeviceAttributes` writes for each part, counted without encoding it, so
/// packing 5,000 peers costs one pass. The tests hold it to the codec's real output.
enum EncodedSize {
    /// A netlink attribute's (or nest's) header.
    static let header = 4

    static func attribute(_ valueLength: Int) -> Int { header + (valueLength + 3) & ~3 }

    static func device(_ device: WireGuardNetlinkDevice) -> Int {
        var size = 0
        if device.interfaceIndex != nil { size += attribute(4) }
        if let name = device.interfaceName { size += attribute(name.utf8.count + 1) }
        if let key = device.privateKey { size += attribute(key.count) }
        if device.listenPort != nil { size += attribute(2) }
        if device.firewallMark != nil { size += attribute(4) }
        if device.replacePeers { size += attribute(4) }
        return size
    }

    /// A peer's nest, allowed IPs included.
    static func peer(_ peer: WireGuardNetlinkPeer) -> Int {
        var size = peerFields(peer)
        if !peer.allowedIPs.isEmpty || peer.replaceAllowedIPs {
            size += header + peer.allowedIPs.reduce(0) { $0 + allowedIP($1) }
        }
        return size
    }

    /// A peer's nest without its allowed IPs.
    static func peerFields(_ peer: WireGuardNetlinkPeer) -> Int {
        var size = header + attribute(peer.publicKey.count)
        if let key = peer.presharedKey { size += attribute(key.count) }
        if peer.remove || peer.replaceAllowedIPs || peer.updateOnly { size += attribute(4) }
        if let endpoint = peer.endpoint { size += attribute(endpoint.address.family == .v4 ? 16 : 28) }
        if peer.persistentKeepalive != nil { size += attribute(2) }
        return size
    }

    /// One allowed IP's nest: family, address, mask.
    static func allowedIP(_ prefix: IPPrefix) -> Int {
        header + attribute(2) + attribute(prefix.family == .v4 ? 4 : 16) + attribute(1)
    }
}
