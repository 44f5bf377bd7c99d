import API
import Compiler
import Foundation
import HTTPTypes
import Git
import Sodium
import Testing

@Suite("API writes: each a validated commit")
struct WritesTests {
    @Test("creating a session commits one file by the caller, and the tree validates")
    func createsSession() async throws {
        let fixture = try WritesFixture()
        let before = try fixture.log()
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/bgp/sessions", """
                {"name": "peer-9", "neighbor": "192.168.1.9", "remote_as": 65009, "hold_time": 180,
                 "description": "a new peer", "enabled": true}
                """)
            #expect(answer.status == .created)
            #expect(answer.object["name"] as? String == "peer-9")
            #expect(answer.object["remote_as"] as? Int == 65009)
            let id = try #require(answer.object["id"] as? String)
            let read = try await client.read("/api/v1/bgp/sessions/\(id)")
            #expect(read.status == .ok)
            #expect(read.object["neighbor"] as? String == "192.168.1.9")
        }
        let after = try fixture.log()
        #expect(after.count == before.count + 1)
        #expect(after.first == "admin|bgp: create session peer-9")
        let file = try fixture.file("inventory/bgp-sessions/peer-9.yaml")
        #expect(file.contains("neighbor: 192.168.1.9\n"))
        #expect(!(try fixture.validateMain().hasErrors))
    }

    @Test("the audit log names each write's caller, route and commit, and a refused write's reason")
    func auditsWrites() async throws {
        let fixture = try WritesFixture()
        try await fixture.withServer { client in
            _ = try await client.write(.post, "/api/v1/bgp/sessions",
                                       #"{"name": "peer-9", "neighbor": "192.168.1.9", "remote_as": 65009}"#)
            _ = try await client.write(.post, "/api/v1/bgp/sessions",
                                       #"{"name": "peer-1", "neighbor": "192.168.1.9", "remote_as": 65009}"#)
            let commit = try GitWorkspace.git(in: fixture.bare, "rev-parse", "main")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let log = try await client.read("/api/v1/audit-logs")
            let entries = log.json as? [[String: Any]] ?? (log.object["items"] as? [[String: Any]] ?? [])
            let writes = entries.filter { ($0["action"] as? String)?.hasPrefix("write") == true }
            #expect(writes.count == 2, "\(entries)")
            #expect(writes.contains { $0["commit"] as? String == commit && $0["user"] as? String == "admin"
                                        && $0["action"] as? String == "write" })
            #expect(writes.contains { $0["action"] as? String == "write_failed"
                                        && ($0["detail"] as? String)?.contains("409") == true })
        }
    }

    @Test("writes need a superuser (403) and a token (401); nothing is committed")
    func writesNeedASuperuser() async throws {
        let fixture = try WritesFixture()
        let before = try fixture.log()
        let pool = try #require(try await fixture.head.current().inventory.pools.first)
        let server = try await APITestServer()
        _ = try await server.store.create(NewUser(username: "viewer", password: "viewer-password"))
        try await server.run(routes: InventoryRoutes.all(head: fixture.head)) { api in
            let token = try await api.tokens("viewer", "viewer-password").accessToken
            let session = #"{"name": "peer-9", "neighbor": "192.168.1.9", "remote_as": 65009}"#
            let writes: [(HTTPRequest.Method, String, String?)] = [
                (.post, "/api/v1/bgp/sessions", session),
                (.patch, "/api/v1/bgp/sessions/\(ResourceID.derive(kind: "BGPSession", key: "ix-2b"))", #"{"hold_time": 30}"#),
                (.delete, "/api/v1/bgp/sessions/\(ResourceID.derive(kind: "BGPSession", key: "ix-2b"))", nil),
                (.post, "/api/v1/ipv6/pools/\(pool.id)/whitelist", #"{"prefix": "2001:db8:ffff::/64"}"#),
            ]
            for (method, path, body) in writes {
                #expect(try await api.send(method, path, token: token, body: body).status == .forbidden, "\(path)")
                #expect(try await api.send(method, path, body: body).status == .unauthorized, "\(path)")
            }
        }
        #expect(try fixture.log() == before)
    }

    @Test("an invalid write is a 422 with the compiler's diagnostics, and nothing is committed")
    func refusesInvalid() async throws {
        let fixture = try WritesFixture()
        let before = try fixture.log()
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/bgp/sessions",
                                                #"{"name": "peer-9", "neighbor": "not-an-address", "remote_as": 65009}"#)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorCode == "VALIDATION_FAILED")
            let diagnostics = try #require(answer.object["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.first?["file"] as? String == "inventory/bgp-sessions/peer-9.yaml")
            #expect(diagnostics.first?["line"] as? Int == 4)
            #expect(diagnostics.first?["code"] as? String != nil)
            #expect(answer.object["detail"] as? String != nil)
        }
        #expect(try fixture.log() == before)
    }

    @Test("a taken name is a 409; an unknown field a 422; an unknown id a 404")
    func conflictsAndErrors() async throws {
        let fixture = try WritesFixture()
        let before = try fixture.log()
        try await fixture.withServer { client in
            let taken = try await client.write(.post, "/api/v1/bgp/sessions",
                                               #"{"name": "peer-1", "neighbor": "192.168.1.9", "remote_as": 65009}"#)
            #expect(taken.status == .conflict)
            let unknown = try await client.write(.post, "/api/v1/bgp/sessions",
                                                 #"{"name": "x", "neighbor": "192.168.1.9", "remote_as": 1, "colour": 1}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorCode == "UNKNOWN_FIELD")
            let missing = try await client.write(.patch, "/api/v1/bgp/sessions/\(UUID().uuidString)", #"{"enabled": false}"#)
            #expect(missing.status == .notFound)
            let broken = try await client.write(.post, "/api/v1/bgp/sessions", #"{"name": "#)
            #expect(broken.status == .badRequest)
        }
        #expect(try fixture.log() == before)
    }

    @Test("updating a hand-written resource changes its line only: comments and the other document stay")
    func updatesInPlace() async throws {
        let fixture = try WritesFixture()
        let id = ResourceID.derive(kind: "BGPSession", key: "ix-2b")
        try await fixture.withServer { client in
            let answer = try await client.write(.patch, "/api/v1/bgp/sessions/\(id)",
                                                #"{"remote_as": 65099, "description": "renumbered"}"#)
            #expect(answer.status == .ok)
            #expect(answer.object["remote_as"] as? Int == 65099)
            #expect(answer.object["description"] as? String == "renumbered")
        }
        let expected = WritesFixture.handWritten
            .replacingOccurrences(of: "remote_as: 65021\n", with: "remote_as: 65099\ndescription: renumbered\n")
        let edited = try fixture.file("inventory/bgp/sessions/ix-2.yaml")
        #expect(edited == expected.trimmingCharacters(in: .newlines), "\(edited)")
        #expect(try fixture.log().first == "admin|bgp: update session ix-2b (description, remote_as)")
    }

    @Test("renaming a resource keeps its id")
    func renameKeepsID() async throws {
        let fixture = try WritesFixture()
        let id = ResourceID.derive(kind: "BGPSession", key: "ix-2a")
        try await fixture.withServer { client in
            let answer = try await client.write(.patch, "/api/v1/bgp/sessions/\(id)", #"{"name": "ix-2c"}"#)
            #expect(answer.status == .ok)
            #expect(answer.object["id"] as? String == id)
            #expect(answer.object["name"] as? String == "ix-2c")
        }
    }

    @Test("after writes, created_at and updated_at are what a server reading the history afresh says")
    func timesAgreeWithHistory() async throws {
        let fixture = try WritesFixture()
        let box = TextBox()
        try await fixture.withServer { client in
            let made = try await client.write(.post, "/api/v1/bgp/sessions",
                                              ServedClient.session("times-1", neighbor: "2001:db8:c3::1"))
            #expect(made.status == .created)
            let id = made.object["id"] as? String ?? ""
            #expect(try await client.write(.post, "/api/v1/bgp/sessions",
                                           ServedClient.session("times-2", neighbor: "2001:db8:c3::2")).status == .created)
            #expect(try await client.write(.patch, "/api/v1/bgp/sessions/\(id)", #"{"hold_time": 60}"#).status == .ok)
            let handWritten = ResourceID.derive(kind: "BGPSession", key: "ix-2b")
            #expect(try await client.write(.delete, "/api/v1/bgp/sessions/\(handWritten)").status == .noContent)
            box.text = Self.times(try await client.read("/api/v1/bgp/sessions"))
        }
        // A server started now reads every time from the history; the one that wrote followed its own commits.
        let fresh = try InventoryHead(repository: fixture.bare, folder: "inventory", branch: "main")
        try await ReadsFixture.serve(InventoryRoutes.all(head: fresh, secrets: fixture.secrets)) { client in
            let afresh = Self.times(try await client.read("/api/v1/bgp/sessions"))
            #expect(afresh == box.text)
        }
        #expect(box.text.contains("times-1") && !box.text.contains("ix-2b"))
    }

    /// Each listed resource's name and times, one line each.
    static func times(_ answer: ReadAnswer) -> String {
        answer.array.map { "\($0["name"] ?? "") \($0["created_at"] ?? "") \($0["updated_at"] ?? "")" }
            .joined(separator: "\n")
    }

    @Test("deleting a resource removes its document; its own file goes with the last one")
    func deletes() async throws {
        let fixture = try WritesFixture()
        let first = ResourceID.derive(kind: "BGPSession", key: "ix-2a")
        let second = ResourceID.derive(kind: "BGPSession", key: "ix-2b")
        try await fixture.withServer { client in
            #expect(try await client.write(.delete, "/api/v1/bgp/sessions/\(first)").status == .noContent)
            #expect(try await client.read("/api/v1/bgp/sessions/\(first)").status == .notFound)
            let file = try fixture.file("inventory/bgp/sessions/ix-2.yaml")
            #expect(!file.contains("ix-2a"))
            #expect(file.contains("# the second one\nkind: BGPSession\nname: ix-2b"))
            #expect(try await client.write(.delete, "/api/v1/bgp/sessions/\(second)").status == .noContent)
        }
        #expect(throws: (any Error).self) { try fixture.file("inventory/bgp/sessions/ix-2.yaml") }
        #expect(try fixture.log().prefix(2) == ["admin|bgp: delete session ix-2b", "admin|bgp: delete session ix-2a"])
    }

    @Test("a write refused by the compiler for what it would break elsewhere: deleting a referenced session")
    func refusesDanglingReference() async throws {
        let fixture = try WritesFixture()
        let snapshot = try await fixture.head.current()
        let referenced = try #require(snapshot.inventory.announcements.compactMap(\.session).first)
        let session = try #require(snapshot.inventory.sessions.first { $0.name == referenced })
        try await fixture.withServer { client in
            let answer = try await client.write(.delete, "/api/v1/bgp/sessions/\(session.id)")
            #expect(answer.status == .unprocessableContent)
            let diagnostics = answer.object["diagnostics"] as? [[String: Any]] ?? []
            #expect(diagnostics.contains { ($0["file"] as? String)?.contains("announcements") == true })
        }
    }

    @Test("a client is created against its server's id, and an announcement against its session's id")
    func translatesReferences() async throws {
        let fixture = try WritesFixture()
        let snapshot = try await fixture.head.current()
        let server = try #require(snapshot.inventory.servers.first)
        let key = try #require(Sodium.curve25519PublicKey(privateKey: Sodium.generatePrivateKey()))
        let publicKey = Data(key).base64EncodedString()
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/wireguard/clients", """
                {"server_id": "\(server.id)", "name": "dave", "description": "Dave's router",
                 "public_key": "\(publicKey)", "ipv6_address": "fd00:1234::99/128"}
                """)
            #expect(answer.status == .created, "\(answer.object)")
            #expect(answer.object["server_id"] as? String == server.id)
            let wrong = try await client.write(.post, "/api/v1/wireguard/clients",
                                               #"{"server_id": "\#(UUID().uuidString)", "name": "eve"}"#)
            #expect(wrong.status == .unprocessableContent)
        }
        #expect(try fixture.file("inventory/wireguard-clients/dave.yaml").contains("server: \(server.name)\n"))
    }

    @Test("a commit from outside between two writes: the next write builds on it")
    func buildsOnOutsideCommit() async throws {
        let fixture = try WritesFixture()
        try await fixture.withServer { client in
            #expect(try await client.write(.post, "/api/v1/bgp/sessions",
                                           #"{"name": "peer-8", "neighbor": "192.168.1.8", "remote_as": 65008}"#)
                        .status == .created)
            let repository = try Git.Repository(at: fixture.bare)
            let parent = try repository.resolve("main")
            _ = try repository.commit([.write(path: "inventory/README.txt", contents: Array("outside\n".utf8))],
                                      on: "main", expectedParent: parent,
                                      author: Signature(name: "someone", email: "someone@example.net"),
                                      message: "outside")
            #expect(try await client.write(.post, "/api/v1/bgp/sessions",
                                           #"{"name": "peer-7", "neighbor": "192.168.1.7", "remote_as": 65007}"#)
                        .status == .created)
        }
        #expect(try fixture.log().prefix(3) == ["admin|bgp: create session peer-7", "someone|outside",
                                                "admin|bgp: create session peer-8"])
        #expect(try fixture.file("inventory/README.txt").hasPrefix("outside"))
    }
}

@Suite("API writes under concurrency")
struct ConcurrentWritesTests {
    @Test("50 concurrent writers: no 5xx, every 2xx a commit, no update lost, the final tree validates")
    func fiftyWriters() async throws {
        let fixture = try WritesFixture()
        let before = try fixture.log().count
        let shared = ResourceID.derive(kind: "BGPSession", key: "ix-2b")
        try await fixture.withServer { client in
            let answers = try await withThrowingTaskGroup(of: (Int, WriteAnswer).self) { group in
                for writer in 0..<50 {
                    group.addTask {
                        switch writer % 3 {
                        case 0:  // creates of different sessions
                            return (writer, try await client.write(.post, "/api/v1/bgp/sessions", """
                                {"name": "c-\(writer)", "neighbor": "192.168.3.\(writer)", "remote_as": \(64_600 + writer)}
                                """))
                        case 1:  // updates of the same session, each to a value of its own
                            return (writer, try await client.write(.patch, "/api/v1/bgp/sessions/\(shared)",
                                                                   #"{"description": "writer \#(writer)"}"#))
                        default:  // creates of the same name: one wins, the others 409
                            return (writer, try await client.write(.post, "/api/v1/bgp/sessions",
                                                                   #"{"name": "same", "neighbor": "192.168.4.1", "remote_as": 64999}"#))
                        }
                    }
                }
                return try await group.reduce(into: [(Int, WriteAnswer)]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.1.status.code < 500 }, "\(answers.filter { $0.1.status.code >= 500 })")
            let succeeded = answers.filter { $0.1.status.code < 300 }
            #expect(answers.filter { $0.0 % 3 == 0 }.allSatisfy { $0.1.status == .created })
            #expect(answers.filter { $0.0 % 3 == 1 }.allSatisfy { $0.1.status == .ok })
            #expect(answers.filter { $0.0 % 3 == 2 }.filter { $0.1.status == .created }.count == 1)
            #expect(answers.filter { $0.0 % 3 == 2 }.filter { $0.1.status == .conflict }.count == 15)
            let log = try fixture.log()
            #expect(log.count == before + succeeded.count)
            let sessions = try await client.read("/api/v1/bgp/sessions?limit=1000").byName
            for writer in stride(from: 0, to: 50, by: 3) { #expect(sessions["c-\(writer)"] != nil) }
            let description = sessions["ix-2b"]?["description"] as? String
            #expect(description?.hasPrefix("writer ") == true)
        }
        #expect(!(try fixture.validateMain().hasErrors))
    }
}
