/// What a WebSocket client can subscribe to: BGP sessions' live state and prefix pools' usage, each all of them
/// or one by its id. System alerts need no subscription: every connection gets them.
enum LiveChannel: String, Sendable, Hashable, CaseIterable {
    case bgpSessions = "bgp_sessions"
    case ipv6Pools = "ipv6_pools"
}

/// One subscription: a channel and, when `id` is set, the one session or pool of it (a lower-case UUID).
struct LiveSubscription: Sendable, Hashable {
    var channel: LiveChannel
    var id: String?

    /// Whether an update of the resource `id` on `channel` is for this subscription.
    func covers(_ channel: LiveChannel, id: String) -> Bool {
        self.channel == channel && (self.id == nil || self.id == id)
    }
}

/// `?connection_type=` of the WebSocket URL: what the connection is subscribed to from the start. `bgp_status`
/// (the reference's example) subscribes to every session, `pool_status` to every pool, `all` to both; `system`
/// (or no parameter) to nothing but the alerts every connection gets.
enum LiveConnectionType: String, Sendable, CaseIterable {
    case bgpStatus = "bgp_status"
    case poolStatus = "pool_status"
    case all
    case system

    var subscriptions: [LiveSubscription] {
        switch self {
        case .bgpStatus: [LiveSubscription(channel: .bgpSessions)]
        case .poolStatus: [LiveSubscription(channel: .ipv6Pools)]
        case .all: LiveChannel.allCases.map { LiveSubscription(channel: $0) }
        case .system: []
        }
    }
}
