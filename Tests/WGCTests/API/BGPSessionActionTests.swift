import API
import BIRD
import Compiler
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The example inventory's HEAD served with the session actions on a real BIRD. BIRD runs the protocol of
/// `peer-1` (by the compiler's name for it), established over loopback with a second BIRD in the same namespace;
/// it does not run `transit-1`'s, as when the node's BIRD lags the HEAD.
final class SessionActionLab: @unchecked Sendable {  // read-only after init; a test uses it from one task
    let fixture: ReadsFixture
    let namespace: NetworkNamespace
    let router: BIRDDaemon
    let neighbor: BIRDDaemon
    let peer: BGPSession
    let transit: BGPSession

    /// BIRD waits 5 s before its first connection attempt and a minute after an error; tests need not.
    static let quickTimers = "connect delay time 1; connect retry time 2; error wait time 1, 2;"

    init() async throws {
        fixture = try ReadsFixture()
        let sessions = try await fixture.head.current().inventory.sessions
        peer = try #require(sessions.first { $0.name == "peer-1" })
        transit = try #require(sessions.first { $0.name == "transit-1" })
        namespace = try NetworkNamespace("apibgp")
        router = try BIRDDaemon(config: """
            router id 192.0.2.1;
            timeformat protocol iso long ms;
            protocol device {}
            protocol bgp \(BIRDEmitter.protocolName(peer)) {
                local ::1 as 65001;
                neighbor ::1 port 1179 as \(peer.remoteAS);
                multihop;
                \(Self.quickTimers)
                ipv6 { import all; export none; };
            }
            """, in: namespace)
        neighbor = try BIRDDaemon(config: """
            router id 192.0.2.2;
            protocol device {}
            protocol static routes6 { ipv6; route 2001:db8:10::/48 unreachable; }
            protocol bgp to_router {
                local ::1 port 1179 as \(peer.remoteAS);
                neighbor ::1 port 179 as 65001;
                multihop;
                \(Self.quickTimers)
                ipv6 { import none; export all; };
            }
            """, in: namespace)
        try waitUntilEstablished()
    }

    var peerProtocol: String { BIRDEmitter.protocolName(peer) }

    func waitUntilEstablished() throws {
        try waitUntil("\(peerProtocol) is established", within: .seconds(20)) {
            try router.client.protocols(named: peerProtocol).first?.bgp?.isEstablished == true
        }
    }

    /// Runs `body` against the real server, its actions on this BIRD, as a logged-in superuser.
    func withServer(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await ReadsFixture.serve(InventoryRoutes.all(head: fixture.head, birdSocket: router.socketPath), body)
    }
}

@Suite("API BGP session actions on a running BIRD",
       .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .enabled(if: Programs.available("bird", "ip"), "needs bird2 and iproute2"))
struct APIBGPSessionActionTests {
    @Test("reload re-runs the filters and restart resets the session: BIRD's protocol shows it went down and up")
    func reloadAndRestart() async throws {
        let lab = try await SessionActionLab()
        let name = lab.peerProtocol
        // BIRD can note one more state change in the first milliseconds of a session (seen once in CI: `since`
        // moved by 1 ms): the reference is taken once it has held still for 200 ms.
        var settled = try #require(try lab.router.client.protocols(named: name).first)
        for _ in 0..<25 {
            try await Task.sleep(for: .milliseconds(200))
            let again = try #require(try lab.router.client.protocols(named: name).first)
            if again.since == settled.since { break }
            settled = again
        }
        let before = settled
        #expect(before.state == .up)
        try await lab.withServer { client in
            let reloaded = try await client.sessionAction("/api/v1/bgp/sessions/\(lab.peer.id)/reload")
            #expect(reloaded.status == .ok)
            #expect(reloaded.object["success"] as? Bool == true)
            #expect(reloaded.object["session_id"] as? String == lab.peer.id)
            #expect(reloaded.object["protocol"] as? String == name)
            #expect(reloaded.object["message"] as? String == "\(name): reloading")
            let afterReload = try #require(try lab.router.client.protocols(named: name).first)
            #expect(afterReload.since == before.since, "a reload does not reset the session")

            let restarted = try await client.sessionAction("/api/v1/bgp/sessions/\(lab.peer.id.uppercased())/restart")
            #expect(restarted.status == .ok)
            #expect(restarted.object["success"] as? Bool == true)
            #expect(restarted.object["message"] as? String == "\(name): restarted")
        }
        let after = try #require(try lab.router.client.protocols(named: name).first)
        #expect(after.since > before.since, "the protocol changed state since \(before.since)")
        try lab.waitUntilEstablished()
    }

