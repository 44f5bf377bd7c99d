import Compiler
import Netlink

/// Turns a `WireGuardChange` into the `WG_CMD_SET_DEVICE` messages that apply it, with the UAPI path's semantics:
/// device fields, then removals, then updates of existing peers (`WGPEER_F_UPDATE_ONLY`, so a peer that vanished
/// meanwhile is not resurrected, and only the changed fields), then new peers. Pure: no socket, no kernel.
struct KernelSetRequest {
    /// wg(8) fills a message up to its socket buffer size (a page); 16 KiB of attributes keeps a 5,000-peer change
    /// to a few dozen round trips while staying far below what one netlink datagram may carry.
    static let defaultMessageLimit = 16 * 1024

    let interface: String
    let operation: String
    /// The most attribute bytes (everything after `genlmsghdr`) one message may hold.
    var messageLimit = defaultMessageLimit

    /// The messages, in the order they must be sent; none for an empty change. Throws `invalidChange` for a value
    /// the kernel cannot take (a port out of range, an endpoint that is not `ip:port`), before anything is sent.
    func messages(for change: WireGuardChange) throws -> [WireGuardNetlinkDevice] {
        guard !change.isEmpty else { return [] }
        var device = WireGuardNetlinkDevice(interfaceName: interface)
        device.privateKey = change.privateKey?.storage.bytes
        device.listenPort = try change.listenPort.map { UInt16(try checked($0, 0...65535, "listen port")) }
        device.firewallMark = try change.fwmark.map { UInt32(try checked($0, 0...Int(UInt32.max), "fwmark")) }
        var peers = change.removedPeers.map { WireGuardNetlinkPeer(publicKey: $0.bytes, remove: true) }
        peers.reserveCapacity(peers.count + change.updatedPeers.count + change.addedPeers.count)
        for update in change.updatedPeers { peers.append(try peer(update)) }
        for added in change.addedPeers { peers.append(try peer(added)) }
        return SetDeviceSplitter(limit: messageLimit).split(device, peers: peers)
    }

    private func peer(_ update: WireGuardPeerUpdate) throws -> WireGuardNetlinkPeer {
        var peer = WireGuardNetlinkPeer(publicKey: update.publicKey.bytes, updateOnly: true)
        switch update.presharedKey {
        case .set(let key): peer.presharedKey = key.storage.bytes
        // The kernel, like the UAPI, clears the preshared key when it is set to all zeros.
        case .remove: peer.presharedKey = KeyBytes.zero.bytes
        case nil: break
        }
        peer.endpoint = try update.endpoint.map(endpoint)
        peer.persistentKeepalive = try update.persistentKeepalive.map(keepalive)
        if let allowedIPs = update.allowedIPs {
            peer.replaceAllowedIPs = true
            peer.allowedIPs = allowedIPs
        }
        return peer
    }

    private func peer(_ added: WireGuardPeer) throws -> WireGuardNetlinkPeer {
        // A peer added by someone else since the status was read is made exactly this one, not merged with it.
        WireGuardNetlinkPeer(
            publicKey: added.publicKey.bytes, presharedKey: added.presharedKey?.storage.bytes,
            replaceAllowedIPs: true, endpoint: try added.endpoint.map(endpoint),
            persistentKeepalive: added.persistentKeepalive == 0 ? nil : try keepalive(added.persistentKeepalive),
            allowedIPs: added.allowedIPs)
    }

    private func keepalive(_ seconds: Int) throws -> UInt16 {
        UInt16(try checked(seconds, 0...65535, "persistent keepalive"))
    }

    private func endpoint(_ text: String) throws -> WireGuardNetlinkEndpoint {
        guard let endpoint = WireGuardNetlinkEndpoint(text: text) else {
            throw invalid("endpoint '\(text.prefix(80))' is not ip:port or [ipv6]:port (the kernel takes addresses, "
                + "not host names)")
        }
        return endpoint
    }

    private func checked(_ value: Int, _ range: ClosedRange<Int>, _ what: String) throws -> Int {
        guard range.contains(value) else { throw invalid("\(what) \(value) is outside \(range)") }
        return value
    }

    private func invalid(_ message: String) -> WireGuardError {
        WireGuardError(.invalidChange, interface: interface, operation: operation, message: message)
    }
}
