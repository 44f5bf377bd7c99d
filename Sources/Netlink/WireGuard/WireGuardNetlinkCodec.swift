import CLibMnl
import Compiler

/// WireGuard's generic netlink family (`linux/wireguard.h`) as pure functions: the attributes of
/// `WG_CMD_SET_DEVICE` and `WG_CMD_GET_DEVICE` from plain structs, and a device from the get dump's replies.
public enum WireGuardNetlinkCodec {
    public static let familyName = "wireguard"
    public static let version = UInt8(WG_GENL_VERSION)
    public static let getDevice = UInt8(WG_CMD_GET_DEVICE.rawValue)
    public static let setDevice = UInt8(WG_CMD_SET_DEVICE.rawValue)

    /// The attributes asking for one device by name (send as a dump).
    public static func getDeviceAttributes(interfaceName: String) -> NetlinkAttributeWriter {
        var writer = NetlinkAttributeWriter()
        writer.append(UInt16(WGDEVICE_A_IFNAME.rawValue), string: interfaceName)
        return writer
    }

    /// The attributes setting `device`: its name or index, then whatever it sets, then its peers.
    public static func setDeviceAttributes(_ device: WireGuardNetlinkDevice) -> NetlinkAttributeWriter {
        var writer = NetlinkAttributeWriter()
        if let index = device.interfaceIndex { writer.append(UInt16(WGDEVICE_A_IFINDEX.rawValue), u32: index) }
        if let name = device.interfaceName { writer.append(UInt16(WGDEVICE_A_IFNAME.rawValue), string: name) }
        if let key = device.privateKey { writer.append(UInt16(WGDEVICE_A_PRIVATE_KEY.rawValue), bytes: key) }
        if let port = device.listenPort { writer.append(UInt16(WGDEVICE_A_LISTEN_PORT.rawValue), u16: port) }
        if let mark = device.firewallMark { writer.append(UInt16(WGDEVICE_A_FWMARK.rawValue), u32: mark) }
        if device.replacePeers {
            writer.append(UInt16(WGDEVICE_A_FLAGS.rawValue), u32: UInt32(WGDEVICE_F_REPLACE_PEERS.rawValue))
        }
        guard !device.peers.isEmpty else { return writer }
        writer.appendNested(UInt16(WGDEVICE_A_PEERS.rawValue)) { peers in
            // wg(8) numbers every nest 0; the kernel ignores the number.
            for peer in device.peers { peers.appendNested(0) { encode(peer, into: &$0) } }
        }
        return writer
    }

    static func encode(_ peer: WireGuardNetlinkPeer, into writer: inout NetlinkAttributeWriter) {
        writer.append(UInt16(WGPEER_A_PUBLIC_KEY.rawValue), bytes: peer.publicKey)
        if let key = peer.presharedKey { writer.append(UInt16(WGPEER_A_PRESHARED_KEY.rawValue), bytes: key) }
        var flags: UInt32 = 0
        if peer.remove { flags |= UInt32(WGPEER_F_REMOVE_ME.rawValue) }
        if peer.replaceAllowedIPs { flags |= UInt32(WGPEER_F_REPLACE_ALLOWEDIPS.rawValue) }
        if peer.updateOnly { flags |= UInt32(WGPEER_F_UPDATE_ONLY.rawValue) }
        if flags != 0 { writer.append(UInt16(WGPEER_A_FLAGS.rawValue), u32: flags) }
        if let endpoint = peer.endpoint { writer.append(UInt16(WGPEER_A_ENDPOINT.rawValue), bytes: endpoint.sockaddr) }
        if let keepalive = peer.persistentKeepalive {
            writer.append(UInt16(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL.rawValue), u16: keepalive)
        }
        guard !peer.allowedIPs.isEmpty || peer.replaceAllowedIPs else { return }
        writer.appendNested(UInt16(WGPEER_A_ALLOWEDIPS.rawValue)) { list in
            for prefix in peer.allowedIPs {
                list.appendNested(0) { allowed in
                    allowed.append(UInt16(WGALLOWEDIP_A_FAMILY.rawValue), u16: UInt16(prefix.family.addressFamily))
                    allowed.append(UInt16(WGALLOWEDIP_A_IPADDR.rawValue), bytes: prefix.address.networkBytes)
                    allowed.append(UInt16(WGALLOWEDIP_A_CIDR_MASK.rawValue), u8: UInt8(prefix.length))
                }
            }
        }
    }
}
