import Hummingbird

extension AuditLog {
    /// Records the write `request` made, taking the caller, the method, the matched route and the client's
    /// address from the request; see `recordWrite(user:method:route:resource:commit:outcome:address:detail:)`.
    public func recordWrite(_ request: Request, context: APIRequestContext, resource: String?, commit: String?,
                            outcome: AuditWriteOutcome, detail: String? = nil) async throws {
        try await recordWrite(user: context.identity?.username, method: request.method.rawValue,
                              route: context.endpointPath ?? request.uri.path, resource: resource, commit: commit,
                              outcome: outcome, address: context.remoteAddress?.ipAddress, detail: detail)
    }
}
