/// WireGuard: the node's servers (interfaces) and their clients (peers).
extension NodeComparison {
    mutating func compareWireGuard() {
        let servers = sides(\.servers)
        plan.interfaces = ObjectDifference.compare(servers.before, servers.after, key: \.name, fields: Self.fields)
            .filter { $0.change != .unchanged }
            .map { InterfaceChange(server: $0.key, interface: ($0.after ?? $0.before)!.interface, change: $0.change,
                                   fields: $0.fields) }
        let clients = sides(\.clients)
        let (old, new) = (before, after)
        let differences = ObjectDifference.compare(
            clients.before, clients.after, key: \.name,
            beforeFields: { Self.fields($0, delegated: old?.delegated[$0.name] ?? []) },
            afterFields: { Self.fields($0, delegated: new?.delegated[$0.name] ?? []) })
        plan.peers = differences.filter { $0.change != .unchanged }.map { difference in
            let client = (difference.after ?? difference.before)!
            let state = difference.after == nil ? old! : new!
            return PeerChange(client: difference.key, server: client.server,
                              interface: state.server(named: client.server)?.interface ?? "",
                              change: difference.change, fields: difference.fields)
        }
    }

    static func fields(_ server: WireGuardServer) -> FieldList {
        var list = FieldList()
        list.add("interface", server.interface)
        list.add("listen_port", server.listenPort)
        list.add("ipv4_address", server.ipv4Address)
        list.add("ipv6_address", server.ipv6Address)
        list.add("mtu", server.mtu, usual: 1420)
        list.add("dns_servers", addresses: server.dnsServers)
        list.add("public_key", server.publicKey)
        list.add("is_active", server.isActive, usual: true)
        list.add("description", server.description)
        return list
    }

    static func fields(_ client: WireGuardClient, delegated: [IPPrefix]) -> FieldList {
        var list = FieldList()
        list.add("server", client.server)
        list.add("public_key", client.publicKey)
        list.add("ipv4_address", client.ipv4Address)
        list.add("ipv6_address", client.ipv6Address)
        list.add("delegated_prefixes", prefixes: delegated)
        list.add("allowed_ips", prefixes: client.allowedIPs)
        list.add("persistent_keepalive", client.persistentKeepalive)
        list.add("preshared_key_file", client.presharedKeyFile)
        list.add("dns_servers", addresses: client.dnsServers)
        list.add("mtu", client.mtu)
        list.add("is_active", client.isActive, usual: true)
        list.add("description", client.description)
        return list
    }
}
