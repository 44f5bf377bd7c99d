import Foundation
import Hummingbird

/// The host's CPU, memory and disk usage in percent (each null when it could not be read).
struct ResourceUsage: Encodable, Sendable {
    @Nullable var cpuUsage: Double?
    @Nullable var memoryUsage: Double?
    @Nullable var diskUsage: Double?

    init(_ host: HostProbe) {
        cpuUsage = host.cpuUsage.map(Self.tenth)
        memoryUsage = host.memory.map { Self.tenth(Double($0.used) / Double($0.total) * 100) }
        diskUsage = host.disk.map { Self.tenth($0.usagePercent) }
    }

    static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// `GET /status/metrics`: the reference's shape. `api_response_time` is in milliseconds from every request since
/// the server started (a `LatencyHistogram`: percentiles at most 3.1 % high), `active_connections` the HTTP
/// connections open now, `system` read at most a second ago. What the server does not measure — database query
/// time, a cache — is null rather than made up.
struct MetricsAnswer: ResponseEncodable, Sendable {
    var timestamp: String
    var performance: Performance
    var requests: Requests
    var writes: Writes
    var system: ResourceUsage

    struct Performance: Encodable, Sendable {
        var apiResponseTime: Latency
        @Nullable var databaseQueryTime: Latency?
        @Nullable var cacheHitRate: Double?
        @Nullable var activeConnections: Int?
    }

    /// Milliseconds; null before the first request was answered.
    struct Latency: Encodable, Sendable {
        var count: UInt64
        @Nullable var avg: Double?
        @Nullable var p50: Double?
        @Nullable var p95: Double?
        @Nullable var p99: Double?
        @Nullable var max: Double?
    }

    struct Requests: Encodable, Sendable {
        var total: UInt64
        var byStatusClass: [String: UInt64]
        /// Percent of requests answered 4xx and 5xx; null before the first request.
        @Nullable var clientErrorRate: Double?
        @Nullable var serverErrorRate: Double?
        var since: Date
    }

    struct Writes: Encodable, Sendable {
        var commits: Int
        /// Writes the compiler refused, by diagnostic code (a write counts once under each code among its errors).
        var rejectedByCode: [String: UInt64]
    }

