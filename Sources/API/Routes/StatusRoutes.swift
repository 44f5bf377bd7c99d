import Foundation
import Hummingbird

/// `/api/v1/status/health|ready|live`: what a load balancer and Kubernetes probe, without a token.
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
