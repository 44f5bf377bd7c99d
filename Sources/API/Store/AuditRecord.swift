import Foundation

/// An audit log entry as it is written, before the store numbers it (`AuditEntry` is a numbered one); its fields
/// already cleaned by `AuditLog`.
public struct AuditRecord: Sendable, Equatable {
    public var timestamp: Date
    public var action: AuditAction
    /// The user who acted, or the username a failed login tried (cut to 64 characters).
    public var user: String?
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

    public init(timestamp: Date = Date(), action: AuditAction, user: String? = nil, address: String? = nil,
                method: String? = nil, route: String? = nil, resource: String? = nil, detail: String? = nil,
                commit: String? = nil) {
        self.timestamp = timestamp
        self.action = action
        self.user = user
        self.address = address
        self.method = method
        self.route = route
        self.resource = resource
        self.detail = detail
        self.commit = commit
    }
}
