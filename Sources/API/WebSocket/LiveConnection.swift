import Foundation
import NIOCore
import NIOWebSocket
import Synchronization
import HummingbirdWebSocket

/// One open WebSocket: who holds it (the user and the access token it was opened with), what it is subscribed to,
/// and its send queue. The queue is bounded: a client that does not read fast enough to keep it below
/// `queueLimit` is dropped (its TCP connection closed), so that it never holds up the server or other clients.
final class LiveConnection: Sendable {
    /// An item of the send queue: a text message, or the last thing sent, a close frame.
    enum Outgoing: Sendable {
        case text(String)
        case close(WebSocketErrorCode, String)
    }

    let id = UUID()
    let userID: String
    let token: LiveToken
    let outgoing: AsyncStream<Outgoing>
    private let continuation: AsyncStream<Outgoing>.Continuation
    private let channel: any Channel
    private let state: Mutex<State>

    private struct State {
        var subscriptions: Set<LiveSubscription>
        var closing = false
    }

    /// Why a connection ended, when the server ended it.
    enum Ending: Sendable, Equatable {
        case slowClient, tokenExpired, tokenRevoked
    }

    init(userID: String, token: LiveToken, subscriptions: [LiveSubscription], channel: any Channel,
         queueLimit: Int) {
        self.userID = userID
        self.token = token
        self.channel = channel
        state = Mutex(State(subscriptions: Set(subscriptions)))
        (outgoing, continuation) = AsyncStream.makeStream(of: Outgoing.self,
                                                          bufferingPolicy: .bufferingOldest(queueLimit))
    }

    var subscriptions: Set<LiveSubscription> { state.withLock { $0.subscriptions } }

    /// Adds `subscription`; false when the connection already had it.
    func subscribe(_ subscription: LiveSubscription) -> Bool {
        state.withLock { $0.subscriptions.insert(subscription).inserted }
    }

    /// Removes `subscription`; false when the connection did not have it.
    func unsubscribe(_ subscription: LiveSubscription) -> Bool {
        state.withLock { $0.subscriptions.remove(subscription) != nil }
    }

    /// Whether an event goes to this connection: an alert always, an update when a subscription covers it.
    func wants(_ event: LiveEvent) -> Bool {
        guard let topic = event.topic else { return true }
        return state.withLock { state in state.subscriptions.contains { $0.covers(topic.channel, id: topic.id) } }
    }

    /// What became of a message given to `send`.
    enum Sent: Sendable, Equatable {
        case queued
        /// The queue was full: the client is dropped now.
        case dropped
        /// The connection is closing: nothing more is sent.
        case closing
    }

    /// Queues `text`, never waiting. A full queue drops the client.
    @discardableResult
    func send(_ text: String) -> Sent {
        if state.withLock({ $0.closing }) { return .closing }
        switch continuation.yield(.text(text)) {
        case .enqueued:
            return .queued
        case .dropped:
            end(.slowClient)
            return .dropped
        case .terminated:
            return .closing
        @unknown default:
            return .closing
        }
    }

    /// Ends the connection for `reason`: a close frame saying why when the queue has room (the client reads), else
    /// the TCP connection closed at once.
    func end(_ reason: Ending) {
        let first = state.withLock { state in
            defer { state.closing = true }
            return !state.closing
        }
        guard first else { return }
        let (code, words): (WebSocketErrorCode, String) = switch reason {
        case .slowClient: (.policyViolation, "the client read too slowly: its send queue was full")
        case .tokenExpired: (.policyViolation, "the access token expired")
        case .tokenRevoked: (.policyViolation, "the access token was revoked")
        }
        guard reason != .slowClient, case .enqueued = continuation.yield(.close(code, words)) else {
            // Nothing more can be sent in order: hang up.
            continuation.finish()
            channel.close(mode: .all, promise: nil)
            return
        }
        continuation.finish()
    }

    /// Called when the connection is over, whoever ended it: nothing more is queued.
    func finished() {
        state.withLock { $0.closing = true }
        continuation.finish()
    }
}

/// The access token a WebSocket was opened with, as far as keeping the connection open depends on it.
struct LiveToken: Sendable, Hashable {
    var jti: String
    var generation: Int
    var expires: Date
}
