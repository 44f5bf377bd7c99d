import Hummingbird
import HummingbirdAuth

/// Lets a request through only with a valid access token (`Authorization: Bearer …`), filling
/// `context.identity`; anything else is 401 `NOT_AUTHENTICATED` with `WWW-Authenticate: Bearer`.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let authentication: APIAuthentication

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        guard let bearer = request.headers.bearer,
              case let (user, _)? = try await authentication.authenticate(bearer.token)
        else { throw APIError.notAuthenticated }
        var context = context
        context.identity = APIUser(id: user.id, username: user.username, isSuperuser: user.isSuperuser)
        return try await next(request, context)
    }
}
