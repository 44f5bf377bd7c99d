import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// The API's WebSocket side (`/api/v1/ws/{user_id}`): admits connections (`LiveAdmission`), keeps them in a
/// `LiveHub`, answers their messages, and feeds them from one `LiveWatcher`. `APIServer.application` serves it
/// when given one; writes of a pool go through it (`poolWrite`).
public final class LiveUpdates: Sendable {
    let authentication: APIAuthentication
    let status: ServerStatus
    let hub: LiveHub
    let watcher: LiveWatcher
    let queueLimit: Int
    /// The largest message a client may send.
    static let maxMessage = 16 << 10

    /// - Parameters:
    ///   - interval: how often the watcher looks at BIRD, the HEAD and the disk (once a second at most is the
    ///     promise of the reference's live view).
    ///   - tokenInterval: how often each connection's token is checked against the store for revocation.
    public init(authentication: APIAuthentication, status: ServerStatus, interval: Duration = .seconds(1),
                tokenInterval: Duration = .seconds(5), queueLimit: Int = 256) {
        self.authentication = authentication
        self.status = status
        self.queueLimit = queueLimit
        hub = LiveHub(metrics: status.metrics)
        watcher = LiveWatcher(status: status, store: authentication.store, hub: hub, interval: interval,
                              tokenInterval: tokenInterval)
    }

    /// The WebSocket connections open now.
    public var connectionCount: Int { hub.count }

    /// Runs a write of `poolID` (allocate, release, whitelist), then tells that pool's subscribers (and those of
    /// any pool whose usage the commit changed) that it landed, as `action`. While it runs, the watcher does not
    /// announce the HEAD the write moves as a commit from elsewhere.
    func poolWrite(poolID: String, action: String, _ write: () async throws -> WriteOutcome) async throws
        -> WriteOutcome {
        await watcher.poolWriteBegins()
        let outcome: WriteOutcome
        do {
            outcome = try await write()
        } catch {
            await watcher.poolWriteEnded(nil)
            throw error
        }
        await watcher.poolWriteEnded(hub.count > 0 ? (outcome.snapshot, poolID, action) : nil)
        return outcome
    }

    /// The upgrade decision for a request: a WebSocket on `/api/v1/ws/{user_id}` for an admitted caller; anything
    /// else is refused (HTTP 400), and a plain GET of the URL says why (`WebSocketRoutes`).
    func shouldUpgrade(_ head: HTTPRequest, channel: any Channel, logger: Logger) async
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let uri = URI(head.path ?? "")
        guard LiveAdmission.userID(inPath: uri.path) != nil else { return .dontUpgrade }
        let admission: LiveAdmission
        do {
            admission = try await LiveAdmission.admit(uri: uri, headers: head.headerFields,
                                                      authentication: authentication)
        } catch {
            logger.info("WebSocket upgrade refused", metadata: ["path": "\(uri.path)",
                                                                  "reason": "\((error as? APIError)?.detail ?? "")"])
            return .dontUpgrade
        }
        let connection = LiveConnection(userID: admission.user.id, token: admission.token,
                                        subscriptions: admission.connectionType.subscriptions, channel: channel,
                                        queueLimit: queueLimit)
        return .upgrade([:]) { [self] inbound, outbound, _ in
            await serve(connection, admission: admission, inbound: inbound, outbound: outbound)
        }
    }

    private func serve(_ connection: LiveConnection, admission: LiveAdmission, inbound: WebSocketInboundStream,
                       outbound: WebSocketOutboundWriter) async {
        if hub.register(connection) {
            Task { [watcher] in await watcher.run() }
        }
        defer {
            connection.finished()
            hub.remove(connection)
        }
        let conversation = LiveConversation(connection: connection, watcher: watcher, head: status.head)
        await conversation.greet(admission)
        try? await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await item in connection.outgoing {
                    switch item {
                    case .text(let text):
                        try await outbound.writeTextMessage(text)
                    case .close(let code, let reason):
                        try await outbound.close(code, reason: reason)
                        return
                    }
                }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: Self.maxMessage) {
                    await conversation.answer(message)
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
