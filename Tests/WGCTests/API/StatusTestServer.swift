@testable import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A real API server with the status, system and monitoring routes (`ServerStatus`) over `head`, its user store in
/// a fresh state folder holding the test superuser; BIRD at `birdSocket` when given.
struct StatusTestServer {
    let server: APITestServer
    let status: ServerStatus

    init(head: InventoryHead, birdSocket: String? = nil) async throws {
        server = try await APITestServer()
        status = ServerStatus(head: head, store: server.store, birdSocket: birdSocket,
                              stateDirectory: server.directory.path)
    }

    /// Serves every route on a free port of 127.0.0.1 while `body` runs with a client and a superuser's token.
    func run<Value: Sendable>(_ body: @escaping @Sendable (APITestClient, String) async throws -> Value) async throws
        -> Value {
        defer { try? FileManager.default.removeItem(at: server.directory) }
        let router = APIServer.router(routes: InventoryRoutes.all(head: status.head, birdSocket: status.birdSocket),
                                      authentication: server.authentication, isReady: { true }, status: status)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await TestExecutor.run {
            try await app.test(.live) { client in
                let api = APITestClient(client: client)
                return try await body(api, try await api.tokens().accessToken)
            }
        }
    }
}

extension APITestClient {
    /// GETs `path` with `token` and reads the JSON answer.
    func json(_ path: String, token: String?) async throws -> ReadAnswer {
        let response = try await send(.get, path, token: token)
        return ReadAnswer(status: response.status, headers: response.headers,
                          json: try JSONSerialization.jsonObject(with: Data(buffer: response.body),
                                                                 options: [.fragmentsAllowed]))
    }

    /// POSTs `body` to `path` with `token` and reads the JSON answer.
    func post(_ path: String, _ body: String, token: String?) async throws -> ReadAnswer {
        let response = try await send(.post, path, token: token, body: body)
        return ReadAnswer(status: response.status, headers: response.headers,
                          json: try JSONSerialization.jsonObject(with: Data(buffer: response.body),
                                                                 options: [.fragmentsAllowed]))
    }
}
