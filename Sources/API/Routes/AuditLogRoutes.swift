import Hummingbird

/// `/api/v1/audit-logs`: the audit log, newest first; superusers only. `?limit=` (1–1000, default 100) and
/// `?offset=` page it, `?user=` and `?action=` filter it; `X-Total-Count` counts what the filters match.
struct AuditLogRoutes: APIRoutes {
    let path = "audit-logs"
    let audit: AuditLog

    static let defaultLimit = 100
    static let maxLimit = 1000

    func add(to group: RouterGroup<APIRequestContext>) {
        group.add(middleware: SuperuserMiddleware())
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> ListAnswer {
        let page = try Page(request)
        let limit = page.limit ?? Self.defaultLimit
        guard limit <= Self.maxLimit else {
            throw APIError(.badRequest, "INVALID_QUERY", "'limit' must be at most \(Self.maxLimit)")
        }
        let query = request.uri.queryParameters
        let user = query.get("user")
        let action = try query.get("action").map { text in
            guard let action = AuditAction(rawValue: text) else {
                let known = AuditAction.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(.badRequest, "INVALID_QUERY", "'action' must be one of: \(known)")
            }
            return action
        }
        async let entries = audit.entries(limit: limit, offset: page.offset, user: user, action: action)
        async let total = audit.count(user: user, action: action)
        return try ListAnswer(encoding: try await entries, total: try await total)
    }
}
