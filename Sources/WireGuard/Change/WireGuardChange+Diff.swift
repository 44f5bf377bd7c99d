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

        // Indexes, not peers, in the dictionaries, and each key hashed as few times as it can be: a 5,000-peer
        // diff then copies no peer and hashes 15,000 keys.
        let ownKey = desired.publicKey
        var current: [PublicKey: Int] = [:]
        current.reserveCapacity(live.peers.count)
        var repeated: [(index: Int, key: PublicKey)] = []  // a key listed twice (no daemon does): last wins
        for index in live.peers.indices {
            let key = live.peers[index].publicKey
            if let earlier = current.updateValue(index, forKey: key) { repeated.append((earlier, key)) }
        }
        var positions: [PublicKey: Int] = [:]  // a desired key's place in `order`
        positions.reserveCapacity(desired.peers.count)
        var order: [Int] = []  // indexes into desired.peers, in first-listed order, each the key's last entry
        order.reserveCapacity(desired.peers.count)
        for index in desired.peers.indices where desired.peers[index].publicKey != ownKey {
            let key = desired.peers[index].publicKey
            if let position = positions.updateValue(order.count, forKey: key) {
                positions[key] = position
                order[position] = index
            } else {
                order.append(index)
            }
        }
        // Peers are compared in parts at once, on every core: 5,000 comparisons are milliseconds, mostly of
        // cache misses, and the agent does one before applying and one to verify.
        let liveIndex = current
        let compared = order.parallelParts { part in
            var result = ComparedPart()
            for index in part {
                let peer = desired.peers[index]
                guard let existing = liveIndex[peer.publicKey] else {
                    result.added.append(peer)
                    continue
                }
                result.kept.append(existing)
                let update = Self.update(live.peers[existing].peer, to: peer)
                if !update.isEmpty { result.updated.append(update) }
            }
            return result
        }
        var kept = [Bool](repeating: false, count: live.peers.count)
        for part in compared {
            addedPeers += part.added
            updatedPeers += part.updated
            for index in part.kept { kept[index] = true }
        }
        for (index, key) in repeated { kept[index] = positions[key] != nil }
        removedPeers = live.peers.indices.filter { !kept[$0] }.map { live.peers[$0].publicKey }
    }

    /// What comparing a part of the desired peers found.
    private struct ComparedPart: Sendable {
        var added: [WireGuardPeer] = []
        var updated: [WireGuardPeerUpdate] = []
        /// Indexes of live peers that are desired.
        var kept: [Int] = []
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
        if !sameNetworks(desired.allowedIPs, live.allowedIPs) { update.allowedIPs = desired.allowedIPs }
        return update
    }

    /// Whether two lists of allowed IPs hold the same networks. Lists in the same order (what a daemon gives
    /// back for what it was sent) are compared without building sets: a 5,000-peer diff does this per peer.
    static func sameNetworks(_ first: [IPPrefix], _ second: [IPPrefix]) -> Bool {
        if first == second { return true }
        if first.count == second.count, zip(first, second).allSatisfy({ $0.network == $1.network }) { return true }
        return Set(first.map(\.network)) == Set(second.map(\.network))
    }
}
