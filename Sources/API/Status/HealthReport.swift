import BIRD
import Foundation
import Hummingbird

/// `GET /status/health/detailed`: each component checked for real, with how long the check took. Overall
/// `unhealthy` (HTTP 503) when the API cannot answer from a valid inventory or reach its user store, or the state
/// folder's disk is all but full; `degraded` when it answers but something is wrong (the branch's newest commit
/// does not validate, BIRD is configured but does not answer, the disk runs low).
struct HealthReport: ResponseEncodable, Sendable {
    var status: ComponentStatus
    var timestamp: String
    var version: String
    var components: Components

    struct Components: Encodable, Sendable {
        var repository: ComponentHealth
        var userStore: ComponentHealth
        var bird: ComponentHealth
        var wireguard: ComponentHealth
        var disk: ComponentHealth
    }

    /// Below this share of free space the disk is `degraded`, below `diskCritical` `unhealthy`.
    static let diskLow = 10.0
    static let diskCritical = 1.0

    /// Checks every component at once.
    static func check(_ status: ServerStatus) async -> HealthReport {
        async let repository = checkRepository(status.head)
        async let store = checkStore(status.store)
        async let bird = checkBIRD(status.bird)
        let disk = checkDisk(status.host)
        let components = Components(repository: await repository, userStore: await store, bird: await bird,
                                    wireguard: .wireguardNotConfigured, disk: disk)
        let all = [components.repository, components.userStore, components.bird, components.wireguard, disk]
        return HealthReport(status: .overall(all.map(\.status)), timestamp: APIClock.timestamp(),
                            version: status.version, components: components)
    }

    static func checkRepository(_ head: InventoryHead) async -> ComponentHealth {
        let timer = ContinuousClock.now
        do {
            let snapshot = try await head.current()
            let rejection = await head.rejection
            var health = ComponentHealth(timer, rejection == nil ? .healthy : .degraded,
                                         rejection.map { "serving commit \(snapshot.commit.prefix(12)); \($0.reason)" }
                                             ?? "serving the branch's newest commit; its inventory validates")
            health.commit = snapshot.commit
            health.branch = head.branch
            return health
        } catch let error as APIError {
            var health = ComponentHealth(timer, .unhealthy, error.detail)
            health.branch = head.branch
            return health
        } catch {
            return ComponentHealth(timer, .unhealthy, "\(error)")
        }
    }

    static func checkStore(_ store: any APIStore) async -> ComponentHealth {
        let timer = ContinuousClock.now
        do {
            let users = try await store.count()
            var health = ComponentHealth(timer, .healthy, "the users database answers")
            health.users = users
            return health
        } catch {
            return ComponentHealth(timer, .unhealthy, "the users database does not answer: \(error)")
        }
    }

    static func checkBIRD(_ bird: LiveBIRD) async -> ComponentHealth {
        guard bird.client != nil else {
            return ComponentHealth(status: .notConfigured, responseTime: nil,
                                   detail: "no BIRD control socket is configured (wgc serve --bird-socket)")
        }
        let timer = ContinuousClock.now
        do {
            let answer = try await bird.withConnection { connection throws(BIRDError) in try connection.status() }
            var health = ComponentHealth(timer, answer.isUpAndRunning ? .healthy : .degraded, answer.message)
            health.birdVersion = answer.version
            return health
        } catch let error as APIError {
            return ComponentHealth(timer, .degraded, error.detail)
        } catch {
            return ComponentHealth(timer, .degraded, "\(error)")
        }
    }

    static func checkDisk(_ host: HostProbe) -> ComponentHealth {
        let timer = ContinuousClock.now
        guard let disk = host.disk else {
            return ComponentHealth(timer, .unhealthy, "statvfs failed on the state folder \(host.diskPath)")
        }
        let free = 100 - disk.usagePercent
        let status: ComponentStatus = free < diskCritical ? .unhealthy : free < diskLow ? .degraded : .healthy
        var health = ComponentHealth(timer, status, String(format: "%.1f %% free in %@", free, disk.path))
        health.freeBytes = disk.available
        health.totalBytes = disk.total
        health.usagePercent = (disk.usagePercent * 10).rounded() / 10
        return health
    }
}

/// A component's state; ordered from good to bad, so the overall state is the worst.
enum ComponentStatus: String, Encodable, Sendable, Comparable {
    case healthy
    /// Not configured is no fault: a server without BIRD is healthy.
    case notConfigured = "not_configured"
    case degraded
    case unhealthy

    private var rank: Int {
        switch self {
        case .healthy, .notConfigured: 0
        case .degraded: 1
        case .unhealthy: 2
        }
    }

    static func < (lhs: ComponentStatus, rhs: ComponentStatus) -> Bool { lhs.rank < rhs.rank }

    /// The overall state never says `not_configured`.
    static func overall(_ statuses: [ComponentStatus]) -> ComponentStatus {
        let worst = statuses.max() ?? .healthy
        return worst == .notConfigured ? .healthy : worst
    }
}

/// One component's check: its state, how long the check took in milliseconds (null when nothing was checked),
/// what it found in words, and the figures it read.
struct ComponentHealth: Encodable, Sendable {
    var status: ComponentStatus
    @Nullable var responseTime: Double?
    var detail: String
    var commit: String?
    var branch: String?
    var users: Int?
    var birdVersion: String?
    var freeBytes: UInt64?
    var totalBytes: UInt64?
    var usagePercent: Double?

    init(status: ComponentStatus, responseTime: Double?, detail: String) {
        self.status = status
        self.responseTime = responseTime
        self.detail = detail
    }

    /// A check that started at `start` and ends now.
    init(_ start: ContinuousClock.Instant, _ status: ComponentStatus, _ detail: String) {
        self.init(status: status, responseTime: Self.milliseconds(ContinuousClock.now - start), detail: detail)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return (value * 1000).rounded() / 1000
    }

    /// The API does not read WireGuard interfaces: the agent on each router does (`wgc agent status`).
    static let wireguardNotConfigured = ComponentHealth(
        status: .notConfigured, responseTime: nil,
        detail: "the API server does not read WireGuard interfaces; the agent on each router does (wgc agent status)")
}
