/// Checks a loaded inventory as a whole — references, addressing, pools, BGP, RPKI — and resolves what the
/// inventory leaves implicit (a resource's node when there is one, unpinned client addresses, LAN prefixes).
/// Every problem is reported; none stops the others from being found.
public struct Validator {
    public internal(set) var inventory: Inventory
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Prefixes taken in each pool (allocations, then LAN prefixes), filled as validation goes.
    var takenByPool: [String: [IPPrefix]] = [:]
    var referenceHints = ReferenceHints()

    public static func validate(_ inventory: Inventory) -> (Inventory, [Diagnostic]) {
        var validator = Validator(inventory: inventory)
        validator.run()
        return (validator.inventory, validator.diagnostics)
    }

    init(inventory: Inventory) {
        self.inventory = inventory
    }

    mutating func run() {
        checkUniqueNames()
        resolveNodes()
        checkNodes()
        checkServers()
        checkClients()
        checkPools()
        checkSubnets()
        checkWhitelist()
        checkAllocations()
        resolveLANPrefixes()
        checkPoolUsage()
        checkSessions()
        checkAnnouncements()
    }

    mutating func error(_ code: DiagnosticCode, _ origin: Origin, _ field: String?, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(code, at: origin.location(field), message, hint: hint))
    }

    mutating func warning(_ code: DiagnosticCode, _ origin: Origin, _ field: String?, _ message: String, hint: String? = nil) {
        diagnostics.append(.warning(code, at: origin.location(field), message, hint: hint))
    }

    /// "unknown X 'name'" with the closest existing name as a hint; silent when the resource exists but failed
    /// to load, since that error is already reported.
    mutating func unknownReference(_ origin: Origin, _ field: String, kind: ResourceKind, name: String) {
        guard !inventory.mayBeBroken(kind, name) else { return }
        if !referenceHints.knows(kind) { referenceHints.learn(kind, names: names(of: kind)) }
        error(.unknownReference, origin, field, "unknown \(kind.displayName) '\(name)'",
              hint: referenceHints.hint(for: name, kind: kind))
    }

    /// The names of every resource of `kind`, in inventory order.
    func names(of kind: ResourceKind) -> [String] {
        switch kind {
        case .node: inventory.nodes.map(\.name)
        case .wireGuardServer: inventory.servers.map(\.name)
        case .wireGuardClient: inventory.clients.map(\.name)
        case .prefixPool: inventory.pools.map(\.name)
        case .bgpSession: inventory.sessions.map(\.name)
        case .bgpAnnouncement: inventory.announcements.map(\.name)
        case .allocation, .whitelist: []
        }
    }

    // MARK: Names

    private mutating func checkUniqueNames() {
        let model = inventory
        func explicitIDs(_ ids: [String?]) -> Bool { ids.contains { $0 != nil } }
        checkUniqueNames(.node, model.nodes.map(\.name), explicitIDs(model.nodes.map(\.explicitID)),
                         origin: { model.nodes[$0].origin }, id: { model.nodes[$0].id },
                         explicitID: { model.nodes[$0].explicitID })
        checkUniqueNames(.wireGuardServer, model.servers.map(\.name), explicitIDs(model.servers.map(\.explicitID)),
                         origin: { model.servers[$0].origin }, id: { model.servers[$0].id },
                         explicitID: { model.servers[$0].explicitID })
        checkUniqueNames(.wireGuardClient, model.clients.map(\.name), explicitIDs(model.clients.map(\.explicitID)),
                         origin: { model.clients[$0].origin }, id: { model.clients[$0].id },
                         explicitID: { model.clients[$0].explicitID })
        checkUniqueNames(.prefixPool, model.pools.map(\.name), explicitIDs(model.pools.map(\.explicitID)),
                         origin: { model.pools[$0].origin }, id: { model.pools[$0].id },
                         explicitID: { model.pools[$0].explicitID })
        checkUniqueNames(.bgpSession, model.sessions.map(\.name), explicitIDs(model.sessions.map(\.explicitID)),
                         origin: { model.sessions[$0].origin }, id: { model.sessions[$0].id },
                         explicitID: { model.sessions[$0].explicitID })
        checkUniqueNames(.bgpAnnouncement, model.announcements.map(\.name),
                         explicitIDs(model.announcements.map(\.explicitID)),
                         origin: { model.announcements[$0].origin }, id: { model.announcements[$0].id },
                         explicitID: { model.announcements[$0].explicitID })
    }

    /// Names, their BIRD symbols and explicit ids of one kind are unique. Only names are copied: a resource's
    /// origin is looked up by index when a diagnostic needs it.
    private mutating func checkUniqueNames(_ kind: ResourceKind, _ names: [String], _ hasExplicitIDs: Bool,
                                           origin: (Int) -> Origin, id: (Int) -> String,
                                           explicitID: (Int) -> String?) {
        var first: [String: Int] = [:]
        first.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            if let earlier = first[name] {
                let defined = origin(earlier)
                error(.duplicateName, origin(index), "name", "\(kind.displayName) '\(name)' is defined twice",
                      hint: "first defined at \(defined.file):\(defined.location("name").line)")
            } else {
                first[name] = index
            }
        }
        // `a-b` and `a_b` both become BIRD's `a_b`; only possible when some name has an underscore.
        if names.contains(where: { $0.utf8.contains(UInt8(ascii: "_")) }) {
            var symbols: [String: String] = [:]
            for (index, name) in names.enumerated() where first[name] == index {
                let symbol = Names.birdSymbol(name)
                if let other = symbols[symbol], other != name {
                    error(.duplicateName, origin(index), "name", "\(kind.displayName) names '\(other)' and "
                              + "'\(name)' both become '\(symbol)' in generated configs", hint: "rename one of them")
                }
                symbols[symbol] = name
            }
        }
        // Derived ids are unique when names are; only explicit ids can collide. A derived id is a version-8
        // UUID in lowercase, so unless some explicit id has that form, explicit ids collide only with each other
        // and the derived ones need not be computed (a SHA-256 each).
        guard hasExplicitIDs else { return }
        let skipsDerived = !(0..<names.count).contains { explicitID($0).map(ResourceID.couldBeDerived) ?? false }
        var ids: [String: String] = [:]
        for (index, name) in names.enumerated() where first[name] == index {
            if skipsDerived, explicitID(index) == nil { continue }
            let itemID = id(index)
            if let other = ids[itemID] {
                error(.duplicateID, origin(index), "id", "id \(itemID) is already used by \(kind.displayName) '\(other)'",
                      hint: "ids must be unique; remove the id to let wgc derive one")
            } else {
                ids[itemID] = name
            }
        }
    }

    // MARK: Nodes

    /// Fills in the node of servers, pools, sessions and announcements that leave it out, when there is one node.
    private mutating func resolveNodes() {
        let nodes = NodeNames(inventory)
        for index in inventory.servers.indices {
            let server = inventory.servers[index]
            inventory.servers[index].node = resolvedNode(server.node, server.origin, nodes,
                                                         what: "WireGuard server '\(server.name)'")
        }
        for index in inventory.pools.indices {
            let pool = inventory.pools[index]
            inventory.pools[index].node = resolvedNode(pool.node, pool.origin, nodes, what: "prefix pool '\(pool.name)'")
        }
        for index in inventory.sessions.indices {
            let session = inventory.sessions[index]
            inventory.sessions[index].node = resolvedNode(session.node, session.origin, nodes,
                                                          what: "BGP session '\(session.name)'")
        }
        let sessionNodes = Dictionary(inventory.sessions.map { ($0.name, $0.node) }, uniquingKeysWith: { first, _ in first })
        for index in inventory.announcements.indices {
            let announcement = inventory.announcements[index]
            if announcement.node.isEmpty, let session = announcement.session, let node = sessionNodes[session],
               !node.isEmpty {
                inventory.announcements[index].node = node
                continue
            }
            inventory.announcements[index].node = resolvedNode(announcement.node, announcement.origin, nodes,
                                                               what: "BGP announcement '\(announcement.name)'")
        }
    }

    /// What resolving every resource's node looks up, computed once: an inventory may hold many nodes.
    private struct NodeNames {
        var names: Set<String>
        var only: String?
        /// The ambiguous-node hint's choice of names.
        var listing: String
        var mayBeMissing: Bool

        init(_ inventory: Inventory) {
            let all = inventory.nodes.map(\.name)
            names = Set(all)
            only = all.count == 1 ? all[0] : nil
            listing = all.sorted().prefix(8).joined(separator: ", ") + (all.count > 8 ? ", …" : "")
            mayBeMissing = all.isEmpty && inventory.hasBroken(.node)
        }
    }

    /// The node a resource belongs to: the one it names, or the only one; "" (with a diagnostic) otherwise.
    private mutating func resolvedNode(_ node: String, _ origin: Origin, _ nodes: NodeNames, what: String) -> String {
        if node.isEmpty {
            if let only = nodes.only { return only }
            if nodes.names.isEmpty {
                guard !nodes.mayBeMissing else { return "" }
                error(.unknownReference, origin, nil, "\(what) needs a node, but the inventory defines no Node",
                      hint: "add a `kind: Node` document for the router")
            } else {
                error(.ambiguousNode, origin, nil, "\(what) does not say which node it belongs to",
                      hint: "add `node:` with one of: " + nodes.listing)
            }
            return ""
        }
        guard nodes.names.contains(node) else {
            unknownReference(origin, "node", kind: .node, name: node)
            return ""
        }
        return node
    }

    private mutating func checkNodes() {
        var routerIDs: [IPAddress: String] = [:]
        for node in inventory.nodes {
            guard let routerID = node.routerID else { continue }
            if let other = routerIDs[routerID] {
                error(.duplicateAddress, node.origin, "router_id",
                      "router_id \(routerID) is already the router id of node '\(other)'",
                      hint: "each BGP speaker needs its own router id")
            }
            routerIDs[routerID] = node.name
            var seen = Set<String>()
            for lan in node.lanInterfaces {
                if !seen.insert(lan.name).inserted {
                    error(.duplicateInterface, lan.origin, "name", "interface '\(lan.name)' is listed twice on node '\(node.name)'")
                }
            }
        }
    }
}