    init(_ summary: RequestSummary, started: Date, connections: Int?, host: HostProbe) {
        func milliseconds(_ microseconds: UInt64?) -> Double? {
            microseconds.map { Double($0) / 1000 }
        }
        timestamp = APIClock.timestamp()
        performance = Performance(
            apiResponseTime: Latency(count: summary.count,
                                     avg: summary.meanMicroseconds.map { ($0 / 1000 * 1000).rounded() / 1000 },
                                     p50: milliseconds(summary.p50), p95: milliseconds(summary.p95),
                                     p99: milliseconds(summary.p99), max: milliseconds(summary.maximum)),
            databaseQueryTime: nil, cacheHitRate: nil, activeConnections: connections)
        var classes: [String: UInt64] = [:]
        for hundreds in 1...5 { classes["\(hundreds)xx"] = summary.classes[hundreds] }
        requests = Requests(total: summary.count, byStatusClass: classes,
                            clientErrorRate: summary.rate(4).map(ResourceUsage.thousandth),
                            serverErrorRate: summary.rate(5).map(ResourceUsage.thousandth), since: started)
        writes = Writes(commits: summary.commits, rejectedByCode: summary.rejected)
        system = host.recentUsage()
    }
}

extension ResourceUsage {
    /// A rate to three decimals: error rates are small and a tenth of a percent would hide them.
    static func thousandth(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

/// This process as `status` and `system/info` describe it.
struct ProcessAnswer: Encodable, Sendable {
    var pid: Int
    var residentMemoryBytes: UInt64
    var threads: Int
    @Nullable var openFileDescriptors: Int?
    @Nullable var uptime: Int?

    init?(_ reading: ProcessReading?) {
        guard let reading else { return nil }
        pid = reading.pid
        residentMemoryBytes = reading.residentBytes
        threads = reading.threads
        openFileDescriptors = reading.openFileDescriptors
        uptime = reading.uptime.map { Int($0) }
    }
}

/// The served repository: branch, the commit served and, when the branch's newest commit is not served, why.
struct RepositoryAnswer: Encodable, Sendable {
    var branch: String
    @Nullable var commit: String?
    var remoteConfigured: Bool
    @Nullable var rejection: String?

    init(_ head: InventoryHead) async {
        branch = head.branch
        commit = try? await head.current().commit
        remoteConfigured = head.push != nil
        rejection = await head.rejection?.reason
    }
}

/// `GET /status/status`: the reference's `system`, `services` and `resources`, with the repository and this
/// process beside them. `uptime` is the server's (this process's); `host_uptime` the machine's.
struct StatusAnswer: ResponseEncodable, Sendable {
    var system: SystemPart
    var services: [String: String]
    var resources: Resources
    var repository: RepositoryAnswer
    @Nullable var process: ProcessAnswer?

    struct SystemPart: Encodable, Sendable {
        var status: ComponentStatus
        @Nullable var uptime: Int?
        @Nullable var hostUptime: Int?
        var version: String
    }

    struct Resources: Encodable, Sendable {
        @Nullable var cpuUsage: Double?
        @Nullable var memoryUsage: Double?
        @Nullable var diskUsage: Double?
        @Nullable var loadAvg: [Double]?
    }

    static func read(_ status: ServerStatus) async -> StatusAnswer {
        let health = await HealthReport.check(status)
        let process = status.host.process
        let usage = ResourceUsage(status.host)
        return StatusAnswer(
            system: SystemPart(status: health.status, uptime: process?.uptime.map { Int($0) },
                               hostUptime: status.host.hostUptime.map { Int($0) }, version: status.version),
            services: ["backend": "running", "database": health.components.userStore.serviceWord,
                       "repository": health.components.repository.status.rawValue,
                       "bird": health.components.bird.serviceWord,
                       "wireguard": health.components.wireguard.serviceWord],
            resources: Resources(cpuUsage: usage.cpuUsage, memoryUsage: usage.memoryUsage, diskUsage: usage.diskUsage,
                                 loadAvg: status.host.loadAverage),
            repository: await RepositoryAnswer(status.head), process: ProcessAnswer(process))
    }
}

extension ComponentHealth {
    /// How `status` names a service's state, as the reference does: `running`, `unavailable` or `not_configured`.
    var serviceWord: String {
        switch status {
        case .healthy: "running"
        case .notConfigured: "not_configured"
        case .degraded, .unhealthy: "unavailable"
        }
    }

    /// How `system/info` names it, as the reference does: `active`, `unavailable` or `not_configured`.
    var activityWord: String { status == .healthy ? "active" : serviceWord }
}

/// `GET /system/info`: the host (`uname`, `/etc/os-release`), its interfaces and addresses, the services wgc
/// talks to, and wgc itself: version, branch and served commit, process.
struct SystemInfoAnswer: ResponseEncodable, Sendable {
    var system: Host
    var network: Network
    var services: [String: String]
    var wgc: WGC

    struct Host: Encodable, Sendable {
        @Nullable var hostname: String?
        @Nullable var os: String?
        @Nullable var kernel: String?
        @Nullable var architecture: String?
    }

    struct Network: Encodable, Sendable {
        var interfaces: [Interface]
    }

    /// The first IPv4 and the first global IPv6 address (else the first), as the reference shows, and all of them.
    struct Interface: Encodable, Sendable {
        var name: String
        @Nullable var ipv4: String?
        @Nullable var ipv6: String?
        var addresses: [String]

        init(_ interface: InterfaceAddresses) {
            name = interface.name
            ipv4 = interface.ipv4.first.map(Self.address)
            let global = interface.ipv6.first { !$0.lowercased().hasPrefix("fe80") }
            ipv6 = (global ?? interface.ipv6.first).map(Self.address)
            addresses = interface.ipv4 + interface.ipv6
        }

        /// The address without its prefix length.
        static func address(_ written: String) -> String {
            String(written.prefix { $0 != "/" })
        }
    }

    struct WGC: Encodable, Sendable {
        var version: String
        var repository: RepositoryAnswer
        @Nullable var process: ProcessAnswer?
    }

    static func read(_ status: ServerStatus) async -> SystemInfoAnswer {
        async let store = HealthReport.checkStore(status.store)
        async let bird = HealthReport.checkBIRD(status.bird)
        let kernel = status.host.kernel
        let host = Host(hostname: kernel?.hostname, os: status.host.operatingSystem,
                        kernel: kernel?.release, architecture: kernel?.machine)
        let services = ["wireguard": ComponentHealth.wireguardNotConfigured.activityWord,
                        "bgp": await bird.activityWord, "database": await store.activityWord]
        let interfaces = status.host.interfaceAddresses.map(Interface.init)
        return SystemInfoAnswer(system: host, network: Network(interfaces: interfaces), services: services,
                                wgc: WGC(version: status.version, repository: await RepositoryAnswer(status.head),
                                         process: ProcessAnswer(status.host.process)))
    }
}
