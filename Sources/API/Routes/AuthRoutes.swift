import Foundation
import Hummingbird
import HummingbirdAuth

/// `/api/v1/auth`: `login` (no token), `refresh-token` (the refresh token as bearer), `logout` (an access token).
struct AuthRoutes {
    let authentication: APIAuthentication

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("login", use: login)
        group.post("refresh-token", use: refresh)
        group.group().add(middleware: BearerAuthMiddleware(authentication: authentication))
            .post("logout", use: logout)
    }

    @Sendable func login(_ request: Request, context: APIRequestContext) async throws -> TokenResponse {
        let body = try await request.decodeStrict(LoginBody.self, context: context)
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        let user = try await authentication.login(username: body.username, password: body.password, address: address)
        let issued = try await authentication.startSession(for: user)
        return TokenResponse(issued, user: user, lifetime: authentication.tokens.accessLifetime)
    }

    @Sendable func refresh(_ request: Request, context: APIRequestContext) async throws -> TokenResponse {
        guard let bearer = request.headers.bearer else { throw APIError.notAuthenticated }
        let (user, issued) = try await authentication.refresh(bearer.token)
        return TokenResponse(issued, user: user, lifetime: authentication.tokens.accessLifetime)
    }

    /// Ends the login session of the presented access token: it and the session's refresh token stop working.
    @Sendable func logout(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let bearer = request.headers.bearer,
              case let (_, claims)? = try await authentication.authenticate(bearer.token)
        else { throw APIError.notAuthenticated }
        try await authentication.store.revokeSession(claims.sid, accessJTI: claims.jti.value,
                                                     accessExpiresAt: claims.exp.value)
        return Response(status: .noContent)
    }
}
