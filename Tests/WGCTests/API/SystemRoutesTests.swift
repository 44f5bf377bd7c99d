@testable import API
import Foundation
import HTTPTypes
import Testing

@Suite("System: info and actions")
struct SystemRoutesTests {
    @Test("info: uname's host, the interfaces with their addresses, the services, wgc's version and HEAD")
    func info() async throws {
        let fixture = try ReadsFixture()
        let commit = try fixture.workspace.git("rev-parse", "HEAD")
        try await StatusTestServer(head: fixture.head).run { api, token in
            let answer = try await api.json("/api/v1/system/info", token: token)
            #expect(answer.status == .ok)
            let system = try #require(answer.object["system"] as? [String: Any])
            var name = [CChar](repeating: 0, count: 256)
            gethostname(&name, name.count)
            #expect(system["hostname"] as? String == String(cString: name))
            let release = try String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)
            #expect(system["kernel"] as? String == release.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(system["architecture"] as? String == "x86_64" || system["architecture"] as? String == "aarch64")
            #expect((system["os"] as? String)?.isEmpty == false)
            let network = try #require(answer.object["network"] as? [String: Any])
            let interfaces = try #require(network["interfaces"] as? [[String: Any]])
            let loopback = try #require(interfaces.first { $0["name"] as? String == "lo" })
            #expect(loopback["ipv4"] as? String == "127.0.0.1")
            #expect((loopback["addresses"] as? [String])?.contains("127.0.0.1/8") == true)
            #expect(answer.object["services"] as? [String: String]
                    == ["wireguard": "not_configured", "bgp": "not_configured", "database": "active"])
            let wgc = try #require(answer.object["wgc"] as? [String: Any])
            #expect(wgc["version"] as? String == APIServer.version)
            #expect((wgc["repository"] as? [String: Any])?["commit"] as? String == commit)
        }
    }

    @Test("an action outside the allowlist is a 400 in the error shape; superusers only")
    func refusals() async throws {
        let fixture = try ReadsFixture()
        let server = try await StatusTestServer(head: fixture.head)
        _ = try await server.server.store.create(NewUser(username: "viewer", password: "viewer-password"))
        try await server.run { api, token in
            for body in [#"{"action": "restart", "service": "ipv6-wireguard-manager"}"#, #"{"action": "rm -rf /"}"#] {
                let answer = try await api.send(.post, "/api/v1/system/action", token: token, body: body)
                #expect(answer.status == .badRequest)
                let error = try api.error(answer)
                #expect(error.errorCode == "UNKNOWN_ACTION")
                #expect(error.detail.contains("reload, sync, validate"))
                #expect(!error.timestamp.isEmpty)
            }
            let wrongService = try await api.send(.post, "/api/v1/system/action", token: token,
                                                  body: #"{"action": "reload", "service": "nginx"}"#)
            #expect(wrongService.status == .badRequest)
            #expect(try api.error(wrongService).errorCode == "UNKNOWN_SERVICE")
            let viewer = try await api.tokens("viewer", "viewer-password").accessToken
            let forbidden = try await api.send(.post, "/api/v1/system/action", token: viewer,
                                               body: #"{"action": "validate"}"#)
            #expect(forbidden.status == .forbidden)
            #expect(try await api.send(.get, "/api/v1/system/info", token: viewer).status == .ok)
        }
    }

    @Test("validate compiles the branch's newest commit now: valid, then a broken commit's diagnostics")
    func validate() async throws {
        let fixture = try ReadsFixture()
        let commit = try fixture.workspace.git("rev-parse", "HEAD")
        try await StatusTestServer(head: fixture.head).run { api, token in
            let valid = try await api.post("/api/v1/system/action", #"{"action": "validate"}"#, token: token)
            #expect(valid.status == .ok)
            #expect(valid.object["success"] as? Bool == true)
            #expect(valid.object["valid"] as? Bool == true)
            #expect(valid.object["commit"] as? String == commit)

            try fixture.workspace.write("inventory/broken.yaml", "kind: Nonsense\nname: broken\n")
            let broken = try fixture.workspace.commitAll("a broken file")
            let invalid = try await api.post("/api/v1/system/action",
                                             #"{"action": "validate", "service": "inventory"}"#, token: token)
            #expect(invalid.status == .ok)
            #expect(invalid.object["success"] as? Bool == false)
            #expect(invalid.object["valid"] as? Bool == false)
            #expect(invalid.object["commit"] as? String == broken)
            let diagnostics = try #require(invalid.object["diagnostics"] as? [[String: Any]])
            let error = try #require(diagnostics.first { $0["severity"] as? String == "error" })
            #expect(error["file"] as? String == "inventory/broken.yaml")
            #expect(error["line"] as? Int == 1)
            #expect((invalid.object["message"] as? String)?.contains("does not validate") == true)
        }
    }

    @Test("sync without a remote is a 409 that says so; reload without BIRD a 503")
    func unavailable() async throws {
        let fixture = try ReadsFixture()
        try await StatusTestServer(head: fixture.head).run { api, token in
            let sync = try await api.send(.post, "/api/v1/system/action", token: token, body: #"{"action": "sync"}"#)
            #expect(sync.status == .conflict)
            #expect(try api.error(sync).errorCode == "NO_REMOTE")
            #expect(try api.error(sync).detail.contains("--push"))
            let reload = try await api.send(.post, "/api/v1/system/action", token: token,
                                            body: #"{"action": "reload"}"#)
            #expect(reload.status == .serviceUnavailable)
            #expect(try api.error(reload).errorCode == "BIRD_UNAVAILABLE")
            #expect(try api.error(reload).detail.contains("no BIRD control socket"))
        }
    }

    @Test("sync fetches the remote's new commit, fast-forwards to it and serves it; again, it is up to date")
    func sync() async throws {
        let clones = try SyncClones()
        defer { withExtendedLifetime(clones) {} }
        let (workspace, remote, served) = (clones.workspace, clones.remote, clones.served)
        let head = try InventoryHead(repository: served, folder: "inventory", push: remote)
        _ = try await head.current()
        try workspace.write("inventory/bgp/sessions/peer-9.yaml",
                            "kind: BGPSession\nname: peer-9\nneighbor: 192.168.1.9\nremote_as: 65009\n")
        let pushed = try workspace.commitAll("a session from outside")
        try workspace.git("push", "-q", remote, "main")
        try await StatusTestServer(head: head).run { api, token in
            let before = try await api.json("/api/v1/bgp/sessions", token: token)
            #expect(!before.array.contains { $0["name"] as? String == "peer-9" })
            let answer = try await api.post("/api/v1/system/action", #"{"action": "sync"}"#, token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["success"] as? Bool == true)
            #expect(answer.object["result"] as? String == "fast_forwarded")
            #expect(answer.object["remote"] as? String == pushed)
            #expect(answer.object["served"] as? String == pushed)
            let after = try await api.json("/api/v1/bgp/sessions", token: token)
            #expect(after.array.contains { $0["name"] as? String == "peer-9" })
            let again = try await api.post("/api/v1/system/action", #"{"action": "sync"}"#, token: token)
            #expect(again.object["result"] as? String == "up_to_date")
        }
        #expect(try GitWorkspace.git(in: served, "rev-parse", "main") == pushed)
    }

    @Test("sync refuses diverged histories with 409 DIVERGED and changes nothing")
    func diverged() async throws {
        let clones = try SyncClones()
        defer { withExtendedLifetime(clones) {} }
        let (workspace, remote, served) = (clones.workspace, clones.remote, clones.served)
        try workspace.write("inventory/bgp/sessions/peer-8.yaml",
                            "kind: BGPSession\nname: peer-8\nneighbor: 192.168.1.8\nremote_as: 65008\n")
        let local = try workspace.commitAll("only here")
        try workspace.git("push", "-q", served, "main")
        try workspace.git("reset", "-q", "--hard", "HEAD~1")
        try workspace.write("inventory/bgp/sessions/peer-9.yaml",
                            "kind: BGPSession\nname: peer-9\nneighbor: 192.168.1.9\nremote_as: 65009\n")
        try workspace.commitAll("only there")
        try workspace.git("push", "-q", remote, "main")
        let head = try InventoryHead(repository: served, folder: "inventory", push: remote)
        try await StatusTestServer(head: head).run { api, token in
            let answer = try await api.send(.post, "/api/v1/system/action", token: token, body: #"{"action": "sync"}"#)
            #expect(answer.status == .conflict)
            let error = try api.error(answer)
            #expect(error.errorCode == "DIVERGED")
            #expect(error.detail.contains("nothing was changed"))
        }
        #expect(try GitWorkspace.git(in: served, "rev-parse", "main") == local)
    }
}

/// The example inventory committed in a work tree and cloned bare twice: the remote a served repository syncs from,
/// and the served one. Both clones are removed when this goes.
final class SyncClones {
    let workspace: GitWorkspace
    let remote: String
    let served: String

    init() throws {
        workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("the example inventory")
        remote = workspace.path + ".remote.git"
        served = workspace.path + ".served.git"
        try GitWorkspace.git(in: workspace.path, "clone", "-q", "--bare", workspace.path, remote)
        try GitWorkspace.git(in: workspace.path, "clone", "-q", "--bare", workspace.path, served)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: remote)
        try? FileManager.default.removeItem(atPath: served)
    }
}
