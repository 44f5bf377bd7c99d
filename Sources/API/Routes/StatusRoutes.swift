import Foundation
import Hummingbird

/// `/api/v1/status/health|ready|live`: what a load balancer and Kubernetes probe, without a token. `health` reads
/// nothing: no disk, no git, no database.
struct StatusRoutes {
    let version: String
    /// Whether the compiled HEAD is loaded and the user store answers.
    let isReady: @Sendable () async -> Bool

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("health") { _, _ in
            Health(status: "healthy", timestamp: APIClock.timestamp(), version: version)
        }
        group.get("ready") { _, _ -> Probe in
            guard await isReady() else {
                throw APIError(.serviceUnavailable, "NOT_READY", "the inventory or the user store is not loaded yet")
            }
            return Probe(status: "ready", timestamp: APIClock.timestamp())
        }
        group.get("live") { _, _ in Probe(status: "alive", timestamp: APIClock.timestamp()) }
    }

    struct Health: ResponseEncodable {
        var status: String
        var timestamp: String
        var version: String
    }

    struct Probe: ResponseEncodable {
        var status: String
        var timestamp: String
    }
}

/// `/api/v1/status/health/detailed`, `…/metrics` and `…/status`, for signed-in users: each component checked
/// for real (503 when the server is unhealthy), the request metrics, and the host's and server's figures.
struct StatusReportRoutes: APIRoutes {
    let status: ServerStatus
    var path: String { "status" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("health/detailed") { _, _ -> Response in
            let report = await HealthReport.check(status)
            return try APIJSON.response(report, status: report.status == .unhealthy ? .serviceUnavailable : .ok)
        }
        group.get("metrics") { _, _ -> MetricsAnswer in
            status.metrics.countCommits(made: await status.head.commitsMade)
            return MetricsAnswer(status.metrics.summary(), started: status.metrics.started,
                                 connections: status.metrics.activeConnections, host: status.host)
        }
        group.get("status") { _, _ in await StatusAnswer.read(status) }
    }
}
