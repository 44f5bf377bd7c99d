/// A route a node originates, and who asked for it.
struct Origination: Hashable {
    var prefix: IPPrefix
    var nextHop: IPAddress?
    /// The origin AS when it is not the node's own (prepended on export).
    var originAS: UInt32?
    var reason: String
}

/// What one node originates in BGP, and which of it each session exports.
///
/// Named announcements go to their session; the others, and auto-announced pools and allocations, go to every
/// session of their address family. So every session no announcement names exports the same list as the other
/// sessions of its family: that list is built once per family and shared, rather than rebuilt from every
/// allocation of the inventory for each of a node's sessions.
struct BIRDOriginations {
    /// The node's enabled announcements, in inventory order.
    private let announcements: [BGPAnnouncement]
    /// The node's auto-announced pools, in inventory order.
    private let pools: [PrefixPool]
    /// Auto-announced allocations of the node's pools, in inventory order.
    private let allocations: [Allocation]
    /// Sessions some announcement of the node names: only these export a list of their own.
    private let namedSessions: Set<String>
    private let asn: UInt32
    /// What a session no announcement names exports, by the session's address family.
    private var shared: [IPAddress.Family: [Origination]] = [:]

    init(node: Node, inventory: Inventory) {
        asn = node.asn
        announcements = inventory.announcements.filter { $0.node == node.name && $0.enabled }
        let nodePools = inventory.pools.filter { $0.node == node.name }
        pools = nodePools.filter(\.autoAnnounceBGP)
        let poolNames = Set(nodePools.map(\.name))
        allocations = inventory.allocations.filter { $0.autoAnnounce && poolNames.contains($0.pool) }
        namedSessions = Set(announcements.compactMap(\.session))
        for family in [IPAddress.Family.v6, .v4] {
            shared[family] = routes(family: family, session: nil)
        }
    }

    /// What `session` exports, deduplicated by prefix (first reason wins), sorted by prefix.
    func routes(for session: BGPSession) -> [Origination] {
        let family = session.neighbor.family
        guard namedSessions.contains(session.name) else { return shared[family] ?? [] }
        return routes(family: family, session: session.name)
    }

    /// Whether `session` exports the list every unnamed session of its family shares.
    func exportsSharedRoutes(_ session: BGPSession) -> Bool { !namedSessions.contains(session.name) }

    private func routes(family: IPAddress.Family, session: String?) -> [Origination] {
        var result: [Origination] = []
        var seen = Set<IPPrefix>()
        func add(_ origination: Origination) {
            if seen.insert(origination.prefix).inserted { result.append(origination) }
        }
        for announcement in announcements
        where (session != nil && announcement.session == session)
            || (announcement.session == nil && announcement.prefix.family == family) {
            add(Origination(prefix: announcement.prefix, nextHop: announcement.nextHop,
                            originAS: announcement.asn == asn ? nil : announcement.asn,
                            reason: "announcement \(announcement.name)"))
        }
        for pool in pools where pool.prefix.family == family {
            add(Origination(prefix: pool.prefix, nextHop: nil, originAS: nil, reason: "pool \(pool.name)"))
        }
        for allocation in allocations where allocation.prefix.family == family {
            add(Origination(prefix: allocation.prefix, nextHop: nil, originAS: nil,
                            reason: "allocation for \(allocation.client)"))
        }
        return result.sorted { $0.prefix < $1.prefix }
    }
}
