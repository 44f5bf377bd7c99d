/// A change that interrupts service when applied: a session drops, clients are cut off, a customer loses
/// addresses. Plans list these first; `code` is stable, for scripts and the API.
public struct Disruption: Sendable, Codable, Equatable {
    public var code: Code
    public var node: String
    public var object: PlanObject
    /// What happens, and why it is disruptive.
    public var message: String

    public init(code: Code, node: String, object: PlanObject, message: String) {
        self.code = code
        self.node = node
        self.object = object
        self.message = message
    }

    /// The stable identifier of a kind of disruption. Raw values never change once released.
    public enum Code: String, Sendable, Codable, Equatable, CaseIterable {
        case nodeRemoved = "node-removed"
        case nodeASNChanged = "node-asn-changed"
        case endpointChanged = "endpoint-changed"
        case interfaceRemoved = "interface-removed"
        case interfacePortChanged = "interface-port-changed"
        case interfaceKeyChanged = "interface-key-changed"
        case peerKeyChanged = "peer-key-changed"
        case peerMoved = "peer-moved"
        case sessionRemoved = "session-removed"
        case sessionDisabled = "session-disabled"
        case sessionNeighborChanged = "session-neighbor-changed"
        case sessionRemoteASChanged = "session-remote-as-changed"
        case allocationReleased = "allocation-released"
        case allocationMoved = "allocation-moved"
        case allocationReassigned = "allocation-reassigned"
        case lanRemoved = "lan-removed"
        case lanPrefixChanged = "lan-prefix-changed"
    }
}

/// The object a disruption is about: its kind and its name (an allocation's name is its prefix).
public struct PlanObject: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        case node
        case wireGuardInterface = "wireguard_interface"
        case wireGuardPeer = "wireguard_peer"
        case bgpSession = "bgp_session"
        case allocation
        case lanInterface = "lan_interface"

        /// How the kind is named in messages.
        public var displayName: String {
            switch self {
            case .node: "node"
            case .wireGuardInterface: "WireGuard interface"
            case .wireGuardPeer: "WireGuard peer"
            case .bgpSession: "BGP session"
            case .allocation: "allocation"
            case .lanInterface: "LAN interface"
            }
        }
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// `BGP session transit-1`.
    public var displayName: String { "\(kind.displayName) \(name)" }
}
