/// The result of checking an inventory: the resolved model and every diagnostic found.
public struct CheckedInventory: Sendable {
    public var inventory: Inventory
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// Whether the inventory may be compiled: no errors, and no warnings either when `strict`.
    public func isValid(strict: Bool) -> Bool {
        strict ? diagnostics.isEmpty : !hasErrors
    }
}

/// The compiler's entry points: load and validate an inventory, then emit every node's configs.
/// Pure: the same files in give the same diagnostics and byte-identical files out.
public enum InventoryCompiler {
    /// Loads and validates the inventory of `source`; `extraVRPs` are validator exports given on the command line.
    public static func check(_ source: some InventorySource, extraVRPs: [SourceFile] = []) throws -> CheckedInventory {
        check(files: try source.inventoryFiles(), extraVRPs: extraVRPs)
    }

    public static func check(files: [SourceFile], extraVRPs: [SourceFile] = []) -> CheckedInventory {
        LoadedInventory(files: files, extraVRPs: extraVRPs).checked()
    }

    /// Every generated file of every node, paths relative to the output folder, grouped by node in name order.
    /// Nodes are emitted in parallel; each node's files are a pure function of the inventory.
    public static func emit(_ inventory: Inventory, options: CompileOptions = CompileOptions()) -> [CompiledFile] {
        let emitter = NodeEmitter(inventory, options: options)
        return Array(0..<emitter.count).parallelMap { emitter.files(ofNode: $0) }.flatMap { $0 }
    }

    /// Emits one node at a time, for callers that write each node's files as soon as they exist.
    public struct NodeEmitter: Sendable {
        let inventory: Inventory
        let nodes: [Node]
        let shared: SharedEmitState
        let options: CompileOptions

        public init(_ inventory: Inventory, options: CompileOptions = CompileOptions()) {
            self.inventory = inventory
            self.nodes = inventory.nodes.filter { options.nodes?.contains($0.name) ?? true }.sorted { $0.name < $1.name }
            self.shared = SharedEmitState(inventory)
            self.options = options
        }

        /// Nodes, in name order.
        public var count: Int { nodes.count }

        public func files(ofNode index: Int) -> [CompiledFile] {
            InventoryCompiler.emit(node: nodes[index], inventory: inventory, shared: shared, options: options)
        }
    }

    /// What every node's emitter looks up, computed once: clients by server, delegated prefixes by client.
    /// Clients are held as indices into the inventory: each node copies only its own, in parallel.
    struct SharedEmitState: Sendable {
        var clientsByServer: [String: [Int]] = [:]
        var delegated: [String: [IPPrefix]] = [:]

        init(_ inventory: Inventory) {
            let clients = inventory.clients
            for index in clients.indices where clients[index].isActive {
                clientsByServer[clients[index].server, default: []].append(index)
            }
            for index in clientsByServer.values.indices {
                clientsByServer.values[index].sort { clients[$0].name < clients[$1].name }
            }
            for allocation in inventory.allocations {
                delegated[allocation.client, default: []].append(allocation.prefix)
            }
            for index in delegated.values.indices where delegated.values[index].count > 1 {
                delegated.values[index].sort()
            }
        }
    }

    static func emit(node: Node, inventory: Inventory, shared: SharedEmitState, options: CompileOptions) -> [CompiledFile] {
        let base = node.name + "/"
        var files: [CompiledFile] = []
        let servers = inventory.servers.filter { $0.node == node.name && $0.isActive }.sorted { $0.name < $1.name }
        for server in servers where !options.routerFilesOnly {
            let clients = (shared.clientsByServer[server.name] ?? []).map { inventory.clients[$0] }
            files.reserveCapacity(files.count + clients.count + 1)
            files.append(CompiledFile(path: base + "wireguard/\(server.interface).conf",
                                      contents: WireGuardEmitter.serverConfig(server, clients: clients,
                                                                              delegated: shared.delegated,
                                                                              options: options)))
            guard options.emitsClientConfigs else { continue }
            let common = WireGuardEmitter.ClientCommon(server: server, node: node)
            let folder = base + "clients/"
            for client in clients {
                files.append(CompiledFile(path: folder + client.name + ".conf",
                                          contents: WireGuardEmitter.clientConfig(
                                              client, common: common, delegated: shared.delegated[client.name] ?? [])))
            }
        }
        files.append(CompiledFile(path: base + "bird.conf",
                                  contents: BIRDEmitter(node: node, inventory: inventory, options: options).render()))
        if let radvd = RadvdEmitter.config(node) {
            files.append(CompiledFile(path: base + "radvd.conf", contents: radvd))
        }
        guard !options.routerFilesOnly else { return files.sorted { $0.path < $1.path } }
        files.append(CompiledFile(path: base + "allocations.json",
                                  contents: AllocationsEmitter.render(node: node, inventory: inventory)))
        files.sort { $0.path < $1.path }
        files.append(CompiledFile(path: base + "manifest.json",
                                  contents: ManifestEmitter.render(node: node.name, digest: inventory.digest,
                                                                   files: files, prefix: base)))
        return files
    }
}
