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
        publicKeysOfServers = keys
    }

    /// Clients: a known server, addresses inside its subnets and unique, distinct keys; unpinned ones get
    /// the next free address of the server's subnet, with a warning so that it can be pinned.
    mutating func checkClients() {
        let serverIndex = Dictionary(inventory.servers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var keys = publicKeysOfServers
        var used: [String: [UInt128: String]] = [:]  // node + family → address → owner
        for server in inventory.servers {
            for subnet in [server.ipv4Address, server.ipv6Address].compactMap({ $0 }) {
                used[usageKey(server.node, subnet.family), default: [:]][subnet.address.value] = "server '\(server.name)'"
            }
        }
        var unpinned: [Int] = []
        for index in inventory.clients.indices {
            let client = inventory.clients[index]
            if let key = client.publicKey {
                if let other = keys[key] {
                    error(.duplicatePublicKey, client.origin, "public_key", "public key is already used by \(other)",
                          hint: "every peer needs its own key pair: WireGuard routes by public key")
                } else {
                    keys[key] = "client '\(client.name)'"
                }
            }
            guard let serverPosition = serverIndex[client.server] else {
                unknownReference(client.origin, "server", kind: .wireGuardServer, name: client.server,
                                 known: inventory.servers.map(\.name))
                continue
            }
            let server = inventory.servers[serverPosition]
            var needsAddress = false
            for (field, address, subnet) in [("ipv4_address", client.ipv4Address, server.ipv4Address),
                                             ("ipv6_address", client.ipv6Address, server.ipv6Address)] {
                guard let address else {
                    if subnet != nil { needsAddress = true }
                    continue
                }
                guard address.length == address.family.bitWidth else {
                    error(.invalidPrefix, client.origin, field, "client address \(address) must be a single host "
                              + "(/\(address.family.bitWidth))",
                          hint: "write \(address.address)/\(address.family.bitWidth)")
                    continue
                }
                guard let subnet else {
                    error(.addressOutsideSubnet, client.origin, field, "server '\(server.name)' has no IPv"
                              + "\(address.family.rawValue) subnet for \(address)",
                          hint: "add \(field) to the server or remove it from the client")
                    continue
                }
                guard subnet.contains(address.address) else {
                    error(.addressOutsideSubnet, client.origin, field,
                          "\(address.address) is outside server '\(server.name)''s subnet \(subnet.network)",
                          hint: "pick an address inside \(subnet.network)")
                    continue
                }
                let key = usageKey(server.node, address.family)
                if let owner = used[key]?[address.address.value] {
                    error(.duplicateAddress, client.origin, field, "\(address.address) is already used by \(owner)")
                } else {
                    used[key, default: [:]][address.address.value] = "client '\(client.name)'"
                }
            }
            if needsAddress { unpinned.append(index) }
        }
        for index in unpinned {
            assignAddresses(to: index, server: inventory.servers[serverIndex[inventory.clients[index].server]!],
                            used: &used)
        }
    }

    private func usageKey(_ node: String, _ family: IPAddress.Family) -> String { "\(node)/\(family.rawValue)" }

    private mutating func assignAddresses(to index: Int, server: WireGuardServer, used: inout [String: [UInt128: String]]) {
        let client = inventory.clients[index]
        for (field, subnet) in [("ipv4_address", server.ipv4Address), ("ipv6_address", server.ipv6Address)] {
            guard let subnet else { continue }
            if field == "ipv4_address", client.ipv4Address != nil { continue }
            if field == "ipv6_address", client.ipv6Address != nil { continue }
            let key = usageKey(server.node, subnet.family)
            let first = subnet.first + 1
            let last = subnet.family == .v4 && subnet.length < 31 ? subnet.last - 1 : subnet.last
            var candidate = first
            var found: UInt128?
            var scanned = 0
            while candidate <= last, scanned < 1_000_000 {
                if used[key]?[candidate] == nil {
                    found = candidate
                    break
                }
                candidate += 1
                scanned += 1
            }
            guard let found else {
                error(.subnetExhausted, client.origin, nil, "server '\(server.name)''s subnet \(subnet.network) "
                          + "has no free address for client '\(client.name)'",
                      hint: "widen the server's subnet or remove unused clients")
                continue
            }
            used[key, default: [:]][found] = "client '\(client.name)'"
            let host = IPPrefix(address: IPAddress(family: subnet.family, value: found), length: subnet.family.bitWidth)
            if subnet.family == .v4 { inventory.clients[index].ipv4Address = host } else { inventory.clients[index].ipv6Address = host }
            warning(.unpinnedAddress, client.origin, nil, "client '\(client.name)' has no \(field); it gets \(host), "
                        + "which may change when clients are added",
                    hint: "pin it: `\(field): \(host)`")
        }
    }
}
