@testable import API
import BIRD
import Compiler
import Foundation
import HTTPTypes
import Testing

@Suite("Monitoring: host metrics, pools, BGP sessions without BIRD")
struct MonitoringRoutesTests {
    @Test("metrics from /proc: memory as meminfo says, the state folder's disk, every interface's counters")
    func hostMetrics() async throws {
        let fixture = try ReadsFixture()
        try await StatusTestServer(head: fixture.head).run { api, token in
            let answer = try await api.json("/api/v1/monitoring/metrics", token: token)
            #expect(answer.status == .ok)
            let metrics = try #require(answer.object["metrics"] as? [String: Any])
            let cpu = try #require(metrics["cpu"] as? [String: Any])
            #expect((cpu["load_avg"] as? [Double])?.count == 3)
            #expect((cpu["usage"] as? Double).map { (0...100).contains($0) } == true)
            let memory = try #require(metrics["memory"] as? [String: Any])
            let meminfo = try #require(ProcFiles.memory(try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)))
            #expect(memory["total"] as? Int == Int(meminfo.total >> 20))
            #expect(memory["unit"] as? String == "MiB")
            let used = try #require(memory["used"] as? Int)
            let free = try #require(memory["free"] as? Int)
            #expect(abs(used + free - Int(meminfo.total >> 20)) <= 1)
            let disk = try #require(metrics["disk"] as? [String: Any])
            #expect(try #require(disk["total"] as? Int) > 0)
            #expect((disk["path"] as? String)?.hasPrefix(FileManager.default.temporaryDirectory.path) == true)
            let interfaces = try #require((metrics["network"] as? [String: Any])?["interfaces"] as? [[String: Any]])
            let loopback = try #require(interfaces.first { $0["name"] as? String == "lo" })
            #expect(try #require(loopback["bytes_recv"] as? Int) > 0, "this very request came over lo")
        }
    }

    @Test("pools: each pool's usage in the HEAD, counted as allocations.json counts it")
    func pools() async throws {
        let fixture = try ReadsFixture()
        let inventory = try await fixture.head.current().inventory
        try await StatusTestServer(head: fixture.head).run { api, token in
            let answer = try await api.json("/api/v1/monitoring/ipv6/pools", token: token)
            #expect(answer.status == .ok)
            #expect(answer.array.count == inventory.pools.count && !inventory.pools.isEmpty)
            for pool in inventory.pools {
                let usage = PoolUsage(pool: pool, inventory: inventory)
                let item = try #require(answer.array.first { $0["pool_id"] as? String == pool.id })
                #expect(item["name"] as? String == pool.name)
                #expect(item["total_capacity"] as? Int == Int(usage.capacity))
                #expect(item["allocated"] as? Int == Int(usage.used))
                #expect(item["usage_percent"] as? Double == usage.percent)
                #expect(item["status"] as? String == (usage.percent < 80 ? "healthy" : "warning"))
            }
        }
    }

    @Test("pool status thresholds", arguments: [
        (UInt64(0), UInt64(256), 0.0, "healthy"), (204, 256, 79.69, "healthy"), (205, 256, 80.08, "warning"),
        (244, 256, 95.31, "critical"), (256, 256, 100, "exhausted"),
    ])
    func poolStatus(used: UInt64, capacity: UInt64, percent: Double, status: String) {
        #expect(PoolStatusAnswer.status(used: used, capacity: capacity, percent: percent) == status)
    }

    @Test("without BIRD every session is unknown, says why, and carries no numbers",
          arguments: [nil, "/nonexistent/bird.ctl"])
    func sessionsWithoutBIRD(socket: String?) async throws {
        let fixture = try ReadsFixture()
        let sessions = try await fixture.head.current().inventory.sessions
        try await StatusTestServer(head: fixture.head, birdSocket: socket).run { api, token in
            let answer = try await api.json("/api/v1/monitoring/bgp/sessions", token: token)
            #expect(answer.status == .ok)
            #expect(answer.array.map { $0["session_id"] as? String } == sessions.map(\.id))
            for item in answer.array {
                #expect(item["status"] as? String == "unknown")
                #expect(item["uptime"] is NSNull)
                #expect(item["prefixes_received"] is NSNull && item["prefixes_sent"] is NSNull)
                let reason = try #require(item["reason"] as? String)
                #expect(reason.contains(socket == nil ? "no BIRD control socket" : "not running"))
            }
        }
    }
}

