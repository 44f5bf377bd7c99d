import Foundation

/// An audit log entry as it is written, before the store numbers it; its fields already cleaned by `AuditLog`.
public struct AuditRecord: Sendable, Equatable {
    public var timestamp: Date
    public var action: AuditAction
    public var user: String?
    public var address: String?
    public var method: String?
    public var route: String?
    public var resource: String?
    public var detail: String?
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
