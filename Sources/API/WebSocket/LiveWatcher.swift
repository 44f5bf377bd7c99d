import BIRD
import Compiler
import Foundation

/// What the WebSocket connections are told, found by looking once per `interval` while any is open (one look
/// for all of them): the branch's HEAD (a commit that does not validate raises an alert; a new one that changes
/// a pool's usage is a `pool_status_update`), BIRD's sessions (a state change is a `bgp_status_update`; BIRD not
/// answering an alert), the state folder's disk, and each connection's token (expired or revoked: closed).
actor LiveWatcher {
    let status: ServerStatus
    let store: any APIStore
    let hub: LiveHub
    let interval: Duration
    let tokenInterval: Duration

    /// Each session's state at the last look, by id; nil before the first.
    private var sessions: [String: BGPSessionLive]?
    private var birdAnswers: Bool?
    /// Each pool's usage at `poolsCommit`, by id.
    private var pools: [String: PoolKey] = [:]
    private var poolsCommit: String?
    /// Pool writes of this server under way: the HEAD they move is theirs to announce.
    private var poolWrites = 0
    private var alerts: [SystemAlert.Kind: SystemAlert] = [:]
    private var lastTokenCheck: ContinuousClock.Instant?

    init(status: ServerStatus, store: any APIStore, hub: LiveHub, interval: Duration, tokenInterval: Duration) {
        self.status = status
        self.store = store
        self.hub = hub
        self.interval = interval
        self.tokenInterval = tokenInterval
    }

    /// Looks every `interval` until no connection is left. Looks start on a fixed beat (not `interval` after the
    /// previous one ended), so a change waits at most `interval` for the next look.
    func run() async {
        let clock = ContinuousClock()
        var next = clock.now
        while hub.keepWatching(), !Task.isCancelled {
            await look()
            next = max(next + interval, clock.now)
            try? await Task.sleep(until: next, clock: clock)
        }
    }

    func look() async {
        let snapshot = await checkHead()
        if let snapshot { await checkSessions(snapshot.inventory) }
        checkDisk()
        await checkTokens()
    }

    /// The alerts in force, for a new connection.
    var activeAlerts: [SystemAlert] { alerts.values.sorted { $0.alert.rawValue < $1.alert.rawValue } }

    /// The sessions as last seen (looked at now when they never were), in the HEAD's order.
    func currentSessions() async -> [BGPSessionLive] {
        if sessions == nil, let snapshot = try? await status.head.current() {
            await checkSessions(snapshot.inventory)
        }
        guard let inventory = try? await status.head.current().inventory, let sessions else { return [] }
        return inventory.sessions.compactMap { sessions[$0.id] }
    }

    // MARK: HEAD and pools

    private func checkHead() async -> InventorySnapshot? {
        let snapshot = try? await status.head.current()
        if let rejection = await status.head.rejection {
            if alerts[.headInvalid]?.commit != rejection.commit {
                raise(SystemAlert(alert: .headInvalid, severity: "critical", detail: rejection.reason,
                                  commit: rejection.commit))
            }
        } else if alerts[.headInvalid] != nil {
            resolve(.headInvalid, "commit \(snapshot?.commit ?? "?") validates and is served")
        }
        if poolWrites == 0, let snapshot, snapshot.commit != poolsCommit { poolsChanged(snapshot, action: "commit") }
        return snapshot
    }

    func poolWriteBegins() {
        poolWrites += 1
    }

    /// A write of this server (allocate, release, whitelist) ended; when it committed `snapshot`, its pool is
    /// announced even when its usage did not change, other pools when theirs did.
    func poolWriteEnded(_ landed: (snapshot: InventorySnapshot, poolID: String, action: String)?) {
        poolWrites -= 1
        guard let landed else { return }
        poolsChanged(landed.snapshot, action: landed.action, announcing: landed.poolID.lowercased())
    }

    private func poolsChanged(_ snapshot: InventorySnapshot, action: String, announcing: String? = nil) {
        let first = poolsCommit == nil
        for pool in snapshot.inventory.pools {
            let answer = PoolStatusAnswer(pool, inventory: snapshot.inventory)
            let key = PoolKey(answer)
            defer { pools[answer.poolId] = key }
            guard answer.poolId == announcing || (!first && pools[answer.poolId] != key) else { continue }
            hub.publish(.poolStatus(answer, action: action, commit: snapshot.commit))
        }
        poolsCommit = snapshot.commit
    }

    // MARK: BIRD

    private func checkSessions(_ inventory: Inventory) async {
        let now: [BGPSessionLive]
        if status.birdSocket == nil {
            now = BGPSessionLive.unknown(inventory, reason: "no BIRD control socket is configured "
                                         + "(wgc serve --bird-socket)")
        } else {
            do {
                let (protocols, clock) = try await status.bird.protocolsAndClock()
                now = BGPSessionLive.sessions(inventory, protocols: protocols, clock: clock)
                if birdAnswers == false { resolve(.birdDown, "BIRD answers again on \(status.birdSocket ?? "")") }
                birdAnswers = true
            } catch {
                let reason = (error as? APIError)?.detail ?? "\(error)"
                now = BGPSessionLive.unknown(inventory, reason: reason)
                if birdAnswers != false {
                    raise(SystemAlert(alert: .birdDown, severity: "critical", detail: reason, commit: nil))
                }
                birdAnswers = false
            }
        }
        let before = sessions
        sessions = Dictionary(now.map { ($0.sessionId, $0) }, uniquingKeysWith: { first, _ in first })
        guard let before else { return }
        for session in now {
            let previous = before[session.sessionId]
            if let previous, SessionKey(previous) == SessionKey(session) { continue }
            hub.publish(.bgpStatus(session, previous: previous?.status))
        }
    }

    // MARK: Disk

    private func checkDisk() {
        guard let disk = status.host.disk else { return }
        let free = 100 - disk.usagePercent
        let severity = free < HealthReport.diskCritical ? "critical" : free < HealthReport.diskLow ? "warning" : nil
        let detail = String(format: "%.1f %% free in %@", free, disk.path)
        if let severity {
            if alerts[.diskLow]?.severity != severity {
                raise(SystemAlert(alert: .diskLow, severity: severity, detail: detail, commit: nil))
            }
        } else if alerts[.diskLow] != nil {
            resolve(.diskLow, detail)
        }
    }

    // MARK: Tokens

    /// Closes the connections whose token expired (every look) or was revoked, or whose user was deactivated or
    /// changed password (asked of the store once per `tokenInterval`, once per token).
    private func checkTokens() async {
        let now = Date()
        var open: [LiveToken: (String, [LiveConnection])] = [:]
        for connection in hub.connections {
            if connection.token.expires <= now {
                connection.end(.tokenExpired)
            } else {
                open[connection.token, default: (connection.userID, [])].1.append(connection)
            }
        }
        let clock = ContinuousClock.now
        if let lastTokenCheck, clock < lastTokenCheck + tokenInterval { return }
        lastTokenCheck = clock
        for (token, (userID, connections)) in open {
            // A store that does not answer closes nothing: the next look asks again.
            guard let holder = try? await Optional(store.holder(ofAccessToken: token.jti, userID: userID,
                                                                generation: token.generation)),
                  holder?.isActive != true
            else { continue }
            for connection in connections { connection.end(.tokenRevoked) }
        }
    }

    // MARK: Alerts

    private func raise(_ alert: SystemAlert) {
        alerts[alert.alert] = alert
        hub.publish(.alert(alert))
    }

    private func resolve(_ kind: SystemAlert.Kind, _ detail: String) {
        guard alerts.removeValue(forKey: kind) != nil else { return }
        hub.publish(.alert(SystemAlert(alert: kind, severity: "resolved", detail: detail, commit: nil)))
    }
}

/// What of a pool's usage makes an update.
private struct PoolKey: Equatable {
    var allocated: UInt64
    var capacity: UInt64
    var status: String

    init(_ answer: PoolStatusAnswer) {
        allocated = answer.allocated
        capacity = answer.totalCapacity
        status = answer.status
    }
}

/// What of a session's live state, changed between two looks, is a `bgp_status_update`: its state, BIRD's, when
/// BIRD's last changed, the last error, whether BIRD knows it.
struct SessionKey: Equatable {
    var status: String
    var birdState: String?
    /// When BIRD's protocol last changed state: a session that went down and came back between two looks shows
    /// the same state, but not the same `since`.
    var since: String?
    var lastError: String?
    var known: Bool

    init(_ session: BGPSessionLive) {
        status = session.status
        birdState = session.birdState
        since = session.since
        lastError = session.lastError
        known = session.reason == nil
    }
}
