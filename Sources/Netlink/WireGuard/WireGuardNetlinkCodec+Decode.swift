import CLibMnl
import Compiler

extension WireGuardNetlinkCodec {
    /// The device the replies of one `WG_CMD_GET_DEVICE` dump describe. The kernel splits a large device across
    /// messages, and one peer's allowed IPs too: a peer that continues the previous message's last peer (same
    /// public key) is merged into it, as wg(8) does.
    public static func device(from replies: [GenericNetlinkMessage]) throws(NetlinkError) -> WireGuardNetlinkDevice {
        var device = WireGuardNetlinkDevice()
        for reply in replies {
            let attributes = reply.attributes
            device.interfaceIndex = attributes.first(UInt16(WGDEVICE_A_IFINDEX.rawValue))?.u32 ?? device.interfaceIndex
            device.interfaceName = attributes.first(UInt16(WGDEVICE_A_IFNAME.rawValue))?.string ?? device.interfaceName
            device.privateKey = attributes.first(UInt16(WGDEVICE_A_PRIVATE_KEY.rawValue))?.value ?? device.privateKey
            device.publicKey = attributes.first(UInt16(WGDEVICE_A_PUBLIC_KEY.rawValue))?.value ?? device.publicKey
            device.listenPort = attributes.first(UInt16(WGDEVICE_A_LISTEN_PORT.rawValue))?.u16 ?? device.listenPort
            device.firewallMark = attributes.first(UInt16(WGDEVICE_A_FWMARK.rawValue))?.u32 ?? device.firewallMark
            guard let peers = attributes.first(UInt16(WGDEVICE_A_PEERS.rawValue)) else { continue }
            for entry in try peers.nested() {
                let peer = try decodePeer(entry.nested())
                if let last = device.peers.last, last.publicKey == peer.publicKey {
                    device.peers[device.peers.count - 1].allowedIPs += peer.allowedIPs
                } else {
                    device.peers.append(peer)
                }
            }
        }
        return device
    }

    static func decodePeer(_ attributes: [NetlinkAttribute]) throws(NetlinkError) -> WireGuardNetlinkPeer {
        var peer = WireGuardNetlinkPeer(publicKey: attributes.first(UInt16(WGPEER_A_PUBLIC_KEY.rawValue))?.value ?? [])
        peer.presharedKey = attributes.first(UInt16(WGPEER_A_PRESHARED_KEY.rawValue))?.value
        let flags = attributes.first(UInt16(WGPEER_A_FLAGS.rawValue))?.u32 ?? 0
        peer.remove = flags & UInt32(WGPEER_F_REMOVE_ME.rawValue) != 0
        peer.replaceAllowedIPs = flags & UInt32(WGPEER_F_REPLACE_ALLOWEDIPS.rawValue) != 0
        peer.updateOnly = flags & UInt32(WGPEER_F_UPDATE_ONLY.rawValue) != 0
        peer.endpoint = attributes.first(UInt16(WGPEER_A_ENDPOINT.rawValue))
            .flatMap { WireGuardNetlinkEndpoint(sockaddr: $0.value) }
        peer.persistentKeepalive = attributes.first(UInt16(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL.rawValue))?.u16
        if let time = attributes.first(UInt16(WGPEER_A_LAST_HANDSHAKE_TIME.rawValue))?.value,
           let seconds = Bytes.integer(time, at: 0, as: Int64.self),
           let nanoseconds = Bytes.integer(time, at: 8, as: Int64.self),
           seconds != 0 || nanoseconds != 0 {
            peer.lastHandshake = .seconds(seconds) + .nanoseconds(nanoseconds)
        }
        peer.receivedBytes = attributes.first(UInt16(WGPEER_A_RX_BYTES.rawValue))?.u64
        peer.transmittedBytes = attributes.first(UInt16(WGPEER_A_TX_BYTES.rawValue))?.u64
        peer.protocolVersion = attributes.first(UInt16(WGPEER_A_PROTOCOL_VERSION.rawValue))?.u32
        for entry in try attributes.first(UInt16(WGPEER_A_ALLOWEDIPS.rawValue))?.nested() ?? [] {
            let fields = try entry.nested()
            guard let rawFamily = fields.first(UInt16(WGALLOWEDIP_A_FAMILY.rawValue))?.u16,
                  let family = IPAddress.Family(addressFamily: UInt8(truncatingIfNeeded: rawFamily)),
                  let bytes = fields.first(UInt16(WGALLOWEDIP_A_IPADDR.rawValue))?.value,
                  let address = IPAddress(family: family, networkBytes: bytes),
                  let length = fields.first(UInt16(WGALLOWEDIP_A_CIDR_MASK.rawValue))?.u8
            else { throw .malformed("reading a WireGuard peer", "an allowed IP lacks its family, address or mask") }
            peer.allowedIPs.append(IPPrefix(address: address, length: Int(length)))
        }
        return peer
    }
}
