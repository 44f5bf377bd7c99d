import Foundation

/// The API's audit trail in the store: every login attempt (`APIAuthentication.login` records them) and
/// every write that the write path reports with `recordWrite`, read newest first by superusers (`GET /audit-logs`,
/// `wgc audit`). It holds no password and no token. Only the newest `retention` entries are kept, so a flood of
/// failed logins cannot fill the disk; it can push old entries out, which is why the bound is large.
public struct AuditLog: Sendable {
    /// About 200 bytes each: some 20 MB of database at most.
    public static let defaultRetention = 100_000
    /// The longest value kept; a username tried can be anything a client sends.
    static let maxFieldLength = 256

    public let retention: Int
    let store: any APIStore

    /// The audit log in `store`, keeping the newest `retention` entries.
    public init(store: any APIStore, retention: Int = defaultRetention) {
        self.store = store
        self.retention = max(1, retention)
    }

    /// A login that got tokens.
    public func recordLogin(user: String, address: String?) async throws {
        try await insert(action: .login, user: user, address: address)
    }

    /// A refused login, the username it tried and why (`wrong password`, `unknown user`, …); never the password.
    public func recordFailedLogin(username: String, address: String?, reason: String) async throws {
        try await insert(action: .loginFailed, user: String(username.prefix(64)), address: address, detail: reason)
    }

    /// A write through the API, for the write path to call once it knows how the write ended. `commit` is the
    /// commit the write made (40 hex digits), also when it failed after committing (a push refused); nil when it
    /// made none. `route` is the route as matched (`/api/v1/bgp/sessions/{id}`) and `resource` what it wrote (an
    /// id). A failure's reason becomes the entry's `detail`; `detail` is for what a successful write did.
    public func recordWrite(user: String?, method: String, route: String, resource: String?, commit: String?,
                            outcome: AuditWriteOutcome, address: String? = nil, detail: String? = nil) async throws {
        let action: AuditAction
        var detail = detail
        switch outcome {
        case .succeeded:
            action = .write
        case .failed(let reason):
            action = .writeFailed
            detail = reason
        }
        try await insert(action: action, user: user, address: address, method: method, route: route,
                         resource: resource, detail: detail, commit: commit)
    }

    /// Entries newest first, optionally only those of `user` or of `action`.
    public func entries(limit: Int, offset: Int = 0, user: String? = nil, action: AuditAction? = nil) async throws
        -> [AuditEntry] {
        try await store.auditEntries(limit: limit, offset: offset, user: user, action: action)
    }

    /// How many entries `entries` has to give with the same filters.
    public func count(user: String? = nil, action: AuditAction? = nil) async throws -> Int {
        try await store.auditCount(user: user, action: action)
    }

    private func insert(action: AuditAction, user: String?, address: String?, method: String? = nil,
                        route: String? = nil, resource: String? = nil, detail: String? = nil,
                        commit: String? = nil) async throws {
        let record = AuditRecord(action: action, user: Self.clean(user), address: Self.clean(address),
                                 method: Self.clean(method), route: Self.clean(route),
                                 resource: Self.clean(resource), detail: Self.clean(detail),
                                 commit: Self.clean(commit))
        try await store.appendAudit(record, retention: retention)
    }

    /// A value fit to print: control characters (a terminal's escapes among them) as `?`, at most 256 characters.
    private static func clean(_ value: String?) -> String? {
        value.map { text in
            String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxFieldLength).map {
                $0.properties.generalCategory == .control ? "?" : $0
            }))
        }
    }
}
