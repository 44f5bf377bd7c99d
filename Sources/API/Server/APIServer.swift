import Hummingbird
import Logging

/// The REST API's HTTP server: every route of the reference under `/api/v1`, errors in the reference's shape.
public enum APIServer {
    public static let version = "0.1.0"

    /// The router with the status probes and `routes`; errors of every route go through `APIErrorMiddleware`.
    public static func router(routes: [any APIRoutes],
                              isReady: @escaping @Sendable () async -> Bool) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        let api = router.group("api/v1")
        StatusRoutes(version: version, isReady: isReady).add(to: api.group("status"))
        for collection in routes { collection.add(to: api.group(RouterPath(collection.path))) }
        return router
    }

    /// The application serving `router` on the configuration's address.
    public static func application(_ configuration: APIServerConfiguration, router: Router<APIRequestContext>,
                                   logger: Logger) -> some ApplicationProtocol {
        Application(router: router,
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                         serverName: "wgc"),
                    logger: logger)
    }
}
