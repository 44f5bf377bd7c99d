import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore

/// The REST API's HTTP server: every route of the reference under `/api/v1`, errors in the reference's shape.
public enum APIServer {
    public static let version = "0.1.0"

    /// The router: the status probes and `auth/login` open to all; `/users`, `/audit-logs` and every collection of
    /// `routes` behind a valid bearer token. Errors of every route go through `APIErrorMiddleware`; bodies over 1 MiB
    /// are 413. With `status`, also the detailed health, status, system and monitoring routes (behind the token),
    /// `GET /metrics` in Prometheus's text format (open, as scrapers expect), and every request counted in
    /// `status.metrics`. With `live`, `GET /api/v1/ws/{user_id}` explains what a WebSocket upgrade there would meet
    /// (the upgrade itself is `application`'s).
    public static func router(routes: [any APIRoutes], authentication: APIAuthentication,
                              isReady: @escaping @Sendable () async -> Bool,
                              status: ServerStatus? = nil, live: LiveUpdates? = nil) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        let routeMethods = RouteMethods()
        router.add(middleware: MethodNotAllowedMiddleware(routes: routeMethods))
        if let status { router.add(middleware: MetricsMiddleware(metrics: status.metrics)) }
        router.add(middleware: RequestBodyLimitMiddleware())
        let api = router.group("api/v1")
        StatusRoutes(version: version, isReady: isReady).add(to: api.group("status"))
        AuthRoutes(authentication: authentication).add(to: api.group("auth"))
        OpenAPIRoutes().add(to: api)
        if live != nil { WebSocketRoutes(authentication: authentication).add(to: api) }
        let authenticated = api.group().add(middleware: BearerAuthMiddleware(authentication: authentication))
            .add(middleware: AuditMiddleware(audit: authentication.audit))
        var collections: [any APIRoutes] = [UserRoutes(store: authentication.store),
                                            AuditLogRoutes(audit: authentication.audit)] + routes
        if let status {
            collections += [StatusReportRoutes(status: status), SystemRoutes(status: status),
                            MonitoringRoutes(status: status)]
            router.get("metrics") { _, _ -> Response in
                status.metrics.countCommits(made: await status.head.commitsMade)
                return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: status.metrics.exposition())))
            }
        }
        for collection in collections { collection.add(to: authenticated.group(RouterPath(collection.path))) }
        routeMethods.set(router.routes.map { (path: $0.path.description, method: $0.method.rawValue) })
        return router
    }

    /// Serves `router` until SIGTERM or SIGINT, then lets requests in flight finish (Hummingbird's graceful
    /// shutdown). A certificate or key that cannot be used throws `TLSSettings.Failure` before anything listens.
    /// With `metrics`, every connection is counted in it; with `live`, `/api/v1/ws/{user_id}` upgrades to its
    /// WebSockets.
    public static func serve(_ configuration: APIServerConfiguration, router: Router<APIRequestContext>,
                             logger: Logger, metrics: APIMetrics? = nil, live: LiveUpdates? = nil) async throws {
        try await application(configuration, router: router, logger: logger, metrics: metrics, live: live)
            .runService()
    }

    /// The application serving `router` on the configuration's address, over HTTPS when it names a certificate
    /// and key (TLS 1.2 or later, through swift-nio-ssl). Unreadable or mismatched files throw before anything
    /// listens. With `metrics`, a `ConnectionCounter` in each HTTP connection counts the open ones. With `live`,
    /// a request to upgrade `/api/v1/ws/{user_id}` that `live` admits becomes one of its WebSockets (pinged every
    /// 30 s, so that a vanished client is noticed).
    public static func application(_ configuration: APIServerConfiguration, router: Router<APIRequestContext>,
                                   logger: Logger, metrics: APIMetrics? = nil,
                                   live: LiveUpdates? = nil) throws -> some ApplicationProtocol {
        metrics?.countConnections()
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: metrics.map { [ConnectionCounter(metrics: $0)] } ?? [])
        var server = HTTPServerBuilder.http1(configuration: http1)
        if let live {
            let webSocket = WebSocketServerConfiguration(maxFrameSize: 1 << 16, autoPing: .enabled(timePeriod: .seconds(30)))
            server = .http1WebSocketUpgrade(configuration: .init(http1: http1, ws: webSocket)) { head, channel, logger in
                await live.shouldUpgrade(head, channel: channel, logger: logger)
            }
        }
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            server = try .tls(server, tlsConfiguration: try TLSSettings.server(certificate: certificate, key: key))
        }
        return Application(router: router, server: server,
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "wgc"),
                           logger: logger)
    }
}
