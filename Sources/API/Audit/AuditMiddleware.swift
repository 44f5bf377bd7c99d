import HTTPTypes
import Hummingbird

/// Records every administrative request (anything but a read) of an authenticated caller in the audit log, with
/// the commit a write made (the handlers name it in `X-WGC-Commit`) or why it failed. Logins record themselves.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let audit: AuditLog

    static let commitHeader = HTTPField.Name("X-WGC-Commit")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        guard request.method != .get, request.method != .head, request.method != .options else {
            return try await next(request, context)
        }
        let resource = context.parameters.get("id")
        do {
            let response = try await next(request, context)
            let commit = response.headers[Self.commitHeader]
            let outcome: AuditWriteOutcome = response.status.code < 400
                ? .succeeded : .failed(reason: "answered \(response.status.code)")
            try? await audit.recordWrite(request, context: context, resource: resource, commit: commit, outcome: outcome)
            return response
        } catch {
            let reason = (error as? APIError).map { "\($0.status.code) \($0.code): \($0.detail)" } ?? "\(error)"
            try? await audit.recordWrite(request, context: context, resource: resource, commit: nil,
                                         outcome: .failed(reason: String(reason.prefix(200))))
            throw error
        }
    }
}