    @Test("an unknown id is 404, a malformed one 400, and a session BIRD does not run a 409 with BIRD's message")
    func refusals() async throws {
        let lab = try await SessionActionLab()
        try await lab.withServer { client in
            let unknown = try await client.sessionAction("/api/v1/bgp/sessions/\(UUID().uuidString)/restart")
            #expect(unknown.status == .notFound)
            #expect(unknown.object["error_code"] as? String == "NOT_FOUND")
            let malformed = try await client.sessionAction("/api/v1/bgp/sessions/peer-1/reload")
            #expect(malformed.status == .badRequest)
            #expect(malformed.object["error_code"] as? String == "INVALID_ID")

            let notRunning = try await client.sessionAction("/api/v1/bgp/sessions/\(lab.transit.id)/reload")
            #expect(notRunning.status == .conflict)
            #expect(notRunning.object["error_code"] as? String == "BIRD_UNKNOWN_PROTOCOL")
            let detail = try #require(notRunning.object["detail"] as? String)
            #expect(detail.contains(BIRDEmitter.protocolName(lab.transit)) && detail.contains("syntax error"))
        }
    }

    @Test("a batch reload answers per id: done, unknown and refused side by side, in the body's order")
    func batch() async throws {
        let lab = try await SessionActionLab()
        let unknown = UUID().uuidString.lowercased()
        try await lab.withServer { client in
            let ids = [lab.peer.id, unknown, lab.transit.id].map { "\"\($0)\"" }.joined(separator: ",")
            let answer = try await client.sessionAction("/api/v1/bgp/sessions/batch/reload", body: "[\(ids)]")
            #expect(answer.status == .ok)
            let results = try #require(answer.object["results"] as? [[String: Any]])
            #expect(results.map { $0["session_id"] as? String } == [lab.peer.id, unknown, lab.transit.id])
            #expect(results.map { $0["success"] as? Bool } == [true, false, false])
            #expect(results[0]["message"] as? String == "\(lab.peerProtocol): reloading")
            #expect(results[0]["error_code"] == nil)
            #expect(results[1]["error_code"] as? String == "NOT_FOUND")
            #expect(results[2]["error_code"] as? String == "BIRD_UNKNOWN_PROTOCOL")

            let notAnArray = try await client.sessionAction("/api/v1/bgp/sessions/batch/reload",
                                                            body: #"{"ids":[]}"#)
            #expect(notAnArray.status == .badRequest)
        }
    }
}

@Suite("API BGP session actions without BIRD")
struct APIBGPSessionActionAvailabilityTests {
    @Test("without a BIRD socket, or with nobody on it, the actions answer 503 BIRD_UNAVAILABLE, a batch as a whole",
          arguments: [nil, "/nonexistent/bird.ctl"])
    func unavailable(socket: String?) async throws {
        let fixture = try ReadsFixture()
        let id = try #require(try await fixture.head.current().inventory.sessions.first?.id)
        try await ReadsFixture.serve(InventoryRoutes.all(head: fixture.head, birdSocket: socket)) { client in
            for action in ["reload", "restart"] {
                let answer = try await client.sessionAction("/api/v1/bgp/sessions/\(id)/\(action)")
                #expect(answer.status == .serviceUnavailable)
                #expect(answer.object["error_code"] as? String == "BIRD_UNAVAILABLE")
                #expect(answer.object["success"] == nil)
            }
            let batch = try await client.sessionAction("/api/v1/bgp/sessions/batch/reload",
                                                       body: #"["\#(id)", "\#(UUID().uuidString)"]"#)
            #expect(batch.status == .serviceUnavailable)
            #expect(batch.object["error_code"] as? String == "BIRD_UNAVAILABLE")
            let detail = batch.object["detail"] as? String ?? ""
            #expect(socket == nil ? detail.contains("no BIRD control socket") : detail.contains("not running"))
        }
    }

    @Test("users who are not superusers get 403, before anything reaches BIRD")
    func notSuperuser() async throws {
        let fixture = try ReadsFixture()
        let id = try #require(try await fixture.head.current().inventory.sessions.first?.id)
        let server = try await APITestServer()
        _ = try await server.store.create(NewUser(username: "viewer", password: "viewer-password"))
        try await server.run(routes: InventoryRoutes.all(head: fixture.head, birdSocket: nil)) { api in
            let token = try await api.tokens("viewer", "viewer-password").accessToken
            for path in ["\(id)/reload", "\(id)/restart", "batch/reload"] {
                let answer = try await api.send(.post, "/api/v1/bgp/sessions/" + path, token: token,
                                                body: path.hasPrefix("batch") ? #"["\#(id)"]"# : nil)
                #expect(answer.status == .forbidden, "\(path)")
                #expect(try api.error(answer).errorCode == "FORBIDDEN")
            }
            let read = try await api.send(.get, "/api/v1/bgp/sessions/\(id)", token: token)
            #expect(read.status == .ok, "reads stay open to every user")
        }
    }
}

extension TestClientProtocol {
    /// POSTs to a session action, with `body` as JSON when given, and reads the JSON answer.
    fileprivate func sessionAction(_ uri: String, body: String? = nil) async throws -> ReadAnswer {
        let headers: HTTPFields = body == nil ? [:] : [.contentType: "application/json"]
        return try await execute(uri: uri, method: .post, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            response in
            let data = Data(buffer: response.body)
            return ReadAnswer(status: response.status, headers: response.headers,
                              json: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        }
    }
}
