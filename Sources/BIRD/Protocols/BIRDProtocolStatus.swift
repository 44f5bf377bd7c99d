/// One protocol instance as `show protocols all` describes it: the summary line (name, kind, table, state,
/// since, info), and the details wgc acts on — the BGP session and each channel's route counts.
public struct BIRDProtocolStatus: Sendable, Equatable {
    /// The protocol's life-cycle state (BIRD's `State` column).
    public enum State: String, Sendable {
        case up, start, stop, down, flush, unknown
    }

    /// A BGP session's details.
    public struct BGP: Sendable, Equatable {
        /// `Established`, `Active`, `Connect`, `OpenSent`, `OpenConfirm`, `Idle`, `Down`, …
        public var state: String
        public var neighborAddress: String?
        public var neighborAS: UInt32?
        public var localAS: UInt32?
        public var neighborID: String?
        public var sourceAddress: String?
        /// e.g. `Socket: Connection refused`, `Received: Administrative shutdown`.
        public var lastError: String?

        public init(state: String, neighborAddress: String? = nil, neighborAS: UInt32? = nil, localAS: UInt32? = nil,
                    neighborID: String? = nil, sourceAddress: String? = nil, lastError: String? = nil) {
            self.state = state
            self.neighborAddress = neighborAddress
            self.neighborAS = neighborAS
            self.localAS = localAS
            self.neighborID = neighborID
            self.sourceAddress = sourceAddress
            self.lastError = lastError
        }

        public var isEstablished: Bool { state == "Established" }
    }

    /// A channel (`ipv4`, `ipv6`, …) of the protocol, with its route counts once it is up.
    public struct Channel: Sendable, Equatable {
        public var name: String
        /// `UP`, `DOWN`, `START`, `FEEDING`, …
        public var state: String?
        public var table: String?
        public var routes: RouteCounts?

        public init(name: String, state: String? = nil, table: String? = nil, routes: RouteCounts? = nil) {
            self.name = name
            self.state = state
            self.table = table
            self.routes = routes
        }
    }

    /// A channel's `Routes:` line: how many routes it imported, holds filtered (only with `import keep
    /// filtered`), exported, and how many of the imported ones are the best in their table.
    public struct RouteCounts: Sendable, Equatable {
        public var imported: Int
        public var filtered: Int
        public var exported: Int
        public var preferred: Int

        public init(imported: Int, filtered: Int = 0, exported: Int, preferred: Int) {
            self.imported = imported
            self.filtered = filtered
            self.exported = exported
            self.preferred = preferred
        }
    }

    public var name: String
    /// The protocol's kind as BIRD names it: `BGP`, `Device`, `Kernel`, `Static`, `Direct`, …
    public var proto: String
    /// The main channel's table; nil for protocols without one (BIRD prints `---`).
    public var table: String?
    public var state: State
    /// When the state last changed, as BIRD prints it (its `timeformat protocol`).
    public var since: String
    /// e.g. `Established`, or `Active        Socket: Connection refused`; empty for most protocols.
    public var info: String
    /// Present for BGP protocols when the details were asked for.
    public var bgp: BGP?
    public var channels: [Channel]

    public init(name: String, proto: String, table: String?, state: State, since: String, info: String,
                bgp: BGP? = nil, channels: [Channel] = []) {
        self.name = name
        self.proto = proto
        self.table = table
        self.state = state
        self.since = since
        self.info = info
        self.bgp = bgp
        self.channels = channels
    }
}
