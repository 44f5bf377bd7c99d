extension Validator {
    /// Servers: one listen port and one interface name per node, sane subnets, distinct public keys.
    mutating func checkServers() {
        var ports: [String: [Int: String]] = [:]
        var interfaces: [String: [String: String]] = [:]
        for node in inventory.nodes {
            for lan in node.lanInterfaces { interfaces[node.name, default: [:]][lan.name] = "LAN interface" }
        }
        var keys: [String: String] = [:]
        for server in inventory.servers {
            let node = server.node
            if !node.isEmpty {
                if let other = ports[node]?[server.listenPort] {
                    error(.duplicateListenPort, server.origin, "listen_port",
                          "listen port \(server.listenPort) on node '\(node)' is already used by server '\(other)'",
                          hint: "give each WireGuard server of a node its own UDP port")
                } else {
                    ports[node, default: [:]][server.listenPort] = server.name
                }
                if let other = interfaces[node]?[server.interface] {
                    error(.duplicateInterface, server.origin, "interface",
                          "interface '\(server.interface)' on node '\(node)' is already used by \(other)",
                          hint: "give each server its own interface name (wg0, wg1, …)")
                } else {
                    interfaces[node, default: [:]][server.interface] = "server '\(server.name)'"
                }
            }
            for (field, subnet) in [("ipv4_address", server.ipv4Address), ("ipv6_address", server.ipv6Address)] {
                guard let subnet else { continue }
                if subnet.family == .v4, subnet.length < 31,
                   subnet.address.value == subnet.first || subnet.address.value == subnet.last {
                    error(.invalidAddress, server.origin, field,
                          "\(subnet) is the network or broadcast address of its subnet, not a host address",
                          hint: "use a host address such as \(IPPrefix(address: IPAddress(family: .v4, value: subnet.first + 1), length: subnet.length))")
                }
            }
            if let key = server.publicKey {
                if let other = keys[key] {
                    error(.duplicatePublicKey, server.origin, "public_key", "public key is already used by \(other)")
                } else {
                    keys[key] = "server '\(server.name)'"
                }
            }
        }
    }

    /// Who holds an address or key; rendered into words only when a diagnostic needs it.
    enum Holder {
        case server(Int)
        case client(Int)
    }

    func describe(_ holder: Holder) -> String {
        switch holder {
        case .server(let index): "server '\(inventory.servers[index].name)'"
        case .client(let index): "client '\(inventory.clients[index].name)'"
        }
    }

    /// Clients: a known server, addresses inside its subnets and unique per node, distinct keys; unpinned ones
    /// get the next free address of the server's subnet, with a warning so that it can be pinned.
    mutating func checkClients() {
        let serverIndex = Dictionary(inventory.servers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var keys: [String: Holder] = [:]
        keys.reserveCapacity(inventory.clients.count + inventory.servers.count)
        for (index, server) in inventory.servers.enumerated() {
            if let key = server.publicKey { keys[key] = .server(index) }
        }
        // One address space per node and family; each server knows the indices of its two spaces.
        var spaceIndex: [AddressSpace: Int] = [:]
        var spaces: [[UInt128: Holder]] = []
        var serverSpaces: [(v4: Int, v6: Int)] = []
        for (index, server) in inventory.servers.enumerated() {
            func space(_ family: IPAddress.Family) -> Int {
                let key = AddressSpace(node: server.node, family: family)
                if let existing = spaceIndex[key] { return existing }
                spaces.append([:])
                spaceIndex[key] = spaces.count - 1
                return spaces.count - 1
            }
            serverSpaces.append((space(.v4), space(.v6)))
            for subnet in [server.ipv4Address, server.ipv6Address].compactMap({ $0 }) {
                spaces[subnet.family == .v4 ? serverSpaces[index].v4 : serverSpaces[index].v6][subnet.address.value] =
                    .server(index)
            }
        }
        var unpinned: [(client: Int, server: Int)] = []
        // Fields are read in place: copying ten thousand client structs would cost more than checking them.
        let clients = inventory.clients
        for index in clients.indices {
            if let key = clients[index].publicKey {
                if let other = keys[key] {
                    error(.duplicatePublicKey, clients[index].origin, "public_key",
                          "public key is already used by \(describe(other))",
                          hint: "every peer needs its own key pair: WireGuard routes by public key")
                } else {
                    keys[key] = .client(index)
                }
            }
            guard let serverPosition = serverIndex[clients[index].server] else {
                unknownReference(clients[index].origin, "server", kind: .wireGuardServer,
                                 name: clients[index].server)
                continue
            }
            let missing4 = checkClientAddress(clients, index, "ipv4_address", clients[index].ipv4Address, serverPosition,
                                              inventory.servers[serverPosition].ipv4Address,
                                              &spaces[serverSpaces[serverPosition].v4])
            let missing6 = checkClientAddress(clients, index, "ipv6_address", clients[index].ipv6Address, serverPosition,
                                              inventory.servers[serverPosition].ipv6Address,
                                              &spaces[serverSpaces[serverPosition].v6])
            if missing4 || missing6 { unpinned.append((index, serverPosition)) }
        }
        // Spaces only fill up from here on, so each subnet's search resumes where the previous one stopped
        // rather than rescanning every address taken so far.
        var searches: [FreeAddressSearch: FreeAddressSearch.Progress] = [:]
        for (client, position) in unpinned {
            let server = inventory.servers[position]
            if inventory.clients[client].ipv4Address == nil, let subnet = server.ipv4Address {
                let space = serverSpaces[position].v4
                inventory.clients[client].ipv4Address = nextFree(in: subnet, for: client, server: server,
                                                                 used: &spaces[space],
                                                                 from: &searches[FreeAddressSearch(space, subnet)])
            }
            if inventory.clients[client].ipv6Address == nil, let subnet = server.ipv6Address {
                let space = serverSpaces[position].v6
                inventory.clients[client].ipv6Address = nextFree(in: subnet, for: client, server: server,
                                                                 used: &spaces[space],
                                                                 from: &searches[FreeAddressSearch(space, subnet)])
            }
        }
    }

    /// A subnet of an address space being searched for free addresses.
    struct FreeAddressSearch: Hashable {
        var space: Int
        var subnet: IPPrefix

        init(_ space: Int, _ subnet: IPPrefix) {
            self.space = space
            self.subnet = subnet
        }

        /// The first address not yet known to be taken, and how many taken ones were passed to reach it.
        struct Progress {
            var candidate: UInt128
            var scanned: Int
        }
    }

    /// Checks one of a client's addresses against the server's subnet; true when it is missing and the subnet
    /// exists, so one must be assigned.
    private mutating func checkClientAddress(_ clients: [WireGuardClient], _ index: Int, _ field: String,
                                             _ address: IPPrefix?, _ serverIndex: Int, _ subnet: IPPrefix?,
                                             _ used: inout [UInt128: Holder]) -> Bool {
        guard let address else { return subnet != nil }
        // Read in place, only when a diagnostic needs them: copying a client struct per address is measurable.
        var origin: Origin { clients[index].origin }
        var serverName: String { inventory.servers[serverIndex].name }
        guard address.length == address.family.bitWidth else {
            error(.invalidPrefix, origin, field, "client address \(address) must be a single host "
                      + "(/\(address.family.bitWidth))",
                  hint: "write \(address.address)/\(address.family.bitWidth)")
            return false
        }
        guard let subnet else {
            error(.addressOutsideSubnet, origin, field, "server '\(serverName)' has no IPv"
                      + "\(address.family.rawValue) subnet for \(address)",
                  hint: "add \(field) to the server or remove it from the client")
            return false
        }
        guard subnet.contains(address.address) else {
            error(.addressOutsideSubnet, origin, field,
                  "\(address.address) is outside server '\(serverName)''s subnet \(subnet.network)",
                  hint: "pick an address inside \(subnet.network)")
            return false
        }
        if subnet.family == .v4, subnet.length < 31,
           address.address.value == subnet.first || address.address.value == subnet.last {
            error(.invalidAddress, origin, field,
                  "\(address.address) is the network or broadcast address of \(subnet.network), not a host address")
            return false
        }
        if let owner = used[address.address.value] {
            error(.duplicateAddress, origin, field, "\(address.address) is already used by \(describe(owner))")
        } else {
            used[address.address.value] = .client(index)
        }
        return false
    }

    /// Addresses must be unique per node and family.
    struct AddressSpace: Hashable {
        var node: String
        var family: IPAddress.Family
    }

    /// The lowest free host address of `subnet`, searched from `progress` (the start of the subnet when nil), which
    /// is left where the search stopped; at most a million taken addresses are passed.
    private mutating func nextFree(in subnet: IPPrefix, for index: Int, server: WireGuardServer,
                                   used: inout [UInt128: Holder], from progress: inout FreeAddressSearch.Progress?)
        -> IPPrefix? {
        let client = inventory.clients[index]
        let field = subnet.family == .v4 ? "ipv4_address" : "ipv6_address"
        let last = subnet.family == .v4 && subnet.length < 31 ? subnet.last - 1 : subnet.last
        var candidate = progress?.candidate ?? subnet.first + 1
        var scanned = progress?.scanned ?? 0
        defer { progress = FreeAddressSearch.Progress(candidate: candidate, scanned: scanned) }
        while candidate <= last, scanned < 1_000_000, used[candidate] != nil {
            candidate += 1
            scanned += 1
        }
        guard candidate <= last, used[candidate] == nil else {
            error(.subnetExhausted, client.origin, nil, "server '\(server.name)''s subnet \(subnet.network) "
                      + "has no free address for client '\(client.name)'",
                  hint: "widen the server's subnet or remove unused clients")
            return nil
        }
        used[candidate] = .client(index)
        let host = IPPrefix(address: IPAddress(family: subnet.family, value: candidate), length: subnet.family.bitWidth)
        warning(.unpinnedAddress, client.origin, nil, "client '\(client.name)' has no \(field); it gets \(host), "
                    + "which may change when clients are added",
                hint: "pin it: `\(field): \(host)`")
        return host
    }
}
