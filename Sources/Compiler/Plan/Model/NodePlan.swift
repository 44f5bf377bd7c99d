/// What applying head changes on one node: each kind of object, then the generated files. A node added or
/// removed as a whole lists everything on it as added or removed.
public struct NodePlan: Sendable, Codable, Equatable {
    public var name: String
    /// `unchanged` when nothing on the node changes.
    public var change: ChangeKind
    /// The Node resource's own fields: router_id, asn, endpoint, rtr_servers, description.
    public var fields: [FieldChange] = []
    public var interfaces: [InterfaceChange] = []
    public var peers: [PeerChange] = []
    public var sessions: [SessionChange] = []
    public var announcements: [AnnouncementChange] = []
    public var pools: [PoolChange] = []
    public var allocations: [AllocationChange] = []
    public var lanInterfaces: [LANChange] = []
    public var files: [FileChange] = []
    public var summary: NodeSummary = NodeSummary()

    public init(name: String, change: ChangeKind) {
        self.name = name
        self.change = change
    }

    /// Whether anything is listed: the node's change kind is then `changed` (or added, removed).
    var hasListedChanges: Bool {
        !(fields.isEmpty && interfaces.isEmpty && peers.isEmpty && sessions.isEmpty && announcements.isEmpty
            && pools.isEmpty && allocations.isEmpty && lanInterfaces.isEmpty && files.isEmpty)
    }

    enum CodingKeys: String, CodingKey {
        case name, change, fields, interfaces, peers, sessions, announcements, pools, allocations, files, summary
        case lanInterfaces = "lan_interfaces"
    }
}

/// How many objects of each kind a plan adds, removes and changes (an allocation released counts as removed,
/// one moved as changed).
public struct ChangeCounts: Sendable, Codable, Equatable {
    public var added = 0
    public var removed = 0
    public var changed = 0

    public init(added: Int = 0, removed: Int = 0, changed: Int = 0) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    public var total: Int { added + removed + changed }

    static func + (lhs: ChangeCounts, rhs: ChangeCounts) -> ChangeCounts {
        ChangeCounts(added: lhs.added + rhs.added, removed: lhs.removed + rhs.removed,
                     changed: lhs.changed + rhs.changed)
    }

    mutating func count(_ change: ChangeKind) {
        switch change {
        case .added: added += 1
        case .removed: removed += 1
        case .changed: changed += 1
        case .unchanged: break
        }
    }
}

/// The counts a plan's summary table shows for a node, or for all of them.
public struct NodeSummary: Sendable, Codable, Equatable {
    public var peers = ChangeCounts()
    public var sessions = ChangeCounts()
    public var allocations = ChangeCounts()
    public var files = ChangeCounts()
    public var disruptions = 0

    public init() {}

    static func + (lhs: NodeSummary, rhs: NodeSummary) -> NodeSummary {
        var sum = NodeSummary()
        sum.peers = lhs.peers + rhs.peers
        sum.sessions = lhs.sessions + rhs.sessions
        sum.allocations = lhs.allocations + rhs.allocations
        sum.files = lhs.files + rhs.files
        sum.disruptions = lhs.disruptions + rhs.disruptions
        return sum
    }
}
