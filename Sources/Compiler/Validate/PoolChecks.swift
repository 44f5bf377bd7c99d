extension Validator {
    /// Pools must not overlap each other, anywhere in the inventory.
    mutating func checkPools() {
        let sorted = inventory.pools.sorted { $0.prefix < $1.prefix }
        var widest: PrefixPool?
        for pool in sorted {
            if let previous = widest, previous.prefix.overlaps(pool.prefix) {
                error(.overlappingPools, pool.origin, "prefix",
                      "pool '\(pool.name)' (\(pool.prefix)) overlaps pool '\(previous.name)' (\(previous.prefix))",
                      hint: "pools must be disjoint; shrink or move one of them")
            }
            if widest == nil || pool.prefix.last > widest!.prefix.last { widest = pool }
        }
    }

    /// Whitelist entries name a known pool, when they name one.
    mutating func checkWhitelist() {
        let pools = Set(inventory.pools.map(\.name))
        for entry in inventory.whitelist {
            guard let pool = entry.pool, !pools.contains(pool) else { continue }
            unknownReference(entry.origin, "pool", kind: .prefixPool, name: pool)
        }
    }

    /// WireGuard subnets of one node must not overlap each other, and no pool may overlap any of them:
    /// the kernel would route the same addresses two ways.
    mutating func checkSubnets() {
        let subnets = inventory.servers.flatMap { [$0.ipv4Address, $0.ipv6Address].compactMap { $0 } }
        let lengths = subnets.map(\.length) + inventory.pools.map(\.prefix.length)
        var seen: [(prefix: IPPrefix, owner: String)] = []
        var nodeSubnets: [String: PrefixOverlapIndex] = [:]
        var allSubnets = PrefixOverlapIndex(lengths: lengths)
        for server in inventory.servers {
            for (field, subnet) in [("ipv4_address", server.ipv4Address), ("ipv6_address", server.ipv6Address)] {
                guard let network = subnet?.network else { continue }
                if let position = nodeSubnets[server.node]?.firstOverlapping(network) {
                    let other = seen[position]
                    error(.overlappingSubnets, server.origin, field,
                          "subnet \(network) of server '\(server.name)' overlaps \(other.prefix) of \(other.owner) "
                              + "on node '\(server.node)'", hint: "give each WireGuard server its own subnet")
                }
                nodeSubnets[server.node, default: PrefixOverlapIndex(lengths: lengths)].add(network, position: seen.count)
                allSubnets.add(network, position: seen.count)
                seen.append((network, "server '\(server.name)'"))
            }
        }
        for pool in inventory.pools {
            if let other = allSubnets.firstOverlapping(pool.prefix).map({ seen[$0] }) {
                error(.overlappingSubnets, pool.origin, "prefix",
                      "pool '\(pool.name)' (\(pool.prefix)) overlaps the tunnel subnet \(other.prefix) of \(other.owner)",
                      hint: "tunnel addresses and delegated prefixes must come from different blocks")
            }
        }
    }

    /// Allocations: a known pool and client, inside the pool, a length the pool allows, no overlaps.
    mutating func checkAllocations() {
        let pools = Dictionary(inventory.pools.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let clients = Dictionary(inventory.clients.map { ($0.name, $0.server) }, uniquingKeysWith: { a, _ in a })
        let serverNodes = Dictionary(inventory.servers.map { ($0.name, $0.node) }, uniquingKeysWith: { a, _ in a })
        var placed: [(prefix: IPPrefix, allocation: Int)] = []
        placed.reserveCapacity(inventory.allocations.count)
        var placedPools: [String] = []
        placedPools.reserveCapacity(inventory.allocations.count)
        for (index, allocation) in inventory.allocations.enumerated() {
            if let server = clients[allocation.client] {
                if let pool = pools[allocation.pool], let node = serverNodes[server], !node.isEmpty,
                   !pool.node.isEmpty, node != pool.node {
                    error(.invalidValue, allocation.origin, "client",
                          "client '\(allocation.client)' connects to node '\(node)' but pool '\(pool.name)' is on node "
                              + "'\(pool.node)'", hint: "allocate from a pool of the client's node")
                }
            } else {
                unknownReference(allocation.origin, "client", kind: .wireGuardClient, name: allocation.client)
            }
            guard let pool = pools[allocation.pool] else {
                unknownReference(allocation.origin, "pool", kind: .prefixPool, name: allocation.pool)
                continue
            }
            guard pool.prefix.contains(allocation.prefix) else {
                error(.allocationOutsidePool, allocation.origin, "prefix",
                      "allocation \(allocation.prefix) is outside pool '\(pool.name)' (\(pool.prefix))",
                      hint: "`wgc allocate --pool \(pool.name) --client \(allocation.client)` picks a free prefix")
                continue
            }
            guard (pool.maxPrefixLength...max(pool.maxPrefixLength, pool.minPrefixLength)).contains(allocation.prefix.length)
            else {
                error(.prefixLengthOutOfRange, allocation.origin, "prefix",
                      "allocation \(allocation.prefix) is a /\(allocation.prefix.length); pool '\(pool.name)' allows "
                          + "/\(pool.maxPrefixLength) to /\(pool.minPrefixLength)",
                      hint: "use a length between /\(pool.maxPrefixLength) and /\(pool.minPrefixLength)")
                continue
            }
            placed.append((allocation.prefix, index))
            placedPools.append(pool.name)
        }
        reportOverlaps(placed)
        // Each placed allocation is inside the pool it names; searching every pool for it would cost
        // allocations × pools.
        takenByPool = [:]
        for (entry, pool) in zip(placed, placedPools) {
            takenByPool[pool, default: []].append(entry.prefix)
        }
    }

    /// `placed` holds each allocation's prefix and index in the inventory.
    private mutating func reportOverlaps(_ placed: [(prefix: IPPrefix, allocation: Int)]) {
        let sorted = placed.sorted { $0.prefix < $1.prefix }
        var widest: (prefix: IPPrefix, allocation: Int)?
        for entry in sorted {
            if let previous = widest, previous.prefix.overlaps(entry.prefix) {
                let other = inventory.allocations[previous.allocation]
                error(.overlappingAllocations, inventory.allocations[entry.allocation].origin, "prefix",
                      "\(entry.prefix) overlaps allocation \(other.prefix) for '\(other.client)' "
                          + "(\(other.origin.file):\(other.origin.location("prefix").line))",
                      hint: "allocations never share addresses; `wgc allocate` finds a free prefix")
            }
            if widest == nil || entry.prefix.last > widest!.prefix.last { widest = entry }
        }
    }

    /// LAN interfaces: a known pool of the same node; an explicit prefix inside it, else the lowest free /64.
    mutating func resolveLANPrefixes() {
        let pools = Dictionary(inventory.pools.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for nodeIndex in inventory.nodes.indices {
            let node = inventory.nodes[nodeIndex]
            for lanIndex in node.lanInterfaces.indices {
                let lan = node.lanInterfaces[lanIndex]
                guard let pool = pools[lan.pool] else {
                    unknownReference(lan.origin, "pool", kind: .prefixPool, name: lan.pool)
                    continue
                }
                if pool.node != node.name, !pool.node.isEmpty {
                    error(.invalidValue, lan.origin, "pool",
                          "pool '\(pool.name)' belongs to node '\(pool.node)', not '\(node.name)'")
                    continue
                }
                let taken = takenByPool[pool.name] ?? []
                if let prefix = lan.prefix {
                    guard pool.prefix.contains(prefix) else {
                        error(.allocationOutsidePool, lan.origin, "prefix",
                              "LAN prefix \(prefix) is outside pool '\(pool.name)' (\(pool.prefix))")
                        continue
                    }
                    if let clash = taken.first(where: { $0.overlaps(prefix) }) {
                        error(.overlappingAllocations, lan.origin, "prefix",
                              "LAN prefix \(prefix) of \(node.name)/\(lan.name) overlaps allocation \(clash)")
                        continue
                    }
                    if prefix.length != 64 {
                        warning(.prefixLengthOutOfRange, lan.origin, "prefix",
                                "LAN prefix \(prefix) is not a /64: hosts cannot use SLAAC on it",
                                hint: "router advertisements for autoconfiguration need a /64")
                    }
                } else {
                    guard pool.prefix.length <= 64,
                          let free = PoolAllocator.firstFree(in: pool.prefix, length: 64, taken: taken) else {
                        error(.poolExhausted, lan.origin, "pool",
                              "pool '\(pool.name)' has no free /64 for LAN interface \(node.name)/\(lan.name)",
                              hint: "set `prefix:` explicitly or widen the pool")
                        continue
                    }
                    inventory.nodes[nodeIndex].lanInterfaces[lanIndex].prefix = free
                }
                takenByPool[pool.name, default: []].append(inventory.nodes[nodeIndex].lanInterfaces[lanIndex].prefix!)
            }
        }
    }

    /// Warns about pools that have no free default-length block left.
    mutating func checkPoolUsage() {
        for pool in inventory.pools {
            if let warning = Self.exhaustion(of: pool, taken: takenByPool[pool.name] ?? []) {
                diagnostics.append(warning)
            }
        }
    }

    /// The warning that `pool`, where `taken` is taken, has no free default-length block left.
    static func exhaustion(of pool: PrefixPool, taken: [IPPrefix]) -> Diagnostic? {
        guard !taken.isEmpty,
              PoolAllocator.firstFree(in: pool.prefix, length: pool.maxPrefixLength, taken: taken) == nil else {
            return nil
        }
        let usage = PoolAllocator.usage(of: pool, taken: taken)
        return .warning(.poolExhausted, at: pool.origin.location("prefix"),
                        "pool '\(pool.name)' has no free /\(pool.maxPrefixLength) left (\(usage.used) of "
                            + "\(usage.capacity) used)",
                        hint: "add a pool or release unused allocations")
    }
}
