@testable import API
import Compiler
import Foundation
import HTTPTypes
import Testing

@Suite("WebSocket: admission, subscriptions, pool updates, alerts, tokens, slow clients", .timeLimit(.minutes(2)))
struct WebSocketTests {
    static func path(_ user: String, token: String? = nil, type: String? = nil) -> String {
        var query = [String]()
        if let token { query.append("token=\(token)") }
        if let type { query.append("connection_type=\(type)") }
        return "/api/v1/ws/\(user)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    @Test("the upgrade is refused without a valid token, for another user's id, for an unknown connection type; a plain GET of the URL says why (401, 403, 400) or that it wants an upgrade (426)")
    func admission() async throws {
        let fixture = try ReadsFixture()
        try await LiveTestServer(head: fixture.head).run { api, port, tokens in
            let me = tokens.user.id
            let other = UUID().uuidString.lowercased()
            let refused: [(String, HTTPResponse.Status, String)] = [
                (Self.path(me), .unauthorized, "NOT_AUTHENTICATED"),
                (Self.path(me, token: "not-a-token"), .unauthorized, "NOT_AUTHENTICATED"),
                (Self.path(me, token: tokens.refreshToken), .unauthorized, "NOT_AUTHENTICATED"),
                (Self.path(other, token: tokens.accessToken), .forbidden, "FORBIDDEN"),
                (Self.path(me, token: tokens.accessToken, type: "everything"), .badRequest, "INVALID_CONNECTION_TYPE"),
            ]
            for (path, status, code) in refused {
                await #expect(throws: LiveTestClient.Refused.self, "\(path)") {
                    _ = try await LiveTestClient(port: port, path: path)
                }
                let plain = try await api.send(.get, path)
                #expect(plain.status == status, "\(path)")
                #expect(try api.error(plain).errorCode == code)
            }
            let plain = try await api.send(.get, Self.path(me, token: tokens.accessToken))
            #expect(plain.status == .upgradeRequired)
            #expect(try api.error(plain).errorCode == "UPGRADE_REQUIRED")
            // The token in an Authorization header opens it too.
            let socket = try await LiveTestClient(port: port, path: Self.path(me, type: "system"),
                                                  headers: [.authorization: "Bearer \(tokens.accessToken)"])
            let connected = try await socket.next("connected")
            #expect(connected["user_id"] as? String == me)
            try await socket.close()
        }
    }

