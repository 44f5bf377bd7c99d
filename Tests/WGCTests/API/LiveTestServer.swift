@testable import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization
import Testing

/// A real API server with its WebSocket side (`LiveUpdates`) on a free port of 127.0.0.1: the status routes over
/// `head`, BIRD at `birdSocket` when given, the watcher looking every 100 ms and checking tokens as often as
/// `tokenInterval` says.
struct LiveTestServer {
    let server: APITestServer
    let status: ServerStatus
    let live: LiveUpdates

    /// `disk`: the folder whose file system the disk alerts watch (the state folder's by default).
    init(head: InventoryHead, birdSocket: String? = nil, accessLifetime: TimeInterval = 900,
         tokenInterval: Duration = .milliseconds(100), queueLimit: Int = 256, disk: String? = nil) async throws {
        server = try await APITestServer(accessLifetime: accessLifetime)
        status = ServerStatus(head: head, store: server.store, birdSocket: birdSocket,
                              stateDirectory: disk ?? server.directory.path)
        live = LiveUpdates(authentication: server.authentication, status: status, interval: .milliseconds(100),
                           tokenInterval: tokenInterval, queueLimit: queueLimit)
    }

    /// Serves while `body` runs with an HTTP client, the server's port and a superuser's tokens.
    func run<Value: Sendable>(
        _ body: @escaping @Sendable (APITestClient, Int, APITestTokens) async throws -> Value
    ) async throws -> Value {
        defer { try? FileManager.default.removeItem(at: server.directory) }
        let routes = InventoryRoutes.all(head: status.head, birdSocket: status.birdSocket, live: live)
        let router = APIServer.router(routes: routes, authentication: server.authentication, isReady: { true },
                                      status: status, live: live)
        let configuration = APIServerConfiguration(repository: "", inventory: "", port: 0,
                                                   stateDirectory: server.directory.path)
        let app = try APIServer.application(configuration, router: router, logger: Logger(label: "test"),
                                            metrics: status.metrics, live: live)
        return try await TestExecutor.run {
            try await app.test(.live) { client in
                let api = APITestClient(client: client)
                return try await body(api, try #require(client.port), try await api.tokens())
            }
        }
    }
}

/// A WebSocket client of the test server: what it receives queued in order, read by one test task.
final class LiveTestClient: @unchecked Sendable {  // `iterator` is read by the one task that owns the client
    enum Event: Sendable {
        case opened
        case message(String)
        case closed(code: String?, reason: String?)
        case failed(String)
    }

    private let events: AsyncStream<Event>
    private var iterator: AsyncStream<Event>.Iterator
    private let outbound = Writer()
    private let task: Task<Void, Never>

    /// Opens `path` (with its query) on `port`; throws when the upgrade is refused.
    init(port: Int, path: String, headers: HTTPFields = [:]) async throws {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        self.events = events
        iterator = events.makeAsyncIterator()
        var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
        configuration.additionalHeaders = headers
        let box = outbound
        task = Task {
            do {
                let close = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)\(path)",
                                                              configuration: configuration,
                                                              logger: Logger(label: "ws-test")) { inbound, out, _ in
                    box.withLock { $0 = out }
                    continuation.yield(.opened)
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message { continuation.yield(.message(text)) }
                    }
                }
                continuation.yield(.closed(code: close.map { "\($0.closeCode)" }, reason: close?.reason))
            } catch {
                continuation.yield(.failed("\(error)"))
            }
            continuation.finish()
        }
        switch await iterator.next() {
        case .opened: return
        case .failed(let error): throw Refused(error: error)
        default: throw Refused(error: "the connection ended before it opened")
        }
    }

    /// The connection's writer, once it is open.
    private final class Writer: Sendable {
        let value = Mutex<WebSocketOutboundWriter?>(nil)
        func withLock<T>(_ body: (inout WebSocketOutboundWriter?) -> T) -> T { value.withLock { body(&$0) } }
    }

    struct Refused: Error {
        var error: String
    }

    deinit { task.cancel() }

    /// Sends a text message.
    func send(_ text: String) async throws {
        let writer = try #require(outbound.withLock { $0 })
        try await writer.write(.text(text))
    }

    /// The next message of `type`, skipping others; fails when the connection ends first.
    func next(_ type: String) async throws -> [String: Any] {
        while true {
            let object = try await nextMessage(waitingFor: type)
            if object["type"] as? String == type { return object }
        }
    }

    /// The next message, whatever its type.
    func nextMessage(waitingFor what: String = "a message") async throws -> [String: Any] {
        while true {
            switch await iterator.next() {
            case .message(let text):
                return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            case .closed(let code, let reason):
                throw Refused(error: "closed (\(code ?? "no code"), \(reason ?? "")) while waiting for \(what)")
            case .failed(let error):
                throw Refused(error: "\(error) while waiting for \(what)")
            case .opened:
                continue
            case nil:
                throw Refused(error: "the stream ended while waiting for \(what)")
            }
        }
    }

    /// Reads until the server closes; its close code and reason.
    func closed() async throws -> (code: String?, reason: String?) {
        while let event = await iterator.next() {
            switch event {
            case .closed(let code, let reason): return (code, reason)
            case .failed(let error): throw Refused(error: error)
            default: continue
            }
        }
        throw Refused(error: "the stream ended without a close")
    }

    /// Closes from the client's side and waits for the end.
    func close() async throws {
        try await outbound.withLock { $0 }?.close(.normalClosure, reason: nil)
        _ = try? await closed()
    }
}
