import Compiler

/// A WireGuard interface as its generic netlink family describes it: what `WG_CMD_SET_DEVICE` changes and
/// `WG_CMD_GET_DEVICE` reports. Nil fields are left as they are on set and were absent on get.
public struct WireGuardNetlinkDevice: Sendable, Equatable {
    public var interfaceName: String?
    public var interfaceIndex: UInt32?
    /// 32 bytes; the kernel reports it only to a caller with `CAP_NET_ADMIN`.
    public var privateKey: [UInt8]?
    public var publicKey: [UInt8]?
    public var listenPort: UInt16?
    public var firewallMark: UInt32?
    /// `WGDEVICE_F_REPLACE_PEERS`: peers not listed are removed.
    public var replacePeers: Bool
    public var peers: [WireGuardNetlinkPeer]

    public init(interfaceName: String? = nil, interfaceIndex: UInt32? = nil, privateKey: [UInt8]? = nil,
                publicKey: [UInt8]? = nil, listenPort: UInt16? = nil, firewallMark: UInt32? = nil,
                replacePeers: Bool = false, peers: [WireGuardNetlinkPeer] = []) {
        self.interfaceName = interfaceName
        self.interfaceIndex = interfaceIndex
        self.privateKey = privateKey
        self.publicKey = publicKey
        self.listenPort = listenPort
        self.firewallMark = firewallMark
        self.replacePeers = replacePeers
        self.peers = peers
    }
}

/// One peer of a WireGuard interface in the generic netlink family's terms; the flags say how a set applies it.
public struct WireGuardNetlinkPeer: Sendable, Equatable {
    public var publicKey: [UInt8]
    public var presharedKey: [UInt8]?
    /// `WGPEER_F_REMOVE_ME`.
    public var remove: Bool
    /// `WGPEER_F_REPLACE_ALLOWEDIPS`: the listed allowed IPs replace the peer's, instead of adding to them.
    public var replaceAllowedIPs: Bool
    /// `WGPEER_F_UPDATE_ONLY`: change the peer only if it exists.
    public var updateOnly: Bool
    public var endpoint: WireGuardNetlinkEndpoint?
    public var persistentKeepalive: UInt16?
    public var allowedIPs: [IPPrefix]
    /// Reported by get: time since the Unix epoch of the last handshake, nil when there was none.
    public var lastHandshake: Duration?
    public var receivedBytes: UInt64?
    public var transmittedBytes: UInt64?
    public var protocolVersion: UInt32?

    public init(publicKey: [UInt8], presharedKey: [UInt8]? = nil, remove: Bool = false,
                replaceAllowedIPs: Bool = false, updateOnly: Bool = false,
                endpoint: WireGuardNetlinkEndpoint? = nil, persistentKeepalive: UInt16? = nil,
                allowedIPs: [IPPrefix] = [], lastHandshake: Duration? = nil, receivedBytes: UInt64? = nil,
                transmittedBytes: UInt64? = nil, protocolVersion: UInt32? = nil) {
        self.publicKey = publicKey
        self.presharedKey = presharedKey
        self.remove = remove
        self.replaceAllowedIPs = replaceAllowedIPs
        self.updateOnly = updateOnly
        self.endpoint = endpoint
        self.persistentKeepalive = persistentKeepalive
        self.allowedIPs = allowedIPs
        self.lastHandshake = lastHandshake
        self.receivedBytes = receivedBytes
        self.transmittedBytes = transmittedBytes
        self.protocolVersion = protocolVersion
    }
}

/// A peer's UDP endpoint, carried in netlink as a `sockaddr_in` or `sockaddr_in6`.
public struct WireGuardNetlinkEndpoint: Sendable, Hashable {
    public var address: IPAddress
    public var port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }
}
