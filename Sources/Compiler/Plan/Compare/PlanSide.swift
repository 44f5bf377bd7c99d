/// One side of a plan indexed by node: every node's objects and generated files at that revision.
/// Built once per side, so comparing a node looks nothing up in the whole inventory again.
struct PlanSide {
    let inventory: Inventory
    private(set) var nodes: [String: Node] = [:]
    private var servers: [String: [WireGuardServer]] = [:]
    private var clients: [String: [WireGuardClient]] = [:]
    private var sessions: [String: [BGPSession]] = [:]
    private var announcements: [String: [BGPAnnouncement]] = [:]
    private var pools: [String: [PrefixPool]] = [:]
    private var allocations: [String: [Allocation]] = [:]
    /// As the wg-quick emitter routes them, so the plan and wg0.conf agree.
    private let delegated: [String: [IPPrefix]]
    private var files: [String: [String: String]] = [:]

    /// A compiled revision; nil for an empty network.
    init(_ revision: CompiledRevision?) {
        inventory = revision?.checked.inventory ?? Inventory()
        delegated = InventoryCompiler.SharedEmitState(inventory).delegated
        for node in inventory.nodes { nodes[node.name] = node }
        var serverNodes: [String: String] = [:]
        for server in inventory.servers {
            servers[server.node, default: []].append(server)
            serverNodes[server.name] = server.node
        }
        for client in inventory.clients {
            guard let node = serverNodes[client.server] else { continue }
            clients[node, default: []].append(client)
        }
        for session in inventory.sessions { sessions[session.node, default: []].append(session) }
        for announcement in inventory.announcements {
            announcements[announcement.node, default: []].append(announcement)
        }
        var poolNodes: [String: String] = [:]
        for pool in inventory.pools {
            pools[pool.node, default: []].append(pool)
            poolNodes[pool.name] = pool.node
        }
        for allocation in inventory.allocations {
            guard let node = poolNodes[allocation.pool] else { continue }
            allocations[node, default: []].append(allocation)
        }
        for file in revision?.files ?? [] {
            guard let slash = file.path.firstIndex(of: "/") else { continue }
            let node = String(file.path[..<slash])
            guard file.path[file.path.index(after: slash)...] != "manifest.json" else { continue }
            files[node, default: [:]][file.path] = file.contents
        }
    }

    /// Everything on `name` at this revision; nil when the revision has no such node.
    func state(of name: String) -> NodeState? {
        guard let node = nodes[name] else { return nil }
        return NodeState(node: node, inventory: inventory, servers: servers[name] ?? [], clients: clients[name] ?? [],
                         sessions: sessions[name] ?? [], announcements: announcements[name] ?? [],
                         pools: pools[name] ?? [], allocations: allocations[name] ?? [], delegated: delegated,
                         files: files[name] ?? [:], originations: BIRDOriginations(node: node, inventory: inventory))
    }
}

/// One node's objects and generated files at one revision.
struct NodeState {
    let node: Node
    let inventory: Inventory
    let servers: [WireGuardServer]
    let clients: [WireGuardClient]
    let sessions: [BGPSession]
    let announcements: [BGPAnnouncement]
    let pools: [PrefixPool]
    let allocations: [Allocation]
    /// Allocated prefixes by client name, in prefix order: what the server routes to each client.
    let delegated: [String: [IPPrefix]]
    /// Generated files by path, without manifest.json.
    let files: [String: String]
    /// What the node originates in BGP, as the BIRD emitter computes it for the export filters.
    let originations: BIRDOriginations

    func server(named name: String) -> WireGuardServer? { servers.first { $0.name == name } }

    /// The prefixes `session` exports, as bird.conf's export filter lets them out.
    func exports(of session: BGPSession) -> [String] {
        originations.routes(for: session).map(\.prefix.description)
    }

    func usage(of pool: PrefixPool) -> PoolUsage {
        PoolOccupancy(pool: pool, node: node, inventory: inventory).usage
    }
}
