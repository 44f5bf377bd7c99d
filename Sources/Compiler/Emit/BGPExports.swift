/// What a node originates in BGP and which of its sessions exports it. bird.conf's export filters and
/// `wgc plan`'s per-session exports both come from here, so the two cannot disagree.
enum BGPExports {
    /// A route the node originates, and who asked for it.
    struct Origination: Hashable, Sendable {
        var prefix: IPPrefix
        var nextHop: IPAddress?
        /// The origin AS when it is not the node's own (prepended on export).
        var originAS: UInt32?
        var reason: String
    }

    /// Originations of `node` that `session` exports, deduplicated by prefix (first reason wins), by prefix.
    static func originations(for session: BGPSession, node: Node, inventory: Inventory) -> [Origination] {
        var result: [Origination] = []
        var seen = Set<IPPrefix>()
        func add(_ origination: Origination) {
            if seen.insert(origination.prefix).inserted { result.append(origination) }
        }
        let family = session.neighbor.family
        // Named announcements go to their session; the others, and auto-announced pools and allocations,
        // go to every session of their address family.
        for announcement in inventory.announcements
        where announcement.node == node.name && announcement.enabled
            && (announcement.session == session.name
                || (announcement.session == nil && announcement.prefix.family == family)) {
            add(Origination(prefix: announcement.prefix, nextHop: announcement.nextHop,
                            originAS: announcement.asn == node.asn ? nil : announcement.asn,
                            reason: "announcement \(announcement.name)"))
        }
        let pools = inventory.pools.filter { $0.node == node.name }
        for pool in pools where pool.autoAnnounceBGP && pool.prefix.family == family {
            add(Origination(prefix: pool.prefix, nextHop: nil, originAS: nil, reason: "pool \(pool.name)"))
        }
        let poolNames = Set(pools.map(\.name))
        for allocation in inventory.allocations
        where allocation.autoAnnounce && poolNames.contains(allocation.pool) && allocation.prefix.family == family {
            add(Origination(prefix: allocation.prefix, nextHop: nil, originAS: nil,
                            reason: "allocation for \(allocation.client)"))
        }
        return result.sorted { $0.prefix < $1.prefix }
    }
}
