import Foundation

/// One entry of the audit log, as `GET /audit-logs` and `wgc audit --format json` write it: every field present,
/// `null` when it does not apply (a login has no route nor commit).
public struct AuditEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var timestamp: Date
    /// The user who acted, or the username a failed login tried (cut to 64 characters).
    public var user: String?
    public var action: AuditAction
    /// The client's IP address.
    public var address: String?
    public var method: String?
    /// The route as the router matched it, e.g. `/api/v1/bgp/sessions/{id}`.
    public var route: String?
    /// What was written, e.g. the session's id.
    public var resource: String?
    /// Why a login or a write failed, or what a write did.
    public var detail: String?
    /// The commit a write made, 40 hexadecimal digits.
    public var commit: String?

    enum CodingKeys: String, CodingKey {
        case id, timestamp, user, action, address, method, route, resource, detail, commit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(user, forKey: .user)
        try container.encode(action, forKey: .action)
        try container.encode(address, forKey: .address)
        try container.encode(method, forKey: .method)
        try container.encode(route, forKey: .route)
        try container.encode(resource, forKey: .resource)
        try container.encode(detail, forKey: .detail)
        try container.encode(commit, forKey: .commit)
    }

    /// One line for a terminal: the time, the action, then `key=value` for each field that is set.
    public var line: String {
        let fields: [(String, String?)] = [("user", user), ("address", address), ("method", method),
                                           ("route", route), ("resource", resource), ("commit", commit),
                                           ("detail", detail)]
        let pairs = fields.compactMap { key, value in value.map { "\(key)=\(Self.quotedIfNeeded($0))" } }
        return ([timestamp.formatted(.iso8601), action.rawValue] + pairs).joined(separator: " ")
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}
