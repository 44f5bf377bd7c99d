import API
import Foundation
import Testing

/// Two `wgc serve` replicas behind one imagined load balancer: one PostgreSQL database and one git remote shared,
/// each its own clone and state folder. What is written through either is seen through both.
@Suite("Replicas sharing PostgreSQL and a remote", .serialized, .postgresServer,
       .enabled(if: ServedWGC.built, "wgc binary not built (swift build --build-tests builds it)"),
       .timeLimit(.minutes(10)))
struct ReplicaTests {
    /// The shared remote (a bare clone of the example inventory), a fresh database, and two replicas on them:
    /// `a` pulls only when asked (`system/action sync`), `b` every second (`--pull-interval 1s`).
    final class Pair: @unchecked Sendable {  // read-only after init
        let fixture: WritesFixture
        let database: String
        let databasePassword: String
        let a: ReplicaProcess
        let b: ReplicaProcess

        init() throws {
            let server = try StorePostgresServer.required()
            fixture = try WritesFixture()
            let url = try server.createDatabase()
            database = server.url(database: url.database)
            databasePassword = server.password
            // One at a time: the first makes the superuser from WGC_ADMIN_*, the second finds it.
            a = try ReplicaProcess("a", remote: fixture.bare, database: database)
            b = try ReplicaProcess("b", remote: fixture.bare, database: database, pullInterval: "1s")
        }

        /// Neither replica wrote a password (the database's, the admin's) or the token secret to its log.
        func expectNoSecretsLogged() {
            for replica in [a, b] {
                let output = replica.output
                for secret in [databasePassword, ServedWGC.adminPassword, ReplicaProcess.secret, "ops-password-1"] {
                    #expect(!output.contains(secret), "replica \(replica.name) logged a secret")
                }
            }
        }
    }

