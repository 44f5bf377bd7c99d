import Foundation
import GRDB

/// The API's audit trail in the users database: every login attempt (`APIAuthentication.login` records them) and
/// every write that the write path reports with `recordWrite`, read newest first by superusers (`GET /audit-logs`,
/// `wgc audit`). It holds no password and no token. Only the newest `retention` entries are kept, so a flood of
/// failed logins cannot fill the disk; it can push old entries out, which is why the bound is large.
public struct AuditLog: Sendable {
    /// About 200 bytes each: some 20 MB of database at most.
    public static let defaultRetention = 100_000
    /// The longest value kept; a username tried can be anything a client sends.
    static let maxFieldLength = 256

    public let retention: Int
    let database: DatabasePool

    /// The audit log in `store`'s database, keeping the newest `retention` entries.
    public init(store: UserStore, retention: Int = defaultRetention) {
        database = store.database
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
        let (condition, arguments) = Self.filter(user: user, action: action)
        return try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log\(condition) ORDER BY id DESC LIMIT ? OFFSET ?",
                             arguments: arguments + [limit, offset])
                .compactMap(Self.entry)
        }
    }

    /// How many entries `entries` has to give with the same filters.
    public func count(user: String? = nil, action: AuditAction? = nil) async throws -> Int {
        let (condition, arguments) = Self.filter(user: user, action: action)
        return try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log\(condition)", arguments: arguments) ?? 0
        }
    }

    private func insert(action: AuditAction, user: String?, address: String?, method: String? = nil,
                        route: String? = nil, resource: String? = nil, detail: String? = nil,
                        commit: String? = nil) async throws {
        let arguments: StatementArguments = [Date(), action.rawValue, Self.clean(user), Self.clean(address),
                                             Self.clean(method), Self.clean(route), Self.clean(resource),
                                             Self.clean(detail), Self.clean(commit)]
        let retention = Int64(retention)
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (timestamp, action, username, address, method, route, resource, detail, commit_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
            try db.execute(sql: "DELETE FROM audit_log WHERE id <= ?", arguments: [db.lastInsertedRowID - retention])
        }
    }

    private static func filter(user: String?, action: AuditAction?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let user {
            conditions.append("username = ?")
            arguments += [user]
        }
        if let action {
            conditions.append("action = ?")
            arguments += [action.rawValue]
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    private static func entry(_ row: Row) -> AuditEntry? {
        guard let action = AuditAction(rawValue: row["action"]) else { return nil }
        return AuditEntry(id: row["id"], timestamp: row["timestamp"], user: row["username"], action: action,
                          address: row["address"], method: row["method"], route: row["route"],
                          resource: row["resource"], detail: row["detail"], commit: row["commit_id"])
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
