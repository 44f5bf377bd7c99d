/// The whole network as the inventory describes it, after loading and before or after validation.
public struct Inventory: Sendable {
    public var nodes: [Node] = []
    public var servers: [WireGuardServer] = []
    public var clients: [WireGuardClient] = []
    public var pools: [PrefixPool] = []
    public var allocations: [Allocation] = []
    public var whitelist: [WhitelistEntry] = []
    public var sessions: [BGPSession] = []
    public var announcements: [BGPAnnouncement] = []
    /// Validated ROA payloads from `rpki/*.json` and `--vrps`.
    public var vrps: VRPSet = VRPSet()
    /// The VRPs of the repository's own `rpki/` folder, which BIRD gets when a node names no RTR server.
    public var repositoryVRPs: [VRP] = []
    /// Resources that exist but failed to load, as `Kind:name` (`*:name` when even the kind was wrong).
    /// References to them are not reported again as unknown: the first error is the one to fix.
    public var brokenResources: Set<String> = []
    /// A YAML file failed to parse, so any reference may point into it: unknown references are not reported.
    public var hasUnparsableFiles = false
    /// A VRP entry failed to parse, so "not found" is not a reliable answer.
    public var hasBrokenVRPs = false
    /// SHA-256 over every source file's path and bytes, hex.
    public var digest: String = ""

    public init() {}

    /// Appends the resources of `part` (one file's worth) after this inventory's own.
    mutating func absorb(_ part: Inventory) {
        nodes += part.nodes
        servers += part.servers
        clients += part.clients
        pools += part.pools
        allocations += part.allocations
        whitelist += part.whitelist
        sessions += part.sessions
        announcements += part.announcements
        brokenResources.formUnion(part.brokenResources)
        hasUnparsableFiles = hasUnparsableFiles || part.hasUnparsableFiles
    }

    /// Whether a reference to `name` of `kind` may be to a resource that failed to load.
    func mayBeBroken(_ kind: ResourceKind, _ name: String) -> Bool {
        hasUnparsableFiles || brokenResources.contains("\(kind.rawValue):\(name)") || brokenResources.contains("*:\(name)")
    }

    /// Whether some resource of `kind` failed to load.
    func hasBroken(_ kind: ResourceKind) -> Bool {
        hasUnparsableFiles || brokenResources.contains { $0.hasPrefix(kind.rawValue + ":") || $0.hasPrefix("*:") }
    }
}

/// The kinds of resource an inventory document can be.
public enum ResourceKind: String, Sendable, CaseIterable {
    case node = "Node"
    case wireGuardServer = "WireGuardServer"
    case wireGuardClient = "WireGuardClient"
    case prefixPool = "PrefixPool"
    case allocation = "Allocation"
    case whitelist = "Whitelist"
    case bgpSession = "BGPSession"
    case bgpAnnouncement = "BGPAnnouncement"

    /// Field names each kind accepts, besides `kind`, `id`, `name` and `description`.
    var fields: [String] {
        switch self {
        case .node: ["router_id", "asn", "endpoint", "lan_interfaces", "rtr_servers"]
        case .wireGuardServer:
            ["node", "interface", "listen_port", "ipv4_address", "ipv6_address", "dns_servers", "mtu",
             "public_key", "is_active"]
        case .wireGuardClient:
            ["server", "public_key", "preshared_key_file", "ipv4_address", "ipv6_address", "allowed_ips",
             "persistent_keepalive", "dns_servers", "mtu", "is_active", "private_key"]
        case .prefixPool:
            ["node", "prefix", "max_prefix_length", "min_prefix_length", "auto_announce_bgp", "status"]
        case .allocation: ["pool", "prefix", "client", "auto_announce"]
        case .whitelist: ["pool", "prefix"]
        case .bgpSession:
            ["node", "neighbor", "remote_as", "hold_time", "password", "password_secret", "enabled",
             "max_prefixes", "max_prefix_action", "source_address", "multihop", "accept_default"]
        case .bgpAnnouncement: ["node", "prefix", "asn", "next_hop", "session", "enabled"]
        }
    }

    /// How the kind is named in messages.
    public var displayName: String {
        switch self {
        case .node: "node"
        case .wireGuardServer: "WireGuard server"
        case .wireGuardClient: "WireGuard client"
        case .prefixPool: "prefix pool"
        case .allocation: "allocation"
        case .whitelist: "whitelist entry"
        case .bgpSession: "BGP session"
        case .bgpAnnouncement: "BGP announcement"
        }
    }

    /// Every field a document of this kind may have.
    var allowedFields: [String] { ["kind", "id", "name", "description"] + fields }

    /// Whether documents of this kind are identified by `name` (else by `prefix`).
    var isNamed: Bool { self != .allocation && self != .whitelist }
}
