import Foundation

/// A message from a WebSocket client: `{"type":"subscribe","channel":"bgp_sessions","session_id":"…"}`
/// (`pool_id` for `ipv6_pools`; no id: all of the channel), the same with `unsubscribe`, or `{"type":"ping"}`.
enum LiveRequest: Sendable, Equatable {
    case subscribe(LiveSubscription)
    case unsubscribe(LiveSubscription)
    case ping

    /// Why a message was not understood, in words for the client.
    struct Refusal: Error, Equatable {
        var detail: String
    }

    private struct Wire: Decodable {
        var type: String?
        var channel: String?
        var sessionId: String?
        var poolId: String?
    }

    static func parse(_ text: String) throws(Refusal) -> LiveRequest {
        let wire: Wire
        do {
            wire = try APIJSON.decoder.decode(Wire.self, from: Data(text.utf8))
        } catch {
            throw Refusal(detail: "a message is a JSON object with a 'type' (subscribe, unsubscribe or ping)")
        }
        switch wire.type {
        case "ping": return .ping
        case "subscribe": return .subscribe(try subscription(wire))
        case "unsubscribe": return .unsubscribe(try subscription(wire))
        case let other?: throw Refusal(detail: "unknown message type '\(other)': subscribe, unsubscribe or ping")
        case nil: throw Refusal(detail: "the message has no 'type' (subscribe, unsubscribe or ping)")
        }
    }

    private static func subscription(_ wire: Wire) throws(Refusal) -> LiveSubscription {
        let names = LiveChannel.allCases.map(\.rawValue).joined(separator: " or ")
        guard let name = wire.channel else { throw Refusal(detail: "'channel' is required: \(names)") }
        guard let channel = LiveChannel(rawValue: name) else {
            throw Refusal(detail: "unknown channel '\(name)': \(names)")
        }
        let (field, id, other) = channel == .bgpSessions ? ("session_id", wire.sessionId, wire.poolId)
            : ("pool_id", wire.poolId, wire.sessionId)
        if other != nil {
            throw Refusal(detail: "channel '\(name)' takes '\(field)', not '\(field == "pool_id" ? "session_id" : "pool_id")'")
        }
        guard let id else { return LiveSubscription(channel: channel) }
        guard UUID(uuidString: id) != nil else { throw Refusal(detail: "'\(field)' must be a UUID, not '\(id)'") }
        return LiveSubscription(channel: channel, id: id.lowercased())
    }
}
