import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API audit log")
struct APIAuditLogTests {
    /// An entry as a client reads it.
    struct EntryAnswer: Decodable, Sendable {
        var id: Int
        var timestamp: String
        var user: String?
        var action: String
        var address: String?
        var method: String?
        var route: String?
        var resource: String?
        var detail: String?
        var commit: String?
    }

    @Test("every login is recorded, newest first, with the client's address and why a failure failed")
    func logins() async throws {
        let server = try await APITestServer()
        _ = try await server.store.create(NewUser(username: "carol", password: "carol-password", isActive: false))
        try await server.run { api in
            #expect(try await api.login("admin", "wrong-password-1").status == .unauthorized)
            #expect(try await api.login("mallory", "wrong-password-2").status == .unauthorized)
            #expect(try await api.login("carol", "carol-password").status == .forbidden)
            let token = try await api.tokens().accessToken

            let response = try await api.send(.get, "/api/v1/audit-logs", token: token)
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("X-Total-Count")!] == "4")
            let entries = try api.decode([EntryAnswer].self, response)
            #expect(entries.map(\.action) == ["login", "login_failed", "login_failed", "login_failed"])
            #expect(entries.map(\.user) == ["admin", "carol", "mallory", "admin"])
            #expect(entries.map(\.detail) == [nil, "account deactivated", "unknown user", "wrong password"])
            #expect(entries.allSatisfy { $0.address == "127.0.0.1" && $0.commit == nil && $0.route == nil })
            #expect(entries.map(\.id) == entries.map(\.id).sorted(by: >))
            #expect(!String(buffer: response.body).contains("wrong-password"))

            let failed = try await api.send(.get, "/api/v1/audit-logs?action=login_failed&limit=1&offset=1",
                                            token: token)
            #expect(failed.headers[HTTPField.Name("X-Total-Count")!] == "3")
            #expect(try api.decode([EntryAnswer].self, failed).map(\.user) == ["mallory"])
            let admin = try await api.send(.get, "/api/v1/audit-logs?user=admin", token: token)
            #expect(try api.decode([EntryAnswer].self, admin).map(\.action) == ["login", "login_failed"])
            #expect(try await api.send(.get, "/api/v1/audit-logs?action=delete", token: token).status == .badRequest)
            #expect(try await api.send(.get, "/api/v1/audit-logs?limit=1001", token: token).status == .badRequest)

            let files = ["", "-wal"].map { server.directory.appendingPathComponent(SQLiteStore.fileName + $0) }
            let bytes = files.compactMap { FileManager.default.contents(atPath: $0.path) }
            #expect(bytes.contains { $0.range(of: Data("mallory".utf8)) != nil }, "the entries are on disk")
            #expect(bytes.allSatisfy { $0.range(of: Data("wrong-password".utf8)) == nil }, "no password is stored")
        }
    }

    @Test("only superusers read the audit log")
    func notSuperuser() async throws {
        let server = try await APITestServer()
        _ = try await server.store.create(NewUser(username: "dave", password: "dave-password"))
        try await server.run { api in
            let token = try await api.tokens("dave", "dave-password").accessToken
            let response = try await api.send(.get, "/api/v1/audit-logs", token: token)
            #expect(response.status == .forbidden)
            #expect(try api.error(response).errorCode == "FORBIDDEN")
            #expect(try await api.send(.get, "/api/v1/audit-logs").status == .unauthorized)
        }
    }

    @Test("a write is recorded with its route, resource, outcome and the commit it made")
    func writes() async throws {
        let server = try await APITestServer()
        let audit = server.authentication.audit
        let commit = String(repeating: "ab", count: 20)
        try await audit.recordWrite(user: "admin", method: "POST", route: "/api/v1/bgp/sessions", resource: "s-1",
                                    commit: commit, outcome: .succeeded, address: "::1", detail: "created peer-2")
        try await audit.recordWrite(user: "admin", method: "PATCH", route: "/api/v1/bgp/sessions/{id}",
                                    resource: "s-1", commit: nil, outcome: .failed(reason: "overlapping prefix"))
        try await server.run { api in
            let token = try await api.tokens().accessToken
            let response = try await api.send(.get, "/api/v1/audit-logs?user=admin&limit=2", token: token)
            let entries = try api.decode([EntryAnswer].self, response)
            #expect(entries.map(\.action) == ["login", "write_failed"])
            let writes = try api.decode([EntryAnswer].self,
                                        try await api.send(.get, "/api/v1/audit-logs?action=write", token: token))
            let write = try #require(writes.first)
            #expect(writes.count == 1)
            #expect(write.method == "POST" && write.route == "/api/v1/bgp/sessions" && write.resource == "s-1")
            #expect(write.commit == commit && write.address == "::1" && write.detail == "created peer-2")
            let failed = try #require(entries.last)
            #expect(failed.commit == nil && failed.detail == "overlapping prefix" && failed.address == nil)
        }
    }

    @Test("only the newest entries are kept, and a username tried is cut and loses its control characters")
    func retention() async throws {
        let server = try await APITestServer()
        defer { try? FileManager.default.removeItem(at: server.directory) }
        let audit = AuditLog(store: server.store, retention: 3)
        for number in 1...5 { try await audit.recordLogin(user: "user\(number)", address: "192.0.2.\(number)") }
        try await audit.recordFailedLogin(username: "\u{1B}[31m" + String(repeating: "x", count: 200),
                                          address: nil, reason: "unknown user")
        #expect(try await audit.count() == 3)
        let entries = try await audit.entries(limit: 10)
        #expect(entries.map(\.user) == ["?[31m" + String(repeating: "x", count: 59), "user5", "user4"])
    }

    @Test("wgc audit prints the log as lines or as the API's JSON, and refuses a folder without one")
    func command() async throws {
        let server = try await APITestServer()
        let state = server.directory.path
        let wgc = APIServeCommandTests.wgc
        try await server.run { api in
            #expect(try await api.login("admin", "not-the-password").status == .unauthorized)
            _ = try await api.tokens()

            let text = try Programs.run([wgc, "audit", "--state-dir", state], timeout: 60)
            #expect(text.status == 0, "\(text.stderr)")
            let lines = text.stdout.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first?.contains(" login user=admin address=127.0.0.1") == true, "\(text.stdout)")
            #expect(lines.last?.contains(" login_failed user=admin address=127.0.0.1 detail=\"wrong password\"")
                    == true, "\(text.stdout)")
            #expect(!text.stdout.contains("not-the-password"))

            let json = try Programs.run([wgc, "audit", "--state-dir", state, "--limit", "1", "--format", "json"],
                                        timeout: 60)
            #expect(json.status == 0, "\(json.stderr)")
            let entries = try APITestClient.decoder.decode([EntryAnswer].self, from: Data(json.stdout.utf8))
            #expect(entries.map(\.action) == ["login"] && entries.first?.address == "127.0.0.1")
        }
        let missing = try Programs.run([wgc, "audit", "--state-dir", state + "-none"], timeout: 60)
        #expect(missing.status == 2 && missing.stderr.contains("users.sqlite does not exist"))
    }
}
