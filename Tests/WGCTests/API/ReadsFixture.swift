import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A git repository holding a copy of `examples/inventory` in `inventory/`, an `InventoryHead` on its `main`, and
/// the read routes served behind the token check, read by a client that logged in as the test superuser.
final class ReadsFixture: @unchecked Sendable {  // read-only after init; a test uses it from one task at a time
    let workspace: GitWorkspace
    let head: InventoryHead

    init() throws {
        workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("the example inventory")
        head = try InventoryHead(repository: workspace.path, folder: "inventory", branch: "main")
    }


    /// Stages everything and commits with `date` as author and commit time, as someone outside the server would.
    func commit(_ message: String, at date: String) throws {
        var environment = GitWorkspace.environment
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
        try workspace.git("add", "-A")
        let output = try Programs.run(["git", "-C", workspace.path, "commit", "-q", "-m", message],
                                      environment: environment)
        #expect(output.status == 0, "\(output.combined)")
    }

    /// Runs `body` against the real server on a free port of 127.0.0.1, as a logged-in superuser.
    func withServer(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Self.serve(InventoryRoutes.all(head: head), body)
    }

    /// Serves `routes` behind the token check and runs `body` with a client that sends a superuser's token.
    static func serve(_ routes: [any APIRoutes],
                      _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let server = try await APITestServer()
        try await server.run(routes: routes) { api in
            let token = try await api.tokens().accessToken
            try await body(AuthorizedTestClient(client: api.client, token: token))
        }
    }
}

/// An answer's status, headers and JSON.
struct ReadAnswer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var json: Any

    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }

    /// The list's items by name.
    var byName: [String: [String: Any]] {
        Dictionary(array.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A test client that sends a bearer token with every request.
struct AuthorizedTestClient: TestClientProtocol {
    let client: any TestClientProtocol
    let token: String

    var port: Int? { client.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws
        -> TestResponse {
        var headers = headers
        headers[.authorization] = "Bearer \(token)"
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestClientProtocol {
    func read(_ uri: String) async throws -> ReadAnswer {
        try await execute(uri: uri, method: .get) { response in
            let data = Data(buffer: response.body)
            return ReadAnswer(status: response.status, headers: response.headers,
                              json: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        }
    }
}
