import BIRD
import Hummingbird

/// `/api/v1/monitoring/metrics` (the host, from `/proc`), `…/bgp/sessions` (each session of the HEAD as the
/// node's BIRD runs it) and `…/ipv6/pools` (each pool's usage in the HEAD), for signed-in users.
struct MonitoringRoutes: APIRoutes {
    let status: ServerStatus
    var path: String { "monitoring" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("metrics") { _, _ in HostMetricsAnswer(status.host) }
        group.get("bgp/sessions") { _, _ -> Response in
            try APIJSON.response(try await sessions())
        }
        group.get("ipv6/pools") { _, _ -> Response in
            let inventory = try await status.head.current().inventory
            return try APIJSON.response(inventory.pools.map { PoolStatusAnswer($0, inventory: inventory) })
        }
    }

    /// One `show protocols all` and one `show status` on one connection; without BIRD every session is `unknown`,
    /// with the reason.
    func sessions() async throws -> [BGPSessionLive] {
        let inventory = try await status.head.current().inventory
        guard !inventory.sessions.isEmpty else { return [] }
        do {
            let (protocols, clock) = try await status.bird.protocolsAndClock()
            return BGPSessionLive.sessions(inventory, protocols: protocols, clock: clock)
        } catch let error as APIError {
            return BGPSessionLive.unknown(inventory, reason: error.detail)
        }
    }
}
