@testable import API
import Foundation
import Logging
import Testing

/// The two stores, for the tests that every store must pass alike.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A fresh empty store of this kind, and a second handle on the same database (as a second replica, or a
    /// second process on the same SQLite file, would have); both closed and removed after `body`.
    func withStores(_ body: (any APIStore, any APIStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let state = FileManager.default.temporaryDirectory.appendingPathComponent("wgc-store-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: state) }
            let first = try SQLiteStore(stateDirectory: state)
            let second = try SQLiteStore(stateDirectory: state)
            try await body(first, second)
        case .postgres:
            let url = try StorePostgresServer.required().createDatabase()
            let logger = Logger(label: "wgc.test.postgres")
            let first = try await PostgresStore(url: url, logger: logger)
            let second: PostgresStore
            do {
                second = try await PostgresStore(url: url, logger: logger)
            } catch {
                await first.close()
                throw error
            }
            do {
                try await body(first, second)
            } catch {
                await first.close()
                await second.close()
                throw error
            }
            await first.close()
            await second.close()
        }
    }

    func withStore(_ body: (any APIStore) async throws -> Void) async throws {
        try await withStores { store, _ in try await body(store) }
    }
}

/// What every store does, SQLite and PostgreSQL alike: the same tests against both.
@Suite("Store: users, tokens, failed logins and the audit log, on SQLite and PostgreSQL", .postgresServer,
       .timeLimit(.minutes(5)))
