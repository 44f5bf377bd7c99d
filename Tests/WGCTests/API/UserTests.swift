import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API users")
struct APIUserTests {
    struct UserAnswer: Decodable, Sendable {
        var id: String
        var username: String
        var email: String?
        var isActive: Bool
        var isSuperuser: Bool
        var lastLogin: String?
        var createdAt: String
        var updatedAt: String
    }

    @Test("a superuser creates, reads, lists, updates and deletes a user")
    func crud() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let token = try await api.tokens().accessToken
            let created = try await api.send(.post, "/api/v1/users", token: token, body: """
                {"username":"alice","email":"alice@example.net","password":"alice-password","is_superuser":false}
                """)
            #expect(created.status == .created)
            #expect(!String(buffer: created.body).contains("alice-password"))
            let alice = try api.decode(UserAnswer.self, created)
            #expect(alice.username == "alice" && alice.isActive && !alice.isSuperuser && alice.lastLogin == nil)
            #expect(created.headers[.location] == "/api/v1/users/\(alice.id)")

            let read = try await api.send(.get, "/api/v1/users/\(alice.id)", token: token)
            #expect(try api.decode(UserAnswer.self, read).email == "alice@example.net")
            let all = try api.decode([UserAnswer].self, try await api.send(.get, "/api/v1/users", token: token))
            #expect(all.map(\.username) == ["admin", "alice"])
            let page = try await api.send(.get, "/api/v1/users?limit=1&offset=1", token: token)
            #expect(try api.decode([UserAnswer].self, page).map(\.username) == ["alice"])
            #expect(try await api.send(.get, "/api/v1/users?limit=0", token: token).status == .badRequest)

