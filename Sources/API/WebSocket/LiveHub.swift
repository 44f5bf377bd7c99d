import Foundation
import Synchronization

/// The open WebSocket connections, and whether the watcher that feeds them runs: it runs while at least one
/// connection is open. Publishing queues an event's text on every connection that wants it, without waiting.
final class LiveHub: Sendable {
    private struct State {
        var connections: [UUID: LiveConnection] = [:]
        var watching = false
    }

    private let state = Mutex(State())
    let metrics: APIMetrics?

    init(metrics: APIMetrics?) {
        self.metrics = metrics
    }

    var connections: [LiveConnection] { state.withLock { Array($0.connections.values) } }
    var count: Int { state.withLock { $0.connections.count } }

    /// Adds `connection`; true when the watcher is not running and must be started.
    func register(_ connection: LiveConnection) -> Bool {
        let (start, count) = state.withLock { state -> (Bool, Int) in
            state.connections[connection.id] = connection
            defer { state.watching = true }
            return (!state.watching, state.connections.count)
        }
        metrics?.webSocketConnections(count)
        return start
    }

    func remove(_ connection: LiveConnection) {
        let count = state.withLock { state -> Int in
            state.connections[connection.id] = nil
            return state.connections.count
        }
        metrics?.webSocketConnections(count)
    }

    /// Asked by the watcher before each round: false (and the watcher marked stopped) when no connection is open.
    func keepWatching() -> Bool {
        state.withLock { state in
            if state.connections.isEmpty { state.watching = false }
            return state.watching
        }
    }

    /// Whether a connection is subscribed to anything of `channel`.
    func hasSubscribers(_ channel: LiveChannel) -> Bool {
        connections.contains { connection in connection.subscriptions.contains { $0.channel == channel } }
    }

    /// Queues `event` on every connection that wants it; the text is made once, and only when someone wants it.
    func publish(_ event: LiveEvent) {
        let recipients = connections.filter { $0.wants(event) }
        guard !recipients.isEmpty else { return }
        let text = event.text()
        for connection in recipients where connection.send(text) == .dropped {
            metrics?.webSocketDropped()
        }
    }
}
