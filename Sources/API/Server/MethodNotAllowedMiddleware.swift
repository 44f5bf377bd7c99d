import Hummingbird
import Synchronization

/// 405 `METHOD_NOT_ALLOWED`, with `Allow`, for a path the API serves but not with the request's method (Hummingbird
/// answers 404 for both). `APIServer.router` fills `routes` once every route is added.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            let allowed = routes.methods(servingPath: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            var refusal = APIError(.methodNotAllowed, "METHOD_NOT_ALLOWED",
                                   "\(request.method) is not served on this path; it takes \(allowed.joined(separator: ", "))")
            refusal.headers[.allow] = allowed.joined(separator: ", ")
            throw refusal
        }
    }
}

/// Every route's path pattern (`/api/v1/bgp/sessions/{id}`) with its methods.
final class RouteMethods: Sendable {
    private let patterns = Mutex<[(segments: [Substring], method: String)]>([])

    func set(_ routes: [(path: String, method: String)]) {
        patterns.withLock { $0 = routes.map { (Self.segments($0.path), $0.method) } }
    }

    /// The methods of the patterns `path` matches (a `{name}` segment matches any one segment), sorted.
    func methods(servingPath path: String) -> [String] {
        let segments = Self.segments(path)
        let matching = patterns.withLock { patterns in
            patterns.filter { pattern in
                pattern.segments.count == segments.count && zip(pattern.segments, segments).allSatisfy { want, have in
                    want == have || (want.hasPrefix("{") && want.hasSuffix("}"))
                }
            }.map(\.method)
        }
        return Set(matching).sorted()
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
