import Foundation
import GRDB

/// The audit log in SQLite: `id` only grows, so it orders by time.
extension SQLiteStore {
    public func appendAudit(_ record: AuditRecord, retention: Int) async throws {
        let arguments: StatementArguments = [record.timestamp, record.action.rawValue, record.user, record.address,
                                             record.method, record.route, record.resource, record.detail,
                                             record.commit]
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (timestamp, action, username, address, method, route, resource, detail, commit_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
            try db.execute(sql: "DELETE FROM audit_log WHERE id <= ?",
                           arguments: [db.lastInsertedRowID - Int64(retention)])
        }
    }

    public func auditEntries(limit: Int, offset: Int, user: String?, action: AuditAction?) async throws
        -> [AuditEntry] {
        let (condition, arguments) = Self.auditFilter(user: user, action: action)
        return try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log\(condition) ORDER BY id DESC LIMIT ? OFFSET ?",
                             arguments: arguments + [limit, offset])
                .compactMap(Self.auditEntry)
        }
    }

    public func auditCount(user: String?, action: AuditAction?) async throws -> Int {
        let (condition, arguments) = Self.auditFilter(user: user, action: action)
        return try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log\(condition)", arguments: arguments) ?? 0
        }
    }

    private static func auditFilter(user: String?, action: AuditAction?) -> (String, StatementArguments) {
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

    private static func auditEntry(_ row: Row) -> AuditEntry? {
        guard let action = AuditAction(rawValue: row["action"]) else { return nil }
        return AuditEntry(id: row["id"], record: AuditRecord(
            timestamp: row["timestamp"], action: action, user: row["username"], address: row["address"],
            method: row["method"], route: row["route"], resource: row["resource"], detail: row["detail"],
            commit: row["commit_id"]))
    }
}
