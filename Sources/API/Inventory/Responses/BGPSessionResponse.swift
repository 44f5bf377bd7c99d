import Compiler
import Foundation
import Hummingbird

/// A BGP session as the reference lists it. The live fields (`status`, `uptime`, prefix counts) come from BIRD;
/// until the server asks BIRD they are `"unknown"` and null, never made up.
struct BGPSessionResponse: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var node: String
    var neighbor: String
    var remoteAs: UInt32
    var holdTime: Int
    /// `"***"` when the session has a password (kept outside git), else null: the password itself is never shown.
    @Nullable var password: String?
    @Nullable var description: String?
    var enabled: Bool
    @Nullable var maxPrefixes: Int?
    var status: String
    @Nullable var lastStatusChange: Date?
    @Nullable var uptime: Int?
    @Nullable var prefixesReceived: Int?
    @Nullable var prefixesSent: Int?
    var createdAt: Date
    var updatedAt: Date

    init(_ session: BGPSession, _ context: ResponseContext) {
        id = session.id
        name = session.name
        node = session.node
        neighbor = session.neighbor.description
        remoteAs = session.remoteAS
        holdTime = session.holdTime
        password = session.passwordSecret == nil ? nil : "***"
        description = session.description
        enabled = session.enabled
        maxPrefixes = session.maxPrefixes
        status = "unknown"
        createdAt = context.times.created(session.origin)
        updatedAt = context.times.updated(session.origin)
    }
}
