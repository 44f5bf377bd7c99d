extension InventoryCompiler {
    /// What `node` runs in `inventory` (a validated one), from the files `emit` made for it (`files` may hold
    /// other nodes' files too). Nil when there is no such node.
    public static func routerConfiguration(of node: String, inventory: Inventory, files: [CompiledFile])
        -> RouterConfiguration? {
        guard inventory.nodes.contains(where: { $0.name == node }) else { return nil }
        let shared = SharedEmitState(inventory)
        let servers = inventory.servers.filter { $0.node == node && $0.isActive }.sorted { $0.name < $1.name }
        let interfaces = servers.map { server in
            // Indices, not copies of 5,000 clients: each peer reads only its client's few fields.
            let clients = shared.clientsByServer[server.name] ?? []
            return RouterInterface(
                name: server.interface, server: server.name, listenPort: server.listenPort, mtu: server.mtu,
                addresses: [server.ipv4Address, server.ipv6Address].compactMap { $0 }, publicKey: server.publicKey,
                peers: clients.parallelParts { part in
                    part.compactMap { peer(of: inventory.clients[$0], delegated: shared.delegated) }
                }.flatMap { $0 })
        }
        var sessions: [String: RouterSession] = [:]
        for session in inventory.sessions where session.node == node {
            sessions[BIRDEmitter.protocolName(session)] = RouterSession(
                name: session.name, neighbor: session.neighbor, remoteAS: session.remoteAS, enabled: session.enabled)
        }
        let contents = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        return RouterConfiguration(node: node, interfaces: interfaces, sessions: sessions,
                                   birdConfig: contents[node + "/bird.conf"] ?? "",
                                   radvdConfig: contents[node + "/radvd.conf"])
    }

    /// The `[Peer]` wg0.conf has for `client` (none without a public key), with the same allowed IPs in order.
    private static func peer(of client: borrowing WireGuardClient, delegated: [String: [IPPrefix]]) -> RouterPeer? {
        guard let key = client.publicKey else { return nil }
        let delegated = delegated[client.name] ?? []
        return RouterPeer(client: client.name, publicKey: key, presharedKeyFile: client.presharedKeyFile,
                          allowedIPs: [client.ipv4Address, client.ipv6Address].compactMap { $0 } + delegated,
                          delegated: delegated, persistentKeepalive: max(0, client.persistentKeepalive ?? 0))
    }
}
