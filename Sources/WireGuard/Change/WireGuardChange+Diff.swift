import Compiler

extension WireGuardChange {
    /// The change that makes `live` into `desired`, with `wg syncconf`'s semantics: peers only live are removed,
    /// peers only desired are added, and a peer in both gets exactly the fields that differ. Allowed IPs count as
    /// changed only when they differ as sets of networks (order and host bits do not matter); a desired peer
    /// without an endpoint keeps the one it roamed to. `live` nil is an interface with nothing configured.
    ///
    /// A desired peer whose key is the device's own is left out: WireGuard ignores such a peer. When a key is
    /// listed twice, the last entry wins.
    public init(from live: WireGuardDeviceStatus?, to desired: WireGuardDevice) {
        let live = live ?? WireGuardDeviceStatus()
        self.init()
        if live.privateKey != desired.privateKey { privateKey = desired.privateKey }
        if let port = desired.listenPort, port != live.listenPort { listenPort = port }
        if (desired.fwmark ?? 0) != live.fwmark { fwmark = desired.fwmark ?? 0 }

        let ownKey = desired.publicKey
        var wanted: [PublicKey: WireGuardPeer] = [:]
        var order: [PublicKey] = []
        for peer in desired.peers where peer.publicKey != ownKey {
            if wanted.updateValue(peer, forKey: peer.publicKey) == nil { order.append(peer.publicKey) }
        }
        var current: [PublicKey: WireGuardPeer] = [:]
        current.reserveCapacity(live.peers.count)
        for status in live.peers { current[status.publicKey] = status.peer }

        removedPeers = live.peers.map(\.publicKey).filter { wanted[$0] == nil }
        for key in order {
            let peer = wanted[key]!
            guard let existing = current[key] else {
                addedPeers.append(peer)
                continue
            }
            let update = Self.update(existing, to: peer)
            if !update.isEmpty { updatedPeers.append(update) }
        }
    }

    /// The fields of `live` that differ from `desired`.
    static func update(_ live: WireGuardPeer, to desired: WireGuardPeer) -> WireGuardPeerUpdate {
        var update = WireGuardPeerUpdate(publicKey: desired.publicKey)
        let wantedKey = desired.presharedKey.flatMap { $0.storage.isZero ? nil : $0 }
        let liveKey = live.presharedKey.flatMap { $0.storage.isZero ? nil : $0 }
        if wantedKey != liveKey { update.presharedKey = wantedKey.map { .set($0) } ?? .remove }
        if let endpoint = desired.endpoint,
           live.endpoint.map(EndpointText.canonical) != EndpointText.canonical(endpoint) {
            update.endpoint = endpoint
        }
        if desired.persistentKeepalive != live.persistentKeepalive {
            update.persistentKeepalive = desired.persistentKeepalive
        }
        if Set(desired.allowedIPs.map(\.network)) != Set(live.allowedIPs.map(\.network)) {
            update.allowedIPs = desired.allowedIPs
        }
        return update
    }
}
