/// Checks a loaded inventory as a whole — references, addressing, pools, BGP, RPKI — and resolves what the
/// inventory leaves implicit (a resource's node when there is one, unpinned client addresses, LAN prefixes).
/// Every problem is reported; none stops the others from being found.
public struct Validator {
    public internal(set) var inventory: Inventory
    public private(set) var diagnostics: [Diagnostic] = []
    /// Prefixes taken in each pool (allocations, then LAN prefixes), filled as validation goes.
    var takenByPool: [String: [IPPrefix]] = [:]

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
    mutating func unknownReference(_ origin: Origin, _ field: String, kind resourceKind: ResourceKind, name: String,
                                   known: [String]) {
        guard !inventory.mayBeBroken(resourceKind, name) else { return }
        let kind = resourceKind.displayName
        let hint: String
        if let near = Spelling.closest(to: name, in: known) {
            hint = "did you mean '\(near)'?"
        } else if known.isEmpty {
            hint = "the inventory defines no \(kind)"
        } else {
            hint = "known: " + known.sorted().prefix(8).joined(separator: ", ") + (known.count > 8 ? ", …" : "")
        }
        error(.unknownReference, origin, field, "unknown \(kind) '\(name)'", hint: hint)
    }

    // MARK: Names

    private mutating func checkUniqueNames() {
        let model = inventory
        func explicitIDs(_ ids: [String?]) -> Bool { ids.contains { $0 != nil } }
        checkUniqueNames(.node, model.nodes.map(\.name), explicitIDs(model.nodes.map(\.explicitID)),
                         origin: { model.nodes[$0].origin }, id: { model.nodes[$0].id })
        checkUniqueNames(.wireGuardServer, model.servers.map(\.name), explicitIDs(model.servers.map(\.explicitID)),
                         origin: { model.servers[$0].origin }, id: { model.servers[$0].id })
        checkUniqueNames(.wireGuardClient, model.clients.map(\.name), explicitIDs(model.clients.map(\.explicitID)),
                         origin: { model.clients[$0].origin }, id: { model.clients[$0].id })
        checkUniqueNames(.prefixPool, model.pools.map(\.name), explicitIDs(model.pools.map(\.explicitID)),
                         origin: { model.pools[$0].origin }, id: { model.pools[$0].id })
        checkUniqueNames(.bgpSession, model.sessions.map(\.name), explicitIDs(model.sessions.map(\.explicitID)),
                         origin: { model.sessions[$0].origin }, id: { model.sessions[$0].id })
        checkUniqueNames(.bgpAnnouncement, model.announcements.map(\.name),
                         explicitIDs(model.announcements.map(\.explicitID)),
                         origin: { model.announcements[$0].origin }, id: { model.announcements[$0].id })
    }

    /// Names, their BIRD symbols and explicit ids of one kind are unique. Only names are copied: a resource's
    /// origin is looked up by index when a diagnostic needs it.
    private mutating func checkUniqueNames(_ kind: ResourceKind, _ names: [String], _ hasExplicitIDs: Bool,
                                           origin: (Int) -> Origin, id: (Int) -> String) {
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
        // Derived ids are unique when names are; only explicit ids can collide.
        guard hasExplicitIDs else { return }
        var ids: [String: String] = [:]
        for (index, name) in names.enumerated() where first[name] == index {
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
        for index in inventory.servers.indices {
            let server = inventory.servers[index]
            inventory.servers[index].node = resolvedNode(server.node, server.origin, what: "WireGuard server '\(server.name)'")
        }
        for index in inventory.pools.indices {
            let pool = inventory.pools[index]
            inventory.pools[index].node = resolvedNode(pool.node, pool.origin, what: "prefix pool '\(pool.name)'")
        }
        for index in inventory.sessions.indices {
            let session = inventory.sessions[index]
            inventory.sessions[index].node = resolvedNode(session.node, session.origin,
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
            inventory.announcements[index].node = resolvedNode(announcement.node, announcement.origin,
                                                               what: "BGP announcement '\(announcement.name)'")
        }
    }

    /// The node a resource belongs to: the one it names, or the only one; "" (with a diagnostic) otherwise.
    private mutating func resolvedNode(_ node: String, _ origin: Origin, what: String) -> String {
        let names = inventory.nodes.map(\.name)
        if node.isEmpty {
            if names.count == 1 { return names[0] }
            if names.isEmpty {
                guard !inventory.hasBroken(.node) else { return "" }
                error(.unknownReference, origin, nil, "\(what) needs a node, but the inventory defines no Node",
                      hint: "add a `kind: Node` document for the router")
            } else {
                error(.ambiguousNode, origin, nil, "\(what) does not say which node it belongs to",
                      hint: "add `node:` with one of: " + names.sorted().joined(separator: ", "))
            }
            return ""
        }
        guard names.contains(node) else {
            unknownReference(origin, "node", kind: .node, name: node, known: names)
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