            let patched = try await api.send(.patch, "/api/v1/users/\(alice.id)", token: token,
                                             body: #"{"email":"a@example.org","is_active":false}"#)
            let after = try api.decode(UserAnswer.self, patched)
            #expect(patched.status == .ok && after.email == "a@example.org" && !after.isActive)

            #expect(try await api.send(.delete, "/api/v1/users/\(alice.id)", token: token).status == .noContent)
            #expect(try await api.send(.get, "/api/v1/users/\(alice.id)", token: token).status == .notFound)
        }
    }

    @Test("users who are not superusers get 403 on user management")
    func notSuperuser() async throws {
        let server = try await APITestServer()
        _ = try await server.store.create(NewUser(username: "bob", password: "bob-password"))
        try await server.run { api in
            let token = try await api.tokens("bob", "bob-password").accessToken
            let response = try await api.send(.get, "/api/v1/users", token: token)
            #expect(response.status == .forbidden)
            #expect(try api.error(response).errorCode == "FORBIDDEN")
            let create = try await api.send(.post, "/api/v1/users", token: token,
                                            body: #"{"username":"eve","password":"eve-password"}"#)
            #expect(create.status == .forbidden)
        }
    }

    @Test("bad input: duplicate 409, invalid fields 422, unknown field 422, broken JSON 400, bad UUID 400")
    func badInput() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let token = try await api.tokens().accessToken
            let duplicate = try await api.send(.post, "/api/v1/users", token: token,
                                               body: #"{"username":"admin","password":"another-password"}"#)
            #expect(duplicate.status == .conflict)
            #expect(try api.error(duplicate).errorCode == "CONFLICT")
            for body in [#"{"username":"a b","password":"long-enough"}"#,
                         #"{"username":"carol","email":"not-an-email","password":"long-enough"}"#,
                         #"{"username":"carol","password":"short"}"#,
                         #"{"username":"carol","password":12345678}"#] {
                let response = try await api.send(.post, "/api/v1/users", token: token, body: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(try api.error(response).errorCode == "VALIDATION_FAILED")
            }
            let unknown = try await api.send(.post, "/api/v1/users", token: token,
                                             body: #"{"username":"carol","password":"long-enough","role":"x"}"#)
            #expect(unknown.status == .unprocessableContent)
            let unknownError = try api.error(unknown)
            #expect(unknownError.errorCode == "UNKNOWN_FIELD" && unknownError.detail.contains("'role'"))
            let broken = try await api.send(.post, "/api/v1/users", token: token, body: "{not json")
            #expect(broken.status == .badRequest)
            let badID = try await api.send(.get, "/api/v1/users/not-a-uuid", token: token)
            #expect(badID.status == .badRequest)
            #expect(try api.error(badID).errorCode == "INVALID_ID")
            #expect(try await api.send(.delete, "/api/v1/users/\(UUID())", token: token).status == .notFound)
        }
    }

    @Test("the last active superuser cannot be deleted, deactivated or demoted")
    func lastSuperuser() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let token = try await api.tokens().accessToken
            let admin = try #require(try await server.store.user(username: "admin"))
            for (method, body) in [(HTTPRequest.Method.delete, nil), (.patch, #"{"is_active":false}"#),
                                   (.patch, #"{"is_superuser":false}"#)] {
                let response = try await api.send(method, "/api/v1/users/\(admin.id)", token: token, body: body)
                #expect(response.status == .conflict)
                #expect(try api.error(response).detail.contains("last active superuser"))
            }
            _ = try await api.send(.post, "/api/v1/users", token: token,
                                   body: #"{"username":"root2","password":"root2-password","is_superuser":true}"#)
            let demoted = try await api.send(.patch, "/api/v1/users/\(admin.id)", token: token,
                                             body: #"{"is_superuser":false}"#)
            #expect(demoted.status == .ok)
        }
    }

    @Test("a password change, a deactivation or a deletion voids the user's tokens")
    func tokensVoided() async throws {
        let server = try await APITestServer()
        for name in ["dave", "erin", "frank"] {
            _ = try await server.store.create(NewUser(username: name, password: "\(name)-password"))
        }
        try await server.run { api in
            let admin = try await api.tokens().accessToken
            for (name, method, body) in [("dave", HTTPRequest.Method.patch, #"{"password":"dave-new-password"}"#),
                                         ("erin", .patch, #"{"is_active":false}"#), ("frank", .delete, nil)] {
                let user = try await api.tokens(name, "\(name)-password")
                let id = user.user.id
                #expect(try await api.send(.patch, "/api/v1/users/\(id)", token: user.accessToken, body: "{}")
                    .status == .forbidden)
                let change = try await api.send(method, "/api/v1/users/\(id)", token: admin, body: body)
                #expect(change.status.code < 300, "\(name)")
                let after = try await api.send(.get, "/api/v1/users/\(id)", token: user.accessToken)
                #expect(after.status == .unauthorized, "\(name)")
                let refresh = try await api.send(.post, "/api/v1/auth/refresh-token", token: user.refreshToken)
                #expect(refresh.status == .unauthorized, "\(name)")
            }
            #expect(try await api.login("dave", "dave-new-password").status == .ok)
        }
    }

    @Test("the database holds argon2id hashes, no password in clear, and is readable by its owner only")
    func storage() async throws {
        let server = try await APITestServer()
        let path = server.directory.appendingPathComponent(SQLiteStore.fileName).path
        let hash = try #require(try await server.store.user(username: "admin")?.passwordHash)
        #expect(hash.hasPrefix("$argon2id$"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let secret = server.directory.appendingPathComponent(JWTSecret.fileName).path
        #expect((try FileManager.default.attributesOfItem(atPath: secret)[.posixPermissions] as? Int) == 0o600)
        defer { try? FileManager.default.removeItem(at: server.directory) }
        let files = try FileManager.default.contentsOfDirectory(atPath: server.directory.path)
        for file in files where file.hasPrefix(SQLiteStore.fileName) {
            let data = try Data(contentsOf: server.directory.appendingPathComponent(file))
            #expect(data.range(of: Data(APITestServer.adminPassword.utf8)) == nil, "\(file)")
        }
    }
}
