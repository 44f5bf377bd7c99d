import Hummingbird
import HummingbirdAuth

/// Lets a request through only with a valid access token (`Authorization: Bearer …`), filling
/// `context.identity`; anything else is 401 `NOT_AUTHENTICATED` with `WWW-Authenticate: Bearer`. A user past the
/// general request limit gets 429 `RATE_LIMITED` with `Retry-After`.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let authentication: APIAuthentication

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        guard let bearer = request.headers.bearer,
              case let (user, _)? = try await authentication.authenticate(bearer.token)
        else { throw APIError.notAuthenticated }
        if let wait = authentication.requests.take(user.id) {
            var error = APIError(.tooManyRequests, "RATE_LIMITED",
                                 "more than \(Int(authentication.requests.rate)) requests a second; retry in \(wait) s")
            error.headers[.retryAfter] = String(wait)
            throw error
        }
        var context = context
        context.identity = APIUser(id: user.id, username: user.username, isSuperuser: user.isSuperuser)
        return try await next(request, context)
    }
}