struct StoreTests {
    @Test("creates users, finds them by id and by name, and refuses a name that is taken",
          arguments: StoreKind.allCases)
    func users(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.count() == 0)
            #expect(await store.isReachable())
            let alice = try await store.create(NewUser(username: "alice", email: "alice@example.net",
                                                       password: "alice-password", isSuperuser: true))
            #expect(alice.passwordHash.hasPrefix("$argon2id$") && alice.id == alice.id.lowercased())
            let byID = try #require(try await store.user(id: alice.id.uppercased()))
            #expect(byID.username == "alice" && byID.email == "alice@example.net" && byID.isSuperuser && byID.isActive)
            #expect(byID.passwordHash == alice.passwordHash && byID.tokenGeneration == 0 && byID.lastLogin == nil)
            #expect(abs(byID.createdAt.timeIntervalSince(alice.createdAt)) < 0.01)
            #expect(try await store.user(username: "alice")?.id == alice.id)
            #expect(try await store.user(username: "nobody") == nil)
            #expect(try await store.user(id: UUID().uuidString) == nil)
            await #expect(throws: UserStoreError.duplicateUsername("alice")) {
                _ = try await store.create(NewUser(username: "alice", password: "another-password"))
            }
            let login = Date()
            try await store.recordLogin(id: alice.id, at: login)
            let loggedIn = try #require(try await store.user(id: alice.id)?.lastLogin)
            #expect(abs(loggedIn.timeIntervalSince(login)) < 0.01)
            #expect(try await store.count() == 1)
        }
    }

    @Test("two servers starting together on an empty store make the first superuser once, and both start",
          arguments: StoreKind.allCases)
    func firstSuperuserRace(kind: StoreKind) async throws {
        try await kind.withStores { first, second in
            let environment = ["WGC_ADMIN_USERNAME": "admin", "WGC_ADMIN_PASSWORD": "admin-password"]
            async let one = FirstSuperuser.ensure(in: first, stateDirectory: "/a", environment: environment)
            async let two = FirstSuperuser.ensure(in: second, stateDirectory: "/b", environment: environment)
            let outcomes = try await [one, two]
            #expect(outcomes.filter { $0 == .created(username: "admin") }.count == 1, "\(outcomes)")
            #expect(try await first.count() == 1)
            #expect(try await second.user(username: "admin")?.isSuperuser == true)
            #expect(try await FirstSuperuser.ensure(in: second, stateDirectory: "/b", environment: [:])
                    == .alreadyHasUsers)
        }
    }

    @Test("lists users in creation order, a page at a time", arguments: StoreKind.allCases)
    func list(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for name in ["carol", "bob", "dave", "erin"] {
                _ = try await store.create(NewUser(username: name, password: "\(name)-password"))
            }
            #expect(try await store.list(limit: 10, offset: 0).map(\.username) == ["carol", "bob", "dave", "erin"])
            #expect(try await store.list(limit: 2, offset: 1).map(\.username) == ["bob", "dave"])
            #expect(try await store.list(limit: 5, offset: 4).isEmpty)
        }
    }

    @Test("a new password or a deactivation moves the token generation; the last active superuser stays",
          arguments: StoreKind.allCases)
    func updateAndDelete(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let root = try await store.create(NewUser(username: "root", password: "root-password", isSuperuser: true))
            let ops = try await store.create(NewUser(username: "ops", password: "ops-password"))
            let emailed = try await store.update(id: ops.id, changes: UserChanges(email: "ops@example.net"))
            #expect(emailed.email == "ops@example.net" && emailed.tokenGeneration == 0)
            #expect(emailed.updatedAt >= ops.updatedAt)
            let repassworded = try await store.update(id: ops.id, changes: UserChanges(password: "new-ops-password"))
            #expect(repassworded.tokenGeneration == 1 && repassworded.passwordHash != ops.passwordHash)
            #expect(try await store.user(id: ops.id)?.passwordHash == repassworded.passwordHash)

            await #expect(throws: UserStoreError.lastSuperuser) {
                _ = try await store.update(id: root.id, changes: UserChanges(isSuperuser: false))
            }
            await #expect(throws: UserStoreError.lastSuperuser) {
                _ = try await store.update(id: root.id, changes: UserChanges(isActive: false))
            }
            await #expect(throws: UserStoreError.lastSuperuser) { try await store.delete(id: root.id) }
            _ = try await store.update(id: ops.id, changes: UserChanges(isSuperuser: true))
            let retired = try await store.update(id: root.id, changes: UserChanges(isActive: false))
            #expect(!retired.isActive && retired.tokenGeneration == 1)
            await #expect(throws: UserStoreError.notFound) {
                _ = try await store.update(id: UUID().uuidString, changes: UserChanges(email: "x@example.net"))
            }
            try await store.delete(id: root.id)
            #expect(try await store.user(id: root.id) == nil)
            await #expect(throws: UserStoreError.notFound) { try await store.delete(id: root.id) }
            #expect(try await store.count() == 1)
        }
    }

    @Test("a refresh token rotates once; presented again, every token of its user is revoked",
          arguments: StoreKind.allCases)
    func refreshRotation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let user = try await store.create(NewUser(username: "alice", password: "alice-password"))
            let expiry = Date().addingTimeInterval(3600)
            try await store.storeRefreshToken(jti: "r1", userID: user.id, sessionID: "s1", expiresAt: expiry)
            try await store.storeRefreshToken(jti: "other", userID: user.id, sessionID: "s2", expiresAt: expiry)
            #expect(try await store.rotateRefreshToken(jti: "r1", newJTI: "r2", expiresAt: expiry).user?.id == user.id)
            #expect(try await store.rotateRefreshToken(jti: "r2", newJTI: "r3", expiresAt: expiry).user?.id == user.id)
            #expect(try await store.rotateRefreshToken(jti: "r1", newJTI: "r4", expiresAt: expiry) == .reused)
            // The reuse closed every session: the newest token of this one and the other session's.
            #expect(try await store.rotateRefreshToken(jti: "r3", newJTI: "r5", expiresAt: expiry) == .unknown)
            #expect(try await store.rotateRefreshToken(jti: "other", newJTI: "r6", expiresAt: expiry) == .unknown)
            #expect(try await store.rotateRefreshToken(jti: "never", newJTI: "r7", expiresAt: expiry) == .unknown)
            #expect(try await store.user(id: user.id)?.tokenGeneration == 1)
            #expect(try await store.holder(ofAccessToken: "a1", userID: user.id, generation: 0) == nil)
            #expect(try await store.holder(ofAccessToken: "a1", userID: user.id, generation: 1)?.id == user.id)
        }
    }

    @Test("of two stores presenting one refresh token at once, exactly one rotates it", arguments: StoreKind.allCases)
    func concurrentRotation(kind: StoreKind) async throws {
        try await kind.withStores { first, second in
            let user = try await first.create(NewUser(username: "alice", password: "alice-password"))
            let expiry = Date().addingTimeInterval(3600)
            for round in 0..<5 {
                try await first.storeRefreshToken(jti: "t\(round)", userID: user.id, sessionID: "s\(round)",
                                                  expiresAt: expiry)
                async let one = first.rotateRefreshToken(jti: "t\(round)", newJTI: "a\(round)", expiresAt: expiry)
                async let two = second.rotateRefreshToken(jti: "t\(round)", newJTI: "b\(round)", expiresAt: expiry)
                let outcomes = try await [one, two]
                #expect(outcomes.filter { $0.user != nil }.count == 1,
                        "round \(round): \(outcomes)")
                #expect(outcomes.contains(.reused), "round \(round): \(outcomes)")
            }
        }
    }

    @Test("logout revokes the session's refresh tokens and its access token, seen through a second store",
          arguments: StoreKind.allCases)
    func logout(kind: StoreKind) async throws {
        try await kind.withStores { first, second in
            let user = try await first.create(NewUser(username: "alice", password: "alice-password"))
            let expiry = Date().addingTimeInterval(3600)
            try await first.storeRefreshToken(jti: "r1", userID: user.id, sessionID: "s1", expiresAt: expiry)
            try await first.storeRefreshToken(jti: "keep", userID: user.id, sessionID: "s2", expiresAt: expiry)
            #expect(try await second.holder(ofAccessToken: "a1", userID: user.id, generation: 0)?.id == user.id)
            try await first.revokeSession("s1", accessJTI: "a1", accessExpiresAt: expiry)
            try await first.revokeSession("s1", accessJTI: "a1", accessExpiresAt: expiry)
            #expect(try await second.holder(ofAccessToken: "a1", userID: user.id, generation: 0) == nil)
            #expect(try await second.holder(ofAccessToken: "a2", userID: user.id, generation: 0)?.id == user.id)
            #expect(try await second.rotateRefreshToken(jti: "r1", newJTI: "r2", expiresAt: expiry) == .unknown)
            let kept = try await second.rotateRefreshToken(jti: "keep", newJTI: "k2", expiresAt: expiry)
            #expect(kept.user?.id == user.id)
        }
    }

    @Test("failed logins are counted per key across stores in a window, and forgotten on reset",
          arguments: StoreKind.allCases)
    func loginFailures(kind: StoreKind) async throws {
        try await kind.withStores { first, second in
            let limiter = LoginRateLimiter(maxFailures: 3, window: 300)
            // Whole seconds: SQLite keeps milliseconds, PostgreSQL microseconds.
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let keys = ["address:192.0.2.1", "username:alice"]
            try await limiter.recordFailure(keys, in: first, now: now.addingTimeInterval(-400))
            try await limiter.recordFailure(keys, in: first, now: now.addingTimeInterval(-100))
            try await limiter.recordFailure(keys, in: second, now: now.addingTimeInterval(-50))
            #expect(try await limiter.retryAfter(keys, in: first, now: now) == nil)
            try await limiter.recordFailure(["username:alice"], in: second, now: now)
            let recent = try await first.loginFailures(under: "username:alice", since: now.addingTimeInterval(-300))
            #expect(recent.count == 3)
            #expect(abs((recent.oldest ?? .distantPast).timeIntervalSince(now.addingTimeInterval(-100))) < 0.01)
            // Blocked until the oldest of the three recent failures is 300 s old: 200 s from now.
            #expect(try await limiter.retryAfter(keys, in: first, now: now) == 200)
            #expect(try await limiter.retryAfter(["address:192.0.2.1"], in: second, now: now) == nil)
            try await limiter.reset("username:alice", in: second)
            #expect(try await limiter.retryAfter(keys, in: first, now: now) == nil)
            #expect(try await first.loginFailures(under: "address:192.0.2.1", since: .distantPast).count == 2)
        }
    }

    @Test("the audit log reads newest first, filtered and counted, and keeps only the newest entries",
          arguments: StoreKind.allCases)
    func auditLog(kind: StoreKind) async throws {
        try await kind.withStores { first, second in
            let audit = AuditLog(store: first, retention: 4)
            try await audit.recordLogin(user: "alice", address: "192.0.2.1")
            try await audit.recordFailedLogin(username: "mallory", address: "192.0.2.9", reason: "unknown user")
            try await AuditLog(store: second, retention: 4).recordWrite(
                user: "alice", method: "POST", route: "/api/v1/bgp/sessions", resource: "s-1",
                commit: String(repeating: "a", count: 40), outcome: .succeeded)
            try await audit.recordWrite(user: "bob", method: "DELETE", route: "/api/v1/pools/{id}", resource: "p-1",
                                        commit: nil, outcome: .failed(reason: "not found"))
            let all = try await audit.entries(limit: 10)
            #expect(all.map(\.action) == [.writeFailed, .write, .loginFailed, .login])
            #expect(all.map(\.id) == all.map(\.id).sorted(by: >))
            #expect(all[0].detail == "not found" && all[0].user == "bob" && all[0].commit == nil)
            #expect(all[1].commit == String(repeating: "a", count: 40) && all[1].route == "/api/v1/bgp/sessions")
            #expect(all[2].user == "mallory" && all[2].address == "192.0.2.9" && all[2].detail == "unknown user")
            #expect(try await audit.entries(limit: 10, user: "alice").map(\.action) == [.write, .login])
            #expect(try await audit.entries(limit: 1, offset: 1, user: "alice").map(\.action) == [.login])
            #expect(try await audit.count(action: .loginFailed) == 1)
            #expect(try await audit.count(user: "alice", action: .write) == 1)
            #expect(try await audit.count() == 4)
            try await audit.recordLogin(user: "carol", address: nil)
            #expect(try await audit.count() == 4)
            #expect(try await audit.entries(limit: 10).last?.action == .loginFailed)
        }
    }
}

