@testable import API
import Foundation
import HTTPTypes
import Testing

@Suite("Status: health, detailed health and status")
struct StatusRoutesTests {
    @Test("health is open and reads nothing; the detailed checks, metrics and status need a token")
    func access() async throws {
        let fixture = try ReadsFixture()
        try await StatusTestServer(head: fixture.head).run { api, _ in
            let health = try await api.json("/api/v1/status/health", token: nil)
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "healthy")
            #expect(health.object["version"] as? String == APIServer.version)
            for path in ["status/health/detailed", "status/metrics", "status/status", "system/info",
                         "monitoring/metrics", "monitoring/bgp/sessions", "monitoring/ipv6/pools"] {
                let answer = try await api.send(.get, "/api/v1/" + path)
                #expect(answer.status == .unauthorized, "\(path)")
                #expect(try api.error(answer).errorCode == "NOT_AUTHENTICATED")
            }
        }
    }

    @Test("every component checked on a valid HEAD without BIRD: healthy, with each check's latency")
    func detailedHealthy() async throws {
        let fixture = try ReadsFixture()
        let commit = try fixture.workspace.git("rev-parse", "HEAD")
        try await StatusTestServer(head: fixture.head).run { api, token in
            let answer = try await api.json("/api/v1/status/health/detailed", token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["status"] as? String == "healthy")
            let components = try #require(answer.object["components"] as? [String: [String: Any]])
            #expect(Set(components.keys) == ["repository", "user_store", "bird", "wireguard", "disk"])
            let repository = try #require(components["repository"])
            #expect(repository["status"] as? String == "healthy")
            #expect(repository["commit"] as? String == commit)
            #expect(repository["branch"] as? String == "main")
            #expect(try #require(repository["response_time"] as? Double) >= 0)
            let store = try #require(components["user_store"])
            #expect(store["status"] as? String == "healthy")
            #expect(store["users"] as? Int == 1)
            #expect(try #require(store["response_time"] as? Double) >= 0)
            #expect(components["bird"]?["status"] as? String == "not_configured")
            #expect(components["bird"]?["response_time"] is NSNull)
            #expect((components["bird"]?["detail"] as? String)?.contains("--bird-socket") == true)
            #expect(components["wireguard"]?["status"] as? String == "not_configured")
            let disk = try #require(components["disk"])
            #expect(try #require(disk["free_bytes"] as? Int) > 0)
            #expect(try #require(disk["total_bytes"] as? Int) >= disk["free_bytes"] as? Int ?? 0)
        }
    }

    @Test("a BIRD socket nobody listens on leaves the server degraded, still 200, saying why")
    func detailedDegradedWithoutBIRD() async throws {
        let fixture = try ReadsFixture()
        try await StatusTestServer(head: fixture.head, birdSocket: "/nonexistent/bird.ctl").run { api, token in
            let answer = try await api.json("/api/v1/status/health/detailed", token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["status"] as? String == "degraded")
            let bird = try #require((answer.object["components"] as? [String: [String: Any]])?["bird"])
            #expect(bird["status"] as? String == "degraded")
            #expect((bird["detail"] as? String)?.contains("not running") == true)
        }
    }

    @Test("a newer commit that does not validate: degraded, the served commit and the reason named")
    func detailedRejectedCommit() async throws {
        let fixture = try ReadsFixture()
        let served = try fixture.workspace.git("rev-parse", "HEAD")
        _ = try await fixture.head.current()
        try fixture.workspace.write("inventory/broken.yaml", "kind: Nonsense\nname: broken\n")
        let broken = try fixture.workspace.commitAll("a broken file")
        try await StatusTestServer(head: fixture.head).run { api, token in
            let answer = try await api.json("/api/v1/status/health/detailed", token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["status"] as? String == "degraded")
            let repository = try #require((answer.object["components"] as? [String: [String: Any]])?["repository"])
            #expect(repository["status"] as? String == "degraded")
            #expect(repository["commit"] as? String == served)
            let detail = try #require(repository["detail"] as? String)
            #expect(detail.contains(String(broken.prefix(7))) && detail.contains("does not validate"))
        }
    }

    @Test("health answers from memory: with the repository gone it stays healthy, the detailed check degraded")
    func healthReadsNothing() async throws {
        let fixture = try ReadsFixture()
        _ = try await fixture.head.current()
        try FileManager.default.removeItem(atPath: fixture.workspace.path)
        try await StatusTestServer(head: fixture.head).run { api, token in
            let health = try await api.json("/api/v1/status/health", token: nil)
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "healthy")
            let detailed = try await api.json("/api/v1/status/health/detailed", token: token)
            #expect(detailed.object["status"] as? String == "degraded")
            let repository = try #require((detailed.object["components"] as? [String: [String: Any]])?["repository"])
            #expect(repository["status"] as? String == "degraded")
        }
    }

    @Test("no valid inventory to serve: unhealthy with 503, while the cheap health probe stays 200")
    func detailedUnhealthy() async throws {
        let workspace = try GitWorkspace()
        try workspace.write("inventory/broken.yaml", "kind: Nonsense\nname: broken\n")
        try workspace.commitAll("only a broken file")
        let head = try InventoryHead(repository: workspace.path, folder: "inventory")
        try await StatusTestServer(head: head).run { api, token in
            let answer = try await api.json("/api/v1/status/health/detailed", token: token)
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.object["status"] as? String == "unhealthy")
            let repository = try #require((answer.object["components"] as? [String: [String: Any]])?["repository"])
            #expect(repository["status"] as? String == "unhealthy")
            #expect((repository["detail"] as? String)?.contains("no valid inventory") == true)
            #expect(try await api.send(.get, "/api/v1/status/health").status == .ok)
            let status = try await api.json("/api/v1/status/status", token: token)
            #expect((status.object["system"] as? [String: Any])?["status"] as? String == "unhealthy")
        }
    }

    @Test("status: the server's uptime and version, services, resources, the served commit, this process")
    func status() async throws {
        let fixture = try ReadsFixture()
        let commit = try fixture.workspace.git("rev-parse", "HEAD")
        try await StatusTestServer(head: fixture.head).run { api, token in
            let answer = try await api.json("/api/v1/status/status", token: token)
            #expect(answer.status == .ok)
            let system = try #require(answer.object["system"] as? [String: Any])
            #expect(system["status"] as? String == "healthy")
            #expect(system["version"] as? String == APIServer.version)
            let uptime = try #require(system["uptime"] as? Int)
            let hostUptime = try #require(system["host_uptime"] as? Int)
            #expect(uptime >= 0 && uptime <= hostUptime)
            let services = try #require(answer.object["services"] as? [String: String])
            #expect(services == ["backend": "running", "database": "running", "repository": "healthy",
                                 "bird": "not_configured", "wireguard": "not_configured"])
            let resources = try #require(answer.object["resources"] as? [String: Any])
            for key in ["cpu_usage", "memory_usage", "disk_usage"] {
                let value = try #require(resources[key] as? Double, "\(key)")
                #expect((0...100).contains(value), "\(key)")
            }
            #expect((resources["load_avg"] as? [Double])?.count == 3)
            let repository = try #require(answer.object["repository"] as? [String: Any])
            #expect(repository["commit"] as? String == commit)
            #expect(repository["branch"] as? String == "main")
            #expect(repository["remote_configured"] as? Bool == false)
            #expect(repository["rejection"] is NSNull)
            let process = try #require(answer.object["process"] as? [String: Any])
            #expect(process["pid"] as? Int == Int(getpid()))
            #expect(try #require(process["threads"] as? Int) >= 1)
            #expect(try #require(process["resident_memory_bytes"] as? Int) > 1 << 20)
        }
    }
}
