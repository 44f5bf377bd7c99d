import Foundation

/// One entry of the audit log, as `GET /audit-logs` and `wgc audit --format json` write it: the store's number and
/// the record's fields (`entry.user`, `entry.action`, …), every one present, `null` when it does not apply (a login
/// has no route nor commit).
@dynamicMemberLookup
public struct AuditEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var record: AuditRecord

    public subscript<Field>(dynamicMember field: KeyPath<AuditRecord, Field>) -> Field {
        record[keyPath: field]
    }

    enum CodingKeys: String, CodingKey {
        case id, timestamp, user, action, address, method, route, resource, detail, commit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(record.timestamp, forKey: .timestamp)
        try container.encode(record.user, forKey: .user)
        try container.encode(record.action, forKey: .action)
        try container.encode(record.address, forKey: .address)
        try container.encode(record.method, forKey: .method)
        try container.encode(record.route, forKey: .route)
        try container.encode(record.resource, forKey: .resource)
        try container.encode(record.detail, forKey: .detail)
        try container.encode(record.commit, forKey: .commit)
    }

    /// One line for a terminal: the time, the action, then `key=value` for each field that is set.
    public var line: String {
        let fields: [(String, String?)] = [("user", record.user), ("address", record.address),
                                           ("method", record.method), ("route", record.route),
                                           ("resource", record.resource), ("commit", record.commit),
                                           ("detail", record.detail)]
        let pairs = fields.compactMap { key, value in value.map { "\(key)=\(Self.quotedIfNeeded($0))" } }
        return ([record.timestamp.formatted(.iso8601), record.action.rawValue] + pairs).joined(separator: " ")
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}
