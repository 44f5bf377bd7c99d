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
        check(files: try source.files(), extraVRPs: extraVRPs)
    }

    public static func check(files: [SourceFile], extraVRPs: [SourceFile] = []) -> CheckedInventory {
        let (loaded, loadDiagnostics) = InventoryLoader.load(files, extraVRPs: extraVRPs)
        let (validated, validationDiagnostics) = Validator.validate(loaded)
        return CheckedInventory(inventory: validated, diagnostics: (loadDiagnostics + validationDiagnostics).sortedForDisplay())
    }

    /// Every generated file of every node, paths relative to the output folder, in path order.
    public static func emit(_ inventory: Inventory, options: CompileOptions = CompileOptions()) -> [CompiledFile] {
        inventory.nodes.sorted { $0.name < $1.name }.flatMap { emit(node: $0, inventory: inventory, options: options) }
    }

    static func emit(node: Node, inventory: Inventory, options: CompileOptions) -> [CompiledFile] {
        let base = node.name + "/"
        var files: [CompiledFile] = []
        let servers = inventory.servers.filter { $0.node == node.name && $0.isActive }.sorted { $0.name < $1.name }
        var clientsByServer: [String: [WireGuardClient]] = [:]
        for client in inventory.clients where client.isActive { clientsByServer[client.server, default: []].append(client) }
        var delegated: [String: [IPPrefix]] = [:]
        for allocation in inventory.allocations { delegated[allocation.client, default: []].append(allocation.prefix) }
        for key in delegated.keys { delegated[key]!.sort() }
        for server in servers {
            let clients = (clientsByServer[server.name] ?? []).sorted { $0.name < $1.name }
            files.append(CompiledFile(path: base + "wireguard/\(server.interface).conf",
                                      contents: WireGuardEmitter.serverConfig(server, clients: clients,
                                                                              delegated: delegated, options: options)))
            for client in clients {
                files.append(CompiledFile(path: base + "clients/\(client.name).conf",
                                          contents: WireGuardEmitter.clientConfig(client, server: server, node: node)))
            }
        }
        files.append(CompiledFile(path: base + "bird.conf",
                                  contents: BIRDEmitter(node: node, inventory: inventory, options: options).render()))
        if let radvd = RadvdEmitter.config(node) {
            files.append(CompiledFile(path: base + "radvd.conf", contents: radvd))
        }
        files.append(CompiledFile(path: base + "allocations.json",
                                  contents: AllocationsEmitter.render(node: node, inventory: inventory)))
        files.sort { $0.path < $1.path }
        files.append(CompiledFile(path: base + "manifest.json",
                                  contents: ManifestEmitter.render(node: node.name, digest: inventory.digest,
                                                                   files: files, prefix: base)))
        return files
    }
}
