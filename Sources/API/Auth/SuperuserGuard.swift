import Hummingbird

extension APIRequestContext {
    /// The caller when it is an authenticated superuser; 401 without a token, 403 `FORBIDDEN` for anyone else.
    /// Write routes call it first.
    public func requireSuperuser() throws -> APIUser {
        guard let identity else { throw APIError.notAuthenticated }
        guard identity.isSuperuser else { throw APIError.forbidden }
        return identity
    }
}

/// A group whose every route needs a superuser (`/users`).
struct SuperuserMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        _ = try context.requireSuperuser()
        return try await next(request, context)
    }
}
