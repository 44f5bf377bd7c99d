import Foundation
import Hummingbird
import Logging

/// Serves `GET /metrics` (Prometheus text format) on `--metrics-listen`. Each scrape first refreshes the live
/// series (BGP sessions from BIRD, peers from WireGuard), so they are as fresh as the scrape.
public enum MetricsServer {
    /// Starts the server in the background; it runs until the process ends. `refresh` runs before each scrape.
    public static func start(host: String, port: Int, metrics: AgentMetrics, logger: Logger,
                             refresh: @escaping @Sendable () -> Void) {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            refresh()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        var quiet = logger
        quiet.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)),
                              logger: quiet)
        Task {
            do {
                // The agent handles SIGTERM itself, finishing its cycle first.
                try await app.runService(gracefulShutdownSignals: [])
            } catch {
                logger.error("the metrics server stopped", metadata: ["error": "\(error)"])
            }
        }
    }
}
