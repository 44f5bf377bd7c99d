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

    /// Field names each kind accepts, besides `kind`, `id`, `name` and `description`, in the order documents list them.
    public var fields: [String] {
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
             "max_prefixes", "max_prefix_action", "source_address", "multihop", "accept_default", "route_server"]
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
    var allowedFields: [String] { Self.allowedFieldsByKind[self] ?? [] }

    /// Built once: every document of the inventory asks for its kind's list.
    private static let allowedFieldsByKind: [ResourceKind: [String]] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, ["kind", "id", "name", "description"] + $0.fields) })

}