@Suite("Monitoring and reload on a running BIRD",
       .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .enabled(if: Programs.available("bird", "ip"), "needs bird2 and iproute2"))
struct MonitoringBIRDTests {
    @Test("sessions: peer-1 established, with its uptime and BIRD's route counts; transit-1 unknown, and why")
    func sessions() async throws {
        let lab = try await SessionActionLab()
        let inventory = try await lab.fixture.head.current().inventory
        try await StatusTestServer(head: lab.fixture.head, birdSocket: lab.router.socketPath).run { api, token in
            // Route counts appear once the channel is up; wait for BIRD to show them rather than for a fixed time.
            func counts() throws -> BIRDProtocolStatus.RouteCounts? {
                try lab.router.client.protocols(named: lab.peerProtocol).first?.channels.first?.routes
            }
            try waitUntil("peer-1's channel shows its route counts", within: .seconds(20)) { try counts() != nil }
            let before = try #require(try counts())
            let answer = try await api.json("/api/v1/monitoring/bgp/sessions", token: token)
            #expect(try counts() == before, "BIRD's counts held still while the API read them")
            #expect(answer.status == .ok)
            #expect(answer.array.count == inventory.sessions.count)
            let peer = try #require(answer.array.first { $0["session_id"] as? String == lab.peer.id })
            #expect(peer["status"] as? String == "established")
            #expect(peer["bird_state"] as? String == "up")
            #expect(peer["protocol"] as? String == lab.peerProtocol)
            #expect(peer["prefixes_received"] as? Int == before.imported)
            #expect(peer["prefixes_sent"] as? Int == before.exported)
            let uptime = try #require(peer["uptime"] as? Int)
            #expect(uptime >= 0 && uptime < 120)
            #expect(peer["reason"] is NSNull)
            let transit = try #require(answer.array.first { $0["session_id"] as? String == lab.transit.id })
            #expect(transit["status"] as? String == "unknown")
            #expect((transit["reason"] as? String)?.contains("BIRD runs no protocol") == true)

            let health = try await api.json("/api/v1/status/health/detailed", token: token)
            let bird = try #require((health.object["components"] as? [String: [String: Any]])?["bird"])
            #expect(bird["status"] as? String == "healthy")
            #expect(bird["bird_version"] as? String == (try lab.router.client.status().version))
        }
    }

    @Test("reload makes BIRD read its configuration again; established sessions stay up")
    func reload() async throws {
        let lab = try await SessionActionLab()
        let before = try lab.router.client.status().lastReconfiguration
        let since = try #require(try lab.router.client.protocols(named: lab.peerProtocol).first?.since)
        try await StatusTestServer(head: lab.fixture.head, birdSocket: lab.router.socketPath).run { api, token in
            let answer = try await api.post("/api/v1/system/action", #"{"action": "reload", "service": "bird"}"#,
                                            token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["success"] as? Bool == true)
            #expect(answer.object["bird_code"] as? Int == 3)
            #expect((answer.object["message"] as? String)?.contains("Reconfigured") == true)
        }
        #expect(try lab.router.client.status().lastReconfiguration > before)
        #expect(try lab.router.client.protocols(named: lab.peerProtocol).first?.since == since)
    }

    @Test("reload of a configuration BIRD cannot parse: 409 BIRD_CONFIG_REJECTED, the running one kept")
    func reloadRejected() async throws {
        let lab = try await SessionActionLab()
        let config = try String(contentsOfFile: lab.router.configPath, encoding: .utf8)
        try (config + "\nprotocol nonsense {}\n").write(toFile: lab.router.configPath, atomically: true, encoding: .utf8)
        try await StatusTestServer(head: lab.fixture.head, birdSocket: lab.router.socketPath).run { api, token in
            let answer = try await api.send(.post, "/api/v1/system/action", token: token,
                                            body: #"{"action": "reload"}"#)
            #expect(answer.status == .conflict)
            let error = try api.error(answer)
            #expect(error.errorCode == "BIRD_CONFIG_REJECTED")
            #expect(error.detail.contains("kept its running configuration"))
        }
        #expect(try lab.router.client.protocols(named: lab.peerProtocol).first?.state == .up)
    }
}