/// What only the PostgreSQL store has to say: a server it cannot use.
@Suite("Store: PostgreSQL refusals", .postgresServer, .timeLimit(.minutes(2)))
struct StorePostgresRefusalTests {
    @Test("a server that does not listen is refused naming its host and port, never the password")
    func unreachable() async throws {
        let port = try Loopback.freePort()
        let url = try DatabaseURL("postgres://wgc:hunter2-secret@127.0.0.1:\(port)/wgc?sslmode=disable")
        let error = await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresStore(url: url, logger: Logger(label: "wgc.test"))
        }
        let text = try #require(error).description
        #expect(error?.code == .unreachable, "\(text)")
        #expect(text.contains("127.0.0.1:\(port)") && text.contains("wgc"), "\(text)")
        #expect(!text.contains("hunter2"), "\(text)")
    }

    @Test("a wrong password and a missing database are the server's refusals, in its words")
    func refused() async throws {
        let server = try StorePostgresServer.required()
        let wrong = try DatabaseURL("postgres://\(StorePostgresServer.user):not-it@127.0.0.1:\(server.port)/postgres"
                                    + "?sslmode=disable")
        let badLogin = await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresStore(url: wrong, logger: Logger(label: "wgc.test"))
        }
        #expect(badLogin?.code == .server && badLogin?.sqlState == "28P01", "\(String(describing: badLogin))")
        #expect(badLogin?.description.contains("password authentication failed") == true)
        #expect(badLogin?.description.contains("not-it") == false)
        let missing = try DatabaseURL(server.url(database: "no_such_database"))
        let noDatabase = await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresStore(url: missing, logger: Logger(label: "wgc.test"))
        }
        #expect(noDatabase?.description.contains("no_such_database") == true, "\(String(describing: noDatabase))")
        #expect(noDatabase?.description.contains(server.password) == false)
    }

    @Test("--database URLs: what is taken, what is refused, and no password in the description")
    func urls() throws {
        let url = try DatabaseURL("postgresql://ops:p%40ss@[2001:db8::5]:6432/wgc?sslmode=require")
        #expect(url.host == "2001:db8::5" && url.port == 6432 && url.username == "ops" && url.password == "p@ss")
        #expect(url.database == "wgc" && url.tls == .require)
        #expect(url.description == "postgres://ops@[2001:db8::5]:6432/wgc")
        #expect(try DatabaseURL("postgres://ops@db/wgc").port == 5432)
        for bad in ["mysql://u:p@h/db", "postgres://u:p@h:5432/", "postgres://h/db", "postgres://u:p@h/db?x=1"] {
            #expect(throws: DatabaseURL.Problem.self, "\(bad)") { _ = try DatabaseURL(bad) }
        }
    }
}

extension RefreshOutcome {
    /// The user of a rotated token; nil for a reuse or an unknown token.
    var user: User? {
        guard case .rotated(let user) = self else { return nil }
        return user
    }
}
