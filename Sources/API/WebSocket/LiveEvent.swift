import Foundation

/// What the server pushes over a WebSocket, each a JSON object with a `type` and a `timestamp`:
/// - `bgp_status_update`: a session's state changed in BIRD (the `monitoring/bgp/sessions` object of it, with
///   `previous_status`);
/// - `pool_status_update`: an allocation, release or whitelist commit landed, or a new HEAD changed a pool's
///   usage (the `monitoring/ipv6/pools` object, with `action` and `commit`);
/// - `system_alert`: a new HEAD does not validate, BIRD stopped answering, the disk runs low — and when each
///   is over (`severity` `resolved`).
enum LiveEvent: Sendable {
    case bgpStatus(BGPSessionLive, previous: String?)
    case poolStatus(PoolStatusAnswer, action: String, commit: String)
    case alert(SystemAlert)

    /// The channel and resource an update is about; nil for alerts, which every connection gets.
    var topic: (channel: LiveChannel, id: String)? {
        switch self {
        case .bgpStatus(let session, _): (.bgpSessions, session.sessionId)
        case .poolStatus(let pool, _, _): (.ipv6Pools, pool.poolId)
        case .alert: nil
        }
    }

    /// The event as the text message every subscriber gets.
    func text() -> String {
        let timestamp = APIClock.timestamp()
        switch self {
        case .bgpStatus(let session, let previous):
            return LiveJSON.text(Merged(head: Header(type: "bgp_status_update", timestamp: timestamp),
                                        body: session, tail: BGPTail(previousStatus: previous)))
        case .poolStatus(let pool, let action, let commit):
            return LiveJSON.text(Merged(head: Header(type: "pool_status_update", timestamp: timestamp),
                                        body: pool, tail: PoolTail(action: action, commit: commit)))
        case .alert(let alert):
            return LiveJSON.text(Merged(head: Header(type: "system_alert", timestamp: timestamp), body: alert,
                                        tail: Empty()))
        }
    }

    private struct Header: Encodable {
        var type: String
        var timestamp: String
    }

    private struct BGPTail: Encodable {
        @Nullable var previousStatus: String?
    }

    private struct PoolTail: Encodable {
        var action: String
        var commit: String
    }

    private struct Empty: Encodable {}

    /// Three objects' keys in one object.
    private struct Merged<Head: Encodable, Body: Encodable, Tail: Encodable>: Encodable {
        var head: Head
        var body: Body
        var tail: Tail

        func encode(to encoder: any Encoder) throws {
            try head.encode(to: encoder)
            try body.encode(to: encoder)
            try tail.encode(to: encoder)
        }
    }
}

/// A `system_alert`: what (`alert`), how bad (`critical`, `warning`, or `resolved` when it is over), and the
/// details in words.
struct SystemAlert: Encodable, Sendable, Equatable {
    enum Kind: String, Encodable, Sendable {
        case headInvalid = "head_invalid"
        case birdDown = "bird_down"
        case diskLow = "disk_low"
    }

    var alert: Kind
    var severity: String
    var detail: String
    @Nullable var commit: String?

    static func == (lhs: SystemAlert, rhs: SystemAlert) -> Bool {
        lhs.alert == rhs.alert && lhs.severity == rhs.severity && lhs.detail == rhs.detail && lhs.commit == rhs.commit
    }
}

/// The API's JSON encoder for WebSocket messages (snake_case keys, sorted).
enum LiveJSON {
    static func text(_ value: some Encodable) -> String {
        // Every value sent is built here from strings and numbers: encoding cannot fail.
        String(decoding: (try? APIJSON.encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
