import Foundation
import HummingbirdWebSocket

/// The server's side of one connection's exchange: the greeting, and an answer to each client message —
/// `subscribed` (with the current state of what it covers), `unsubscribed`, `pong`, or an `error` that names the
/// problem and leaves the connection open.
struct LiveConversation: Sendable {
    let connection: LiveConnection
    let watcher: LiveWatcher
    let head: InventoryHead

    /// `connected`: who, the subscriptions the connection type gave, the alerts in force; then the current state
    /// of each of those subscriptions.
    func greet(_ admission: LiveAdmission) async {
        let subscriptions = connection.subscriptions.sorted { $0.channel.rawValue < $1.channel.rawValue }
        connection.send(LiveJSON.text(Connected(
            userId: admission.user.id, connectionType: admission.connectionType.rawValue,
            subscriptions: subscriptions.map(SubscriptionJSON.init), alerts: await watcher.activeAlerts,
            timestamp: APIClock.timestamp())))
        for subscription in subscriptions { await subscribed(subscription) }
    }

    func answer(_ message: WebSocketMessage) async {
        guard case .text(let text) = message else {
            return refuse("INVALID_MESSAGE", "messages are JSON text, not binary")
        }
        let request: LiveRequest
        do {
            request = try LiveRequest.parse(text)
        } catch {
            return refuse("INVALID_MESSAGE", error.detail)
        }
        switch request {
        case .ping:
            connection.send(LiveJSON.text(Pong(timestamp: APIClock.timestamp())))
        case .subscribe(let subscription):
            if let id = subscription.id, await !exists(subscription.channel, id: id) {
                return refuse("NOT_FOUND", "no \(subscription.channel == .bgpSessions ? "BGP session" : "pool") "
                                  + "with id \(id) in the served inventory")
            }
            _ = connection.subscribe(subscription)
            await subscribed(subscription)
        case .unsubscribe(let subscription):
            guard connection.unsubscribe(subscription) else {
                return refuse("NOT_SUBSCRIBED", "the connection has no such subscription")
            }
            connection.send(LiveJSON.text(SubscriptionMessage<Never>(type: "unsubscribed", subscription)))
        }
    }

    /// `subscribed`, with `current`: the state of every session or pool the subscription covers.
    private func subscribed(_ subscription: LiveSubscription) async {
        switch subscription.channel {
        case .bgpSessions:
            let sessions = await watcher.currentSessions().filter { subscription.id == nil || $0.sessionId == subscription.id }
            connection.send(LiveJSON.text(SubscriptionMessage(type: "subscribed", subscription, current: sessions)))
        case .ipv6Pools:
            let inventory = try? await head.current().inventory
            let pools = inventory.map { inventory in
                inventory.pools.filter { subscription.id == nil || $0.id == subscription.id }
                    .map { PoolStatusAnswer($0, inventory: inventory) }
            } ?? []
            connection.send(LiveJSON.text(SubscriptionMessage(type: "subscribed", subscription, current: pools)))
        }
    }

    private func exists(_ channel: LiveChannel, id: String) async -> Bool {
        guard let inventory = try? await head.current().inventory else { return false }
        return switch channel {
        case .bgpSessions: inventory.sessions.contains { $0.id == id }
        case .ipv6Pools: inventory.pools.contains { $0.id == id }
        }
    }

    private func refuse(_ code: String, _ detail: String) {
        connection.send(LiveJSON.text(Failure(errorCode: code, detail: detail, timestamp: APIClock.timestamp())))
    }

    // MARK: Messages

    private struct Connected: Encodable {
        var type = "connected"
        var userId: String
        var connectionType: String
        var subscriptions: [SubscriptionJSON]
        var alerts: [SystemAlert]
        var timestamp: String
    }

    private struct SubscriptionJSON: Encodable {
        var channel: String
        @Nullable var sessionId: String?
        @Nullable var poolId: String?

        init(_ subscription: LiveSubscription) {
            channel = subscription.channel.rawValue
            sessionId = subscription.channel == .bgpSessions ? subscription.id : nil
            poolId = subscription.channel == .ipv6Pools ? subscription.id : nil
        }
    }

    /// `subscribed`, with `current`, or `unsubscribed`, without: the fields of `SubscriptionJSON` beside the
    /// message's own.
    private struct SubscriptionMessage<Current: Encodable>: Encodable {
        var type: String
        var subscription: SubscriptionJSON
        var current: [Current]?
        var timestamp = APIClock.timestamp()

        enum CodingKeys: CodingKey {
            case type, current, timestamp
        }

        init(type: String, _ subscription: LiveSubscription, current: [Current]? = nil) {
            self.type = type
            self.subscription = SubscriptionJSON(subscription)
            self.current = current
        }

        func encode(to encoder: any Encoder) throws {
            try subscription.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encodeIfPresent(current, forKey: .current)
            try container.encode(timestamp, forKey: .timestamp)
        }
    }

    private struct Pong: Encodable {
        var type = "pong"
        var timestamp: String
    }

    private struct Failure: Encodable {
        var type = "error"
        var errorCode: String
        var detail: String
        var timestamp: String
    }
}
