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

    /// Appends the resources of `part` (one file's worth, or a part of one file's documents) after this
    /// inventory's own.
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
