@testable import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Real answers of the running server checked against the document's schema for their route and status.
@Suite("OpenAPI: real answers match the document's schemas")
struct OpenAPIConformanceTests {
    static let checker = OpenAPISchemaChecker(document: (try? JSONValue.parse(OpenAPIDocument.json)) ?? .null)

    /// `response`, the answer to `method` on the documented `route`, has the status `expected` and conforms.
    static func expectConforms(_ response: TestResponse, _ method: String, _ route: String, status expected: Int,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(Int(response.status.code) == expected, "\(method) \(route)", sourceLocation: sourceLocation)
        let schema = try #require(checker.answerSchema(method, route, status: expected),
                                  "no schema for \(method) \(route) \(expected)", sourceLocation: sourceLocation)
        let answer = try JSONValue.parse(Data(buffer: response.body))
        #expect(checker.problems(answer, schema) == [], "\(method) \(route) \(expected)",
                sourceLocation: sourceLocation)
    }

    static func session(neighbor: String) -> String {
        #"{"name": "peer-9", "neighbor": "\#(neighbor)", "remote_as": 65009}"#
    }

    @Test("login tokens, a list of clients, a session, users, the audit log and a 404 conform")
    func reads() async throws {
        let fixture = try WritesFixture()
        let session = try #require(try await fixture.head.current().inventory.sessions.first).id
        let server = try await StatusTestServer(head: fixture.head)
        try await server.run { api, token in
            try Self.expectConforms(try await api.login(), "post", "/api/v1/auth/login", status: 200)
            try Self.expectConforms(try await api.login("admin", "wrong password"), "post", "/api/v1/auth/login",
                                    status: 401)
            let reads: [(path: String, route: String, status: Int)] = [
                ("/api/v1/wireguard/clients", "/api/v1/wireguard/clients", 200),
                ("/api/v1/bgp/sessions/\(session)", "/api/v1/bgp/sessions/{id}", 200),
                ("/api/v1/bgp/sessions/\(UUID().uuidString.lowercased())", "/api/v1/bgp/sessions/{id}", 404),
                ("/api/v1/bgp/announcements", "/api/v1/bgp/announcements", 200),
                ("/api/v1/ipv6/pools", "/api/v1/ipv6/pools", 200),
                ("/api/v1/wireguard/servers", "/api/v1/wireguard/servers", 200),
                ("/api/v1/users", "/api/v1/users", 200),
                ("/api/v1/audit-logs", "/api/v1/audit-logs", 200),
                ("/api/v1/status/health", "/api/v1/status/health", 200),
                ("/api/v1/monitoring/ipv6/pools", "/api/v1/monitoring/ipv6/pools", 200),
                ("/api/v1/monitoring/bgp/sessions", "/api/v1/monitoring/bgp/sessions", 200),
                ("/api/v1/status/metrics", "/api/v1/status/metrics", 200),
            ]
            for read in reads {
                try Self.expectConforms(try await api.send(.get, read.path, token: token), "get", read.route,
                                        status: read.status)
            }
            try Self.expectConforms(try await api.send(.get, "/api/v1/users"), "get", "/api/v1/users", status: 401)
        }
    }

    @Test("a write's 201 and a refused write's 422 with the compiler's diagnostics conform")
    func writes() async throws {
        let fixture = try WritesFixture()
        let server = try await StatusTestServer(head: fixture.head)
        try await server.run { api, token in
            let refused = try await api.send(.post, "/api/v1/bgp/sessions", token: token,
                                             body: Self.session(neighbor: "not-an-address"))
            try Self.expectConforms(refused, "post", "/api/v1/bgp/sessions", status: 422)
            let diagnostics = try JSONValue.parse(Data(buffer: refused.body))["diagnostics"]
            guard case .array(let items)? = diagnostics else { Issue.record("no diagnostics"); return }
            #expect(!items.isEmpty)
            let created = try await api.send(.post, "/api/v1/bgp/sessions", token: token,
                                             body: Self.session(neighbor: "192.168.1.9"))
            try Self.expectConforms(created, "post", "/api/v1/bgp/sessions", status: 201)
            let unknown = try await api.send(.post, "/api/v1/bgp/sessions", token: token, body: #"{"colour": "red"}"#)
            try Self.expectConforms(unknown, "post", "/api/v1/bgp/sessions", status: 422)
        }
    }

    @Test("the checker finds what breaks a schema", arguments: [
        #"{"detail": "x", "error_code": "X"}"#,
        #"{"detail": "x", "error_code": "X", "timestamp": "yesterday"}"#,
        #"{"detail": 1, "error_code": "X", "timestamp": "2026-01-01T00:00:00Z"}"#,
        #"{"detail": "x", "error_code": "X", "timestamp": "2026-01-01T00:00:00Z", "extra": true}"#,
        #"{"detail": "x", "error_code": "X", "timestamp": "2026-01-01T00:00:00Z", "diagnostics": [{"code": "c"}]}"#,
        #"[]"#,
    ])
    func checkerRejects(answer: String) throws {
        let schema = try #require(Self.checker.answerSchema("get", "/api/v1/users/{id}", status: 404))
        #expect(!Self.checker.problems(try JSONValue.parse(Array(answer.utf8)), schema).isEmpty)
        let good = #"{"detail": "x", "error_code": "X", "timestamp": "2026-01-01T00:00:00Z"}"#
        #expect(Self.checker.problems(try JSONValue.parse(Array(good.utf8)), schema) == [])
    }

    @Test("the checker knows uuid, nullable types and enums")
    func checkerFormats() throws {
        let user = try #require(Self.checker.answerSchema("get", "/api/v1/users/{id}", status: 200))
        let base = #""username": "a", "email": null, "is_active": true, "is_superuser": false, "last_login": null, "#
            + #""created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z""#
        let good = try JSONValue.parse(Array(#"{"id": "\#(UUID().uuidString)", \#(base)}"#.utf8))
        #expect(Self.checker.problems(good, user) == [])
        let badID = try JSONValue.parse(Array(#"{"id": "not-a-uuid", \#(base)}"#.utf8))
        #expect(Self.checker.problems(badID, user) == ["$.id: 'not-a-uuid' is not a uuid"])
        let tokens = try #require(Self.checker.answerSchema("post", "/api/v1/auth/login", status: 200))
        let loginUser = #"{"id": "\#(UUID().uuidString)", "username": "a", "email": null, "is_active": true, "#
            + #""is_superuser": true}"#
        let badType = try JSONValue.parse(Array((#"{"access_token": "a", "refresh_token": "r", "expires_in": 900, "#
            + #""token_type": "mac", "user": \#(loginUser)}"#).utf8))
        #expect(Self.checker.problems(badType, tokens).count == 1)
    }
}
