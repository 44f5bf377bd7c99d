/// Where generated configs expect the router's secrets. Secrets never enter the inventory or the output;
/// the configs reference files the operator (or the agent) places on the router.
public struct CompileOptions: Sendable, Hashable {
    /// Holds `<interface>.key`, each WireGuard server's private key.
    public var keyDirectory: String
    /// Holds `bgp/<password_secret>.conf`, each with one `password "…";` line for BIRD.
    public var secretDirectory: String

    /// Whether each client's own config is written (`clients/<name>.conf`). A router applying its part needs
    /// none of them.
    public var emitsClientConfigs = true
    /// Only the files a router's agent puts in place itself: `bird.conf` and `radvd.conf` (so no client configs
    /// either). The agent takes the WireGuard peers from the model; the wg-quick configs, `allocations.json` and
    /// the manifest are for people and other tools. Rendering them was 16 of the 41 ms the agent took to compile
    /// a one-client change of a 5,000-client node.
    public var routerFilesOnly = false
    /// Only these nodes' files are written; nil for every node. Validation always covers the whole inventory.
    public var nodes: Set<String>?

    public init(keyDirectory: String = "/etc/wireguard", secretDirectory: String = "/etc/wgc/secrets") {
        self.keyDirectory = keyDirectory
        self.secretDirectory = secretDirectory
    }
}

/// One generated file, with its path relative to the output folder.
public struct CompiledFile: Sendable, Hashable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
