import Hummingbird

/// `GET /api/v1/ws/{user_id}` without a WebSocket upgrade: the same admission as the upgrade (`LiveAdmission`),
/// so that a refused upgrade (which HTTP answers with a bare 400) can be explained — 401, 403 or 400 in the
/// error shape, or 426 when an upgrade would be accepted.
struct WebSocketRoutes: Sendable {
    let authentication: APIAuthentication

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("ws/{user_id}") { request, _ -> Response in
            _ = try await LiveAdmission.admit(uri: request.uri, headers: request.headers,
                                              authentication: authentication)
            var error = APIError(.upgradeRequired, "UPGRADE_REQUIRED",
                                 "this is a WebSocket: connect with a WebSocket client (Upgrade: websocket)")
            error.headers[.upgrade] = "websocket"
            throw error
        }
    }
}
