import Compiler
import Foundation
import Hummingbird

/// A prefix a node originates in BGP, as the reference lists it. `session_id` is null when the announcement goes
/// to every session of its node.
struct BGPAnnouncementResponse: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var node: String
    @Nullable var sessionId: String?
    var prefix: String
    var asn: UInt32
    @Nullable var nextHop: String?
    @Nullable var description: String?
    var enabled: Bool
    var createdAt: Date
    var updatedAt: Date

    init(_ announcement: BGPAnnouncement, _ context: ResponseContext) {
        id = announcement.id
        name = announcement.name
        node = announcement.node
        sessionId = announcement.session.flatMap { context.sessionID($0) }
        prefix = announcement.prefix.description
        asn = announcement.asn
        nextHop = announcement.nextHop?.description
        description = announcement.description
        enabled = announcement.enabled
        createdAt = context.times.created(announcement.origin)
        updatedAt = context.times.updated(announcement.origin)
    }
}

