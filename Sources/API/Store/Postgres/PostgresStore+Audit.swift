import Foundation
import PostgresNIO

/// The audit log in PostgreSQL: `id` only grows, so it orders by time (across replicas, by when each entry was
/// numbered).
extension PostgresStore {
    public func appendAudit(_ record: AuditRecord, retention: Int) async throws {
        try await perform("appending to the audit log") {
            let id = try await scalar("""
                INSERT INTO audit_log
                    (timestamp, action, username, address, method, route, resource, detail, commit_id)
                VALUES (\(record.timestamp), \(record.action.rawValue), \(record.user), \(record.address),
                \(record.method), \(record.route), \(record.resource), \(record.detail), \(record.commit))
                RETURNING id
                """)
            try await client.query("DELETE FROM audit_log WHERE id <= \(id - retention)", logger: logger)
        }
    }

    public func auditEntries(limit: Int, offset: Int, user: String?, action: AuditAction?) async throws
        -> [AuditEntry] {
        try await perform("reading the audit log") {
            let rows = try await client.query("""
                SELECT id, timestamp, username, action, address, method, route, resource, detail, commit_id
                FROM audit_log
                WHERE (\(user)::text IS NULL OR username = \(user))
                AND (\(action?.rawValue)::text IS NULL OR action = \(action?.rawValue))
                ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
                """, logger: logger)
            var entries: [AuditEntry] = []
            let decoded = rows.decode((Int64, Date, String?, String, String?, String?, String?, String?, String?,
                                       String?).self)
            for try await (id, timestamp, user, action, address, method, route, resource, detail, commit) in decoded {
                guard let action = AuditAction(rawValue: action) else { continue }
                entries.append(AuditEntry(id: id, record: AuditRecord(
                    timestamp: timestamp, action: action, user: user, address: address, method: method, route: route,
                    resource: resource, detail: detail, commit: commit)))
            }
            return entries
        }
    }

    public func auditCount(user: String?, action: AuditAction?) async throws -> Int {
        try await perform("counting the audit log") {
            try await scalar("""
                SELECT COUNT(*) FROM audit_log
                WHERE (\(user)::text IS NULL OR username = \(user))
                AND (\(action?.rawValue)::text IS NULL OR action = \(action?.rawValue))
                """)
        }
    }
}
