import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A real API server on 127.0.0.1 over a fresh state directory holding one superuser, for API tests.
struct APITestServer {
    static let adminName = "admin"
    static let adminPassword = "correct horse battery"

    let directory: URL
    let authentication: APIAuthentication

    init(accessLifetime: TimeInterval = 900, limiter: LoginRateLimiter = LoginRateLimiter(),
         requests: RequestRateLimiter = RequestRateLimiter(rate: 0)) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wgc-api-\(UUID().uuidString)")
        let store = try SQLiteStore(stateDirectory: directory.path)
        _ = try await store.create(NewUser(username: Self.adminName, email: "admin@example.net",
                                           password: Self.adminPassword, isSuperuser: true))
        let secret = try JWTSecret.load(stateDirectory: directory.path, environment: [:])
        let tokens = await TokenService(secret: secret, accessLifetime: accessLifetime)
        authentication = APIAuthentication(store: store, tokens: tokens, limiter: limiter, requests: requests)
    }

    var store: any APIStore { authentication.store }

    /// Serves the API with `routes` mounted next to the built-in ones, on an ephemeral port, while `body` runs; the
    /// server and the client run on the tests' own threads (`TestExecutor`), whatever blocks the cooperative pool.
    func run<Value: Sendable>(routes: [any APIRoutes] = [],
                              _ body: @escaping @Sendable (APITestClient) async throws -> Value) async throws -> Value {
        defer { try? FileManager.default.removeItem(at: directory) }
        let router = APIServer.router(routes: routes, authentication: authentication, isReady: { true })
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await TestExecutor.run {
            try await app.test(.live) { client in try await body(APITestClient(client: client)) }
        }
    }
}

/// A login's answer as a test reads it.
struct APITestTokens: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var id: String
        var username: String
        var email: String?
        var isActive: Bool
        var isSuperuser: Bool
    }

    var accessToken: String
    var refreshToken: String
    var tokenType: String
    var expiresIn: Int
    var user: User
}

/// An error answer as a test reads it.
struct APITestError: Decodable, Sendable {
    var detail: String
    var errorCode: String
    var timestamp: String
}

/// A real HTTP client of the test server that speaks JSON.
struct APITestClient: Sendable {
    let client: any TestClientProtocol

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: String? = nil,
              headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers,
                                        body: body.map { ByteBuffer(string: $0) })
    }

    func login(_ username: String = APITestServer.adminName,
               _ password: String = APITestServer.adminPassword) async throws -> TestResponse {
        try await send(.post, "/api/v1/auth/login", body: #"{"username":"\#(username)","password":"\#(password)"}"#)
    }

    /// The tokens of a login that must succeed.
    func tokens(_ username: String = APITestServer.adminName,
                _ password: String = APITestServer.adminPassword) async throws -> APITestTokens {
        try decode(APITestTokens.self, try await login(username, password))
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try Self.decoder.decode(T.self, from: Data(buffer: response.body))
    }

    func error(_ response: TestResponse) throws -> APITestError { try decode(APITestError.self, response) }
}