    @Test("a user made on one replica logs in on the other; a logout on one is refused by the other")
    func usersAndTokens() async throws {
        let pair = try Pair()
        let admin = try await pair.a.client.token()
        let created = try await pair.a.client.send(.post, "/api/v1/users", token: admin, body: ServedClient.json(
            ["username": "ops", "password": "ops-password-1", "is_superuser": false]))
        #expect(created.status == .created, "\(created.object)")

        let ops = try await pair.b.client.token("ops", "ops-password-1")
        #expect(try await pair.a.client.send(.get, "/api/v1/bgp/sessions", token: ops).status == .ok)
        #expect(try await pair.b.client.send(.get, "/api/v1/bgp/sessions", token: ops).status == .ok)
        let logout = try await pair.a.client.send(.post, "/api/v1/auth/logout", token: ops)
        #expect(logout.status == .noContent, "\(logout.object)")
        let refused = try await pair.b.client.send(.get, "/api/v1/bgp/sessions", token: ops)
        #expect(refused.status == .unauthorized, "\(refused.object)")

        // A password changed on b ends every session on a too.
        let other = try await pair.a.client.token("ops", "ops-password-1")
        let users = try await pair.b.client.send(.get, "/api/v1/users", token: admin)
        let id = try #require(ServedClient.items(users.json).first { $0["username"] as? String == "ops" }?["id"])
        let changed = try await pair.b.client.send(.patch, "/api/v1/users/\(id)", token: admin,
                                                   body: ServedClient.json(["password": "ops-password-2"]))
        #expect(changed.status == .ok, "\(changed.object)")
        #expect(try await pair.a.client.send(.get, "/api/v1/bgp/sessions", token: other).status == .unauthorized)
        #expect(try await pair.a.client.token("ops", "ops-password-2").isEmpty == false)

        // Each login went into the one audit log, whichever replica took it.
        let logins = try await pair.a.client.send(.get, "/api/v1/audit-logs?action=login&user=ops", token: admin)
        #expect(ServedClient.items(logins.json).count == 3, "\(logins.json ?? "")")
        let audit = try Programs.run([APIServeCommandTests.wgc, "audit", "--state-dir", pair.a.stateDirectory,
                                      "--database", pair.database, "--action", "login", "--user", "ops"],
                                     timeout: 60, environment: APIServeCommandTests.noAdmin)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.split(separator: "\n").count == 3, "\(audit.stdout)")
        pair.expectNoSecretsLogged()
        #expect(pair.a.stop() == 0)
        #expect(pair.b.stop() == 0)
    }

    @Test("failed logins count across replicas: five on each block the sixth on either")
    func sharedLoginLimit() async throws {
        let pair = try Pair()
        let wrong = ServedClient.json(["username": ServedWGC.adminName, "password": "not-the-password"])
        for replica in [pair.a, pair.b] {
            for _ in 0..<5 {
                let answer = try await replica.client.send(.post, "/api/v1/auth/login", body: wrong)
                #expect(answer.status == .unauthorized, "replica \(replica.name): \(answer.object)")
            }
        }
        // Neither replica saw ten failures itself; together they did, so even the right password waits.
        let right = ServedClient.json(["username": ServedWGC.adminName, "password": ServedWGC.adminPassword])
        for replica in [pair.a, pair.b] {
            let answer = try await replica.client.send(.post, "/api/v1/auth/login", body: right)
            #expect(answer.status == .tooManyRequests, "replica \(replica.name): \(answer.object)")
        }
        pair.expectNoSecretsLogged()
    }

    @Test("20 concurrent creates through both: every 2xx is a commit on the remote; each serves the other's writes")
    func concurrentWrites() async throws {
        let pair = try Pair()
        let tokens = [try await pair.a.client.token(), try await pair.b.client.token()]
        let clients = [pair.a.client, pair.b.client]
        let answers: [(String, ServedClient.Answer?)] = await withTaskGroup(of: (String, ServedClient.Answer?).self) {
            group in
            for index in 0..<20 {
                let name = "replica-\(index)"
                let body = ServedClient.session(name, neighbor: "2001:db8:d0::\(index + 1)")
                let replica = index % 2
                group.addTask {
                    (name, try? await clients[replica].send(.post, "/api/v1/bgp/sessions", token: tokens[replica],
                                                            body: body))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 20 && answers.allSatisfy { $0.1 != nil }, "a request got no answer")
        let statuses = answers.compactMap { $0.1?.status.code }
        // A replica whose push lost the race derives the write again on the remote's commit; only a write that
        // kept losing is refused, with 409, and nothing else goes wrong.
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 },
                "\(answers.map { "\($0.0): \($0.1?.status.code ?? 0) \($0.1?.object ?? [:])" })")
        let acknowledged = Set(answers.filter { (200..<300).contains($0.1?.status.code ?? 0) }.map(\.0))
        #expect(acknowledged.count >= 10, "only \(acknowledged.count) of 20 writes succeeded")

        let remote = try pair.fixture.validateMain()
        #expect(!remote.hasErrors, "\(remote.diagnostics)")
        let onRemote = Set(remote.inventory.sessions.map(\.name)).filter { $0.hasPrefix("replica-") }
        #expect(onRemote == acknowledged, "acknowledged but not on the remote: \(acknowledged.subtracting(onRemote))")

        // The shared audit log names each acknowledged write's commit, and each is on the remote's main.
        let writes = try await pair.a.client.send(.get, "/api/v1/audit-logs?action=write&limit=1000",
                                                  token: tokens[0])
        let commits = ServedClient.items(writes.json).compactMap { $0["commit"] as? String }
        #expect(commits.count == acknowledged.count, "\(writes.json ?? "")")
        for commit in commits {
            #expect(throws: Never.self, "\(commit) is not on the remote's main") {
                try GitWorkspace.git(in: pair.fixture.bare, "merge-base", "--is-ancestor", commit, "main")
            }
        }

        // One more write through each, after the race, neither pushing over the other's: b (pulling every second)
        // serves a's on its own; a (no --pull-interval) serves b's only once asked to sync.
        let lastOfA = try await pair.a.client.send(.post, "/api/v1/bgp/sessions", token: tokens[0],
                                                   body: ServedClient.session("last-of-a", neighbor: "2001:db8:d1::1"))
        #expect(lastOfA.status == .created, "\(lastOfA.object)")
        let pulled = try await Self.eventually(seconds: 30) {
            try await pair.b.client.sessionNames(token: tokens[1]).isSuperset(of: acknowledged.union(["last-of-a"]))
        }
        #expect(pulled, "b did not pull a's writes within 30 s: \(pair.b.output.suffix(2000))")
        let lastOfB = try await pair.b.client.send(.post, "/api/v1/bgp/sessions", token: tokens[1],
                                                   body: ServedClient.session("last-of-b", neighbor: "2001:db8:d1::2"))
        #expect(lastOfB.status == .created, "\(lastOfB.object)")
        #expect(!(try await pair.a.client.sessionNames(token: tokens[0]).contains("last-of-b")),
                "a served b's write before it synced")
        let sync = try await pair.a.client.send(.post, "/api/v1/system/action", token: tokens[0],
                                                body: #"{"action": "sync"}"#)
        #expect(sync.status == .ok && sync.object["result"] as? String == "fast_forwarded", "\(sync.object)")
        let written = acknowledged.union(["last-of-a", "last-of-b"])
        #expect(try await pair.a.client.sessionNames(token: tokens[0]).isSuperset(of: written))
        pair.expectNoSecretsLogged()
        #expect(pair.a.stop() == 0)
        #expect(pair.b.stop() == 0)
    }

    @Test("a --database that cannot be reached stops the start, naming host and port, never the password")
    func unreachableDatabase() throws {
        let state = APIServeCommandTests.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let fixture = try WritesFixture()
        let port = try Loopback.freePort()
        var environment = APIServeCommandTests.noAdmin
        environment["WGC_JWT_SECRET"] = ReplicaProcess.secret
        let output = try Programs.run([APIServeCommandTests.wgc, "serve", "--repo", fixture.bare, "--inventory",
                                       "inventory", "--state-dir", state, "--listen", "127.0.0.1:0",
                                       "--database", "postgres://wgc:s3cret-pw@127.0.0.1:\(port)/wgc"],
                                      timeout: 60, environment: environment)
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.stderr.contains("cannot reach PostgreSQL at postgres://wgc@127.0.0.1:\(port)/wgc"),
                "\(output.stderr)")
        #expect(!output.combined.contains("s3cret-pw"))

        let noSecret = try Programs.run([APIServeCommandTests.wgc, "serve", "--repo", fixture.bare, "--state-dir",
                                         state, "--database", "postgres://wgc:s3cret-pw@127.0.0.1:\(port)/wgc"],
                                        timeout: 60, environment: APIServeCommandTests.noAdmin)
        #expect(noSecret.status == 2 && noSecret.stderr.contains("WGC_JWT_SECRET"), "\(noSecret.stderr)")
        let notPostgres = try Programs.run([APIServeCommandTests.wgc, "serve", "--repo", fixture.bare, "--state-dir",
                                           state, "--database", "mysql://wgc@db/wgc"],
                                          timeout: 60, environment: APIServeCommandTests.noAdmin)
        #expect(notPostgres.status == 2 && notPostgres.stderr.contains("postgres://"), "\(notPostgres.stderr)")
        let pullWithoutPush = try Programs.run([APIServeCommandTests.wgc, "serve", "--repo", fixture.bare,
                                               "--state-dir", state, "--pull-interval", "30s"],
                                              timeout: 60, environment: APIServeCommandTests.noAdmin)
        #expect(pullWithoutPush.status != 0 && pullWithoutPush.stderr.contains("--push"), "\(pullWithoutPush.stderr)")
    }

    /// Polls `condition` (a replica pulling on its own timer offers no event to wait for) until it holds or
    /// `seconds` pass.
    static func eventually(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }
}
