extension InventoryCompiler {
    /// The wg-quick config of the client `name` in `inventory` (a validated one), byte for byte the
    /// `clients/<name>.conf` that `emit` writes for an active client. Without `privateKey` the config holds a
    /// placeholder for the client's private key, as compiled files do. Nil when there is no such client, or its
    /// server or the server's node is missing (which a validated inventory rules out).
    public static func clientConfig(named name: String, in inventory: Inventory, privateKey: String? = nil)
        -> String? {
        guard let client = inventory.clients.first(where: { $0.name == name }),
              let server = inventory.servers.first(where: { $0.name == client.server }),
              let node = inventory.nodes.first(where: { $0.name == server.node })
        else { return nil }
        let delegated = inventory.allocations.filter { $0.client == name }.map(\.prefix).sorted()
        return WireGuardEmitter.clientConfig(client, server: server, node: node, delegated: delegated,
                                             privateKey: privateKey)
    }
}