    @Test("connected, then each subscription with the current state; ping, unsubscribe; a bad message is an error that leaves the connection open")
    func conversation() async throws {
        let fixture = try ReadsFixture()
        let inventory = try await fixture.head.current().inventory
        let pool = try #require(inventory.pools.first)
        try await LiveTestServer(head: fixture.head).run { _, port, tokens in
            let socket = try await LiveTestClient(port: port, path: Self.path(tokens.user.id, token: tokens.accessToken,
                                                                                type: "bgp_status"))
            let connected = try await socket.next("connected")
            #expect(connected["connection_type"] as? String == "bgp_status")
            #expect((connected["subscriptions"] as? [[String: Any]])?.map { $0["channel"] as? String } == ["bgp_sessions"])
            #expect((connected["alerts"] as? [Any])?.isEmpty == true)
            let sessions = try await socket.next("subscribed")
            #expect(sessions["channel"] as? String == "bgp_sessions")
            let current = try #require(sessions["current"] as? [[String: Any]])
            #expect(current.map { $0["session_id"] as? String } == inventory.sessions.map(\.id))
            #expect(current.allSatisfy { $0["status"] as? String == "unknown" && $0["reason"] is String },
                    "no BIRD: unknown, with the reason")

            try await socket.send(#"{"type":"ping"}"#)
            #expect(try await socket.next("pong")["timestamp"] is String)

            try await socket.send(#"{"type":"subscribe","channel":"ipv6_pools","pool_id":"\#(pool.id.uppercased())"}"#)
            let pools = try await socket.next("subscribed")
            #expect(pools["pool_id"] as? String == pool.id)
            let state = try #require((pools["current"] as? [[String: Any]])?.first)
            #expect(state["allocated"] as? Int == Int(PoolUsage(pool: pool, inventory: inventory).used))

            let bad: [(String, String, String)] = [
                ("not json", "INVALID_MESSAGE", "JSON object"),
                (#"{"type":"shout"}"#, "INVALID_MESSAGE", "unknown message type 'shout'"),
                (#"{"type":"subscribe"}"#, "INVALID_MESSAGE", "'channel' is required"),
                (#"{"type":"subscribe","channel":"weather"}"#, "INVALID_MESSAGE", "unknown channel 'weather'"),
                (#"{"type":"subscribe","channel":"bgp_sessions","session_id":"x"}"#, "INVALID_MESSAGE",
                 "must be a UUID"),
                (#"{"type":"subscribe","channel":"bgp_sessions","pool_id":"\#(pool.id)"}"#, "INVALID_MESSAGE",
                 "takes 'session_id'"),
                (#"{"type":"subscribe","channel":"ipv6_pools","pool_id":"\#(UUID().uuidString)"}"#, "NOT_FOUND",
                 "no pool with id"),
                (#"{"type":"unsubscribe","channel":"ipv6_pools"}"#, "NOT_SUBSCRIBED", "no such subscription"),
            ]
            for (message, code, words) in bad {
                try await socket.send(message)
                let error = try await socket.next("error")
                #expect(error["error_code"] as? String == code, "\(message)")
                #expect((error["detail"] as? String)?.contains(words) == true, "\(message): \(error)")
            }
            try await socket.send(#"{"type":"unsubscribe","channel":"ipv6_pools","pool_id":"\#(pool.id)"}"#)
            #expect(try await socket.next("unsubscribed")["pool_id"] as? String == pool.id)
            try await socket.send(#"{"type":"ping"}"#)
            _ = try await socket.next("pong")
            try await socket.close()
        }
    }

    @Test("an allocation, a whitelist entry and a release each reach a pool's subscribers with the new usage and the commit; a subscriber of another pool hears nothing of them")
    func poolUpdates() async throws {
        let fixture = try WritesFixture()
        let snapshot = try await fixture.head.current()
        let pool = try #require(snapshot.inventory.pools.first { $0.name == "pool-1" })
        let bob = try #require(snapshot.inventory.clients.first { $0.name == "bob" })
        let before = PoolUsage(pool: pool, inventory: snapshot.inventory).used
        try await LiveTestServer(head: fixture.head).run { api, port, tokens in
            let watcher = try await LiveTestClient(port: port, path: Self.path(tokens.user.id, token: tokens.accessToken))
            _ = try await watcher.next("connected")
            try await watcher.send(#"{"type":"subscribe","channel":"ipv6_pools","pool_id":"\#(pool.id)"}"#)
            _ = try await watcher.next("subscribed")
            let other = try await LiveTestClient(port: port, path: Self.path(tokens.user.id, token: tokens.accessToken))
            _ = try await other.next("connected")
            try await other.send(#"{"type":"subscribe","channel":"ipv6_pools","pool_id":"\#(UUID().uuidString)"}"#)
            _ = try await other.next("error")

            let token = tokens.accessToken
            let allocated = try await api.post("/api/v1/ipv6/pools/\(pool.id)/allocate",
                                               #"{"client_id": "\#(bob.id)"}"#, token: token)
            #expect(allocated.status == .created)
            let update = try await watcher.next("pool_status_update")
            #expect(update["pool_id"] as? String == pool.id)
            #expect(update["action"] as? String == "allocate")
            #expect(update["allocated"] as? Int == Int(before) + 1)
            #expect(update["commit"] as? String == allocated.headers[AuditMiddleware.commitHeader])

            let listed = try await api.post("/api/v1/ipv6/pools/\(pool.id)/whitelist",
                                            #"{"prefix": "2001:db8:ffff::/48"}"#, token: token)
            #expect(listed.status == .created, "\(listed.object)")
            let whitelisted = try await watcher.next("pool_status_update")
            #expect(whitelisted["action"] as? String == "whitelist")
            #expect(whitelisted["allocated"] as? Int == Int(before) + 1)

            let id = try #require(allocated.object["allocation_id"] as? String)
            let released = try await api.post("/api/v1/ipv6/pools/\(pool.id)/release/\(id)", "", token: token)
            #expect(released.status == .ok)
            let release = try await watcher.next("pool_status_update")
            #expect(release["action"] as? String == "release")
            #expect(release["allocated"] as? Int == Int(before))

            // The other connection got nothing but its answers: a ping's pong is the next message it reads.
            try await other.send(#"{"type":"ping"}"#)
            let next = try await other.nextMessage()
            #expect(next["type"] as? String == "pong", "\(next)")
            try await watcher.close()
            try await other.close()
        }
    }

    @Test("a new HEAD that does not validate raises a system_alert naming the commit and the error; a valid one resolves it; a new connection meanwhile is told in its greeting")
    func headAlerts() async throws {
        let fixture = try ReadsFixture()
        try await LiveTestServer(head: fixture.head).run { _, port, tokens in
            let socket = try await LiveTestClient(port: port, path: Self.path(tokens.user.id, token: tokens.accessToken))
            _ = try await socket.next("connected")
            try fixture.workspace.write("inventory/wireguard/clients/dave.yaml", ReadsHeadTests.dave
                .replacingOccurrences(of: "server-1", with: "server-9"))
            try fixture.commit("dave on a server that does not exist", at: "2026-02-01T12:00:00Z")
            let broken = try fixture.workspace.git("rev-parse", "HEAD")
            let alert = try await socket.next("system_alert")
            #expect(alert["alert"] as? String == "head_invalid")
            #expect(alert["severity"] as? String == "critical")
            #expect(alert["commit"] as? String == broken)
            #expect((alert["detail"] as? String)?.contains("server-9") == true, "\(alert)")

            let late = try await LiveTestClient(port: port, path: Self.path(tokens.user.id, token: tokens.accessToken))
            let greeting = try await late.next("connected")
            #expect((greeting["alerts"] as? [[String: Any]])?.first?["commit"] as? String == broken)

            try fixture.workspace.write("inventory/wireguard/clients/dave.yaml", ReadsHeadTests.dave)
            try fixture.commit("dave on server-1", at: "2026-02-02T12:00:00Z")
            let resolved = try await socket.next("system_alert")
            #expect(resolved["alert"] as? String == "head_invalid")
            #expect(resolved["severity"] as? String == "resolved")
            try await socket.close()
            try await late.close()
        }
    }

    @Test("a revoked token (logout) closes its sockets; so does one that expires")
    func tokens() async throws {
        let fixture = try ReadsFixture()
        let server = try await LiveTestServer(head: fixture.head)
        try await server.run { api, port, tokens in
            let revoked = try await LiveTestClient(port: port, path: Self.path(tokens.user.id, token: tokens.accessToken))
            _ = try await revoked.next("connected")
            // A token of the same user and secret that lives 10 s, made here rather than by a login whose lifetime
            // would race the rest of the test on a busy machine.
            let secret = try JWTSecret.load(stateDirectory: server.server.directory.path, environment: [:])
            let user = try #require(try await server.server.store.user(id: tokens.user.id))
            let short = try await TokenService(secret: secret, accessLifetime: 10)
                .issue(for: user, sessionID: UUID().uuidString.lowercased())
            let expiring = try await LiveTestClient(port: port, path: Self.path(user.id, token: short.access))
            _ = try await expiring.next("connected")

            let logout = try await api.send(.post, "/api/v1/auth/logout", token: tokens.accessToken)
            #expect(logout.status == .noContent)
            let first = try await revoked.closed()
            #expect(first.reason == "the access token was revoked", "\(first)")
            #expect(first.code?.contains("policyViolation") == true, "\(first)")
            let second = try await expiring.closed()
            #expect(second.reason == "the access token expired", "\(second)")
            #expect(Date() >= short.accessPayload.exp.value)
        }
    }
}

@Suite("WebSocket: a client that stops reading", .timeLimit(.minutes(2)))
struct WebSocketSlowClientTests {
    /// A WebSocket opened by hand on a small receive buffer, which then reads nothing.
    final class StalledSocket {
        let socket: Int32

        init(port: Int, path: String) throws {
            socket = try #require(Loopback.connect(port: port, receiveBuffer: 4096))
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            _ = request.withCString { send(socket, $0, strlen($0), 0) }
            var head = [UInt8]()
            var byte: UInt8 = 0
            while !head.suffix(4).elementsEqual("\r\n\r\n".utf8), recv(socket, &byte, 1, 0) == 1 { head.append(byte) }
            #expect(String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101"))
        }

        /// The payload of the next (unfragmented, unmasked) frame from the server.
        func readFrame() throws -> String {
            func read(_ count: Int) throws -> [UInt8] {
                var bytes = [UInt8](repeating: 0, count: count)
                var done = 0
                while done < count {
                    let got = bytes.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + done, count - done, 0) }
                    try #require(got > 0, "the server closed the connection")
                    done += got
                }
                return bytes
            }
            let header = try read(2)
            var length = Int(header[1] & 0x7f)
            if length == 126 { length = try read(2).reduce(0) { $0 << 8 | Int($1) } }
            if length == 127 { length = try read(8).reduce(0) { $0 << 8 | Int($1) } }
            return String(decoding: try read(length), as: UTF8.self)
        }

        deinit { close(socket) }
    }

    @Test("a client whose queue fills is dropped and counted; a client that reads gets every message meanwhile")
    func slowClientDropped() async throws {
        let fixture = try ReadsFixture()
        let server = try await LiveTestServer(head: fixture.head, queueLimit: 32)
        try await server.run { api, port, tokens in
            let path = WebSocketTests.path(tokens.user.id, token: tokens.accessToken)
            let reader = try await LiveTestClient(port: port, path: path)
            _ = try await reader.next("connected")
            let stalled = try StalledSocket(port: port, path: path)
            #expect(try stalled.readFrame().contains(#""type":"connected""#))
            #expect(server.live.connectionCount == 2)
            let detail = String(repeating: "x", count: 16 << 10)
            var rounds = 0
            // Rounds of 16 alerts (16 KiB each): the reader reads each round before the next; the stalled client's
            // queue holds 32 once the socket buffers between it and the server are full.
            while server.live.connectionCount == 2 {
                rounds += 1
                try #require(rounds <= 2_000, "the stalled client was never dropped")
                for index in 0..<16 {
                    server.live.hub.publish(.alert(SystemAlert(alert: .diskLow, severity: "warning",
                                                               detail: "\(rounds).\(index) " + detail, commit: nil)))
                }
                for index in 0..<16 {
                    let alert = try await reader.next("system_alert")
                    #expect((alert["detail"] as? String)?.hasPrefix("\(rounds).\(index) ") == true)
                }
            }
            #expect(server.live.connectionCount == 1)
            let metrics = try await api.send(.get, "/metrics")
            let text = String(buffer: metrics.body)
            #expect(text.contains("wgc_api_websocket_dropped_total 1"), "\(text)")
            #expect(text.contains("wgc_api_websocket_connections 1"))
            withExtendedLifetime(stalled) {}
            try await reader.close()
        }
    }
}

@Suite("WebSocket on a running BIRD", .timeLimit(.minutes(2)),
       .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .enabled(if: Programs.available("bird", "ip"), "needs bird2 and iproute2"))
struct WebSocketBIRDTests {
    @Test("a session going down in BIRD reaches its subscribers with the state before; BIRD stopping is an alert")
    func sessionStateChanges() async throws {
        let lab = try await SessionActionLab()
        let server = try await LiveTestServer(head: lab.fixture.head, birdSocket: lab.router.socketPath)
        try await server.run { _, port, tokens in
            let socket = try await LiveTestClient(port: port, path: WebSocketTests.path(
                tokens.user.id, token: tokens.accessToken))
            _ = try await socket.next("connected")
            try await socket.send(#"{"type":"subscribe","channel":"bgp_sessions","session_id":"\#(lab.peer.id)"}"#)
            let subscribed = try await socket.next("subscribed")
            let current = try #require((subscribed["current"] as? [[String: Any]])?.first)
            #expect(current["status"] as? String == "established")
            #expect(current["protocol"] as? String == lab.peerProtocol)

            _ = try lab.neighbor.client.send("disable to_router")
            // A session that went down and came back between two looks (a loaded machine can make it) is an
            // update that stays established, with a new `since`: the one this waits for leaves that state.
            var update = try await socket.next("bgp_status_update")
            for _ in 0..<5 where update["status"] as? String == "established" {
                update = try await socket.next("bgp_status_update")
            }
            #expect(update["session_id"] as? String == lab.peer.id)
            #expect(update["previous_status"] as? String == "established")
            #expect(update["status"] as? String != "established", "\(update)")

            _ = try lab.router.client.send("down")
            let alert = try await socket.next("system_alert")
            #expect(alert["alert"] as? String == "bird_down")
            #expect(alert["severity"] as? String == "critical")
            try await socket.close()
        }
    }
}

@Suite("WebSocket: the disk alert", .timeLimit(.minutes(2)),
       .enabled(if: Programs.isRoot, "needs root to mount a small file system (CI runs as root)"))
struct WebSocketDiskTests {
    @Test("the state folder's file system below 10 % free is a warning, below 1 % critical, resolved when freed")
    func diskAlerts() async throws {
        let mount = FileManager.default.temporaryDirectory.appendingPathComponent("wgc-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        defer {
            _ = try? Programs.run(["umount", mount])
            try? FileManager.default.removeItem(atPath: mount)
        }
        try Programs.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount]).check("mount a 4 MiB tmpfs")
        let fixture = try ReadsFixture()
        try await LiveTestServer(head: fixture.head, disk: mount).run { _, port, tokens in
            let socket = try await LiveTestClient(port: port, path: WebSocketTests.path(tokens.user.id,
                                                                                        token: tokens.accessToken))
            _ = try await socket.next("connected")
            let filler = mount + "/filler"
            try Data(count: 3_850_000).write(to: URL(fileURLWithPath: filler))  // about 8 % of 4 MiB left
            let warning = try await socket.next("system_alert")
            #expect(warning["alert"] as? String == "disk_low")
            #expect(warning["severity"] as? String == "warning", "\(warning)")
            #expect((warning["detail"] as? String)?.contains(mount) == true)
            // Free space only ever shrinks on the way down, and grows past 10 % in one step on the way back: a
            // look in the middle of a write (or of two removals) sees no state the test does not expect. (Writing
            // the filler again went through an emptied file, which a look on a loaded machine once caught.)
            try Data(count: 320_000).write(to: URL(fileURLWithPath: mount + "/more"))  // under 1 % left
            let critical = try await socket.next("system_alert")
            #expect(critical["severity"] as? String == "critical", "\(critical)")
            try FileManager.default.removeItem(atPath: filler)
            try FileManager.default.removeItem(atPath: mount + "/more")
            let resolved = try await socket.next("system_alert")
            #expect(resolved["severity"] as? String == "resolved")
            try await socket.close()
        }
    }
}
