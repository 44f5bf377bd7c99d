import BIRD
import Compiler
import Foundation

/// A BGP session of the HEAD as the node's BIRD runs it (`GET /monitoring/bgp/sessions`): the state, uptime and
/// prefix counts BIRD reports for the protocol the compiler names after the session. What BIRD does not say is
/// null, and `status` is `unknown` with the `reason` when BIRD cannot be asked or runs no such protocol.
struct BGPSessionLive: Encodable, Sendable {
    var sessionId: String
    var name: String
    var node: String
    var `protocol`: String
    /// BIRD's BGP state in lower case (`established`, `active`, `connect`, `idle`, `down`…), or `unknown`.
    var status: String
    /// Seconds since the session was established; null unless it is, or when BIRD printed only the day.
    @Nullable var uptime: Int?
    /// Routes imported from and exported to the neighbor, over all channels; null when BIRD shows no counts.
    @Nullable var prefixesReceived: Int?
    @Nullable var prefixesSent: Int?
    /// When BIRD was asked.
    var lastUpdate: String
    /// BIRD's protocol state (`up`, `start`, `down`…) and when it last changed, as BIRD prints it.
    @Nullable var birdState: String?
    @Nullable var since: String?
    @Nullable var lastError: String?
    @Nullable var reason: String?

    init(_ session: BGPSession, read: String) {
        sessionId = session.id
        name = session.name
        node = session.node
        self.protocol = BIRDEmitter.protocolName(session)
        status = "unknown"
        lastUpdate = read
    }

    /// Every session of `inventory`, each `unknown` for `reason`.
    static func unknown(_ inventory: Inventory, reason: String) -> [BGPSessionLive] {
        let read = APIClock.timestamp()
        return inventory.sessions.map { session in
            var live = BGPSessionLive(session, read: read)
            live.reason = reason
            return live
        }
    }

    /// Every session of `inventory` with what BIRD's `show protocols all` says of its protocol; `clock` is BIRD's
    /// `show status` server time, which uptimes are counted to.
    static func sessions(_ inventory: Inventory, protocols: [BIRDProtocolStatus], clock: String) -> [BGPSessionLive] {
        let read = APIClock.timestamp()
        let byName = Dictionary(protocols.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return inventory.sessions.map { session in
            var live = BGPSessionLive(session, read: read)
            guard let running = byName[live.protocol] else {
                live.reason = "BIRD runs no protocol \(live.protocol): the node has not applied this session yet, "
                    + "or the session belongs to another node"
                return live
            }
            live.fill(from: running, clock: clock)
            return live
        }
    }

    private mutating func fill(from running: BIRDProtocolStatus, clock: String) {
        birdState = running.state.rawValue
        since = running.since
        lastError = running.bgp?.lastError
        status = (running.bgp?.state ?? running.state.rawValue).lowercased()
        let counts = running.channels.compactMap(\.routes)
        if !counts.isEmpty {
            prefixesReceived = counts.map(\.imported).reduce(0, +)
            prefixesSent = counts.map(\.exported).reduce(0, +)
        }
        guard running.bgp?.isEstablished == true else { return }
        if let seconds = BIRDTime.seconds(since: running.since, now: clock) {
            uptime = Int(seconds)
        } else {
            reason = "BIRD printed the state change as '\(running.since)', which gives no exact uptime (BIRD prints "
                + "only the date after 20 hours unless bird.conf sets 'timeformat protocol iso long')"
        }
    }
}
