import Foundation
import Testing

/// The agent against the real daemons, in network namespaces: wireguard-go, BIRD with a BGP neighbor, radvd with
/// a LAN host, and a git repository it follows. One scenario, step by step, as an operator's week would go.
@Suite("The agent end to end", .serialized)
struct AgentEndToEndTests {
    static let bob = (publicKey: "NAyS8PCxfRW1aIU0q9/fQ9yqhsxtrE1NdMW7s2sIeDQ=", prefix: "2001:db8:100:2::/64")
    static let carol = "OJ2njl1A3bnLJNF4xtdfFRAd5bY/V2oA+fHKeegfjS0="
    static let alice = "EIWgB+kbbOi9qmi5PUi7hjZR8g4a+f/xrOrtfAq00V0="

    @Test("applies, changes one peer at a time, refuses, rolls back and repairs",
          .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
          .enabled(if: Programs.available("ip", "wireguard-go", "wg", "wg-quick", "bird", "birdc", "radvd", "rdisc6",
                                          "ping"),
                   "needs iproute2, wireguard-go, wireguard-tools, bird2, radvd, ndisc6, ping"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: AgentLab.wgc), "wgc binary not built"),
          .timeLimit(.minutes(5)))
    func scenario() throws {
        let lab = try AgentLab()

        // 1. The first cycle brings the router up from nothing.
        let first = try lab.agent()
        #expect(first.status == 0, "first cycle: \(first.combined)")
        #expect(first.stdout.hasPrefix("applied"), "\(first.stdout)")
        try lab.connectAlice()
        #expect(try lab.ping("10.66.0.1").status == 0, "IPv4 through the tunnel")
        #expect(try lab.ping("fd00:66::1").status == 0, "IPv6 through the tunnel")
        try lab.waitUntil("the neighbor receives the announced prefixes", seconds: 60) {
            lab.neighborRoutes() == AgentLab.expectedExports
        }
        let routes = try lab.router.exec(["ip", "-6", "route", "show", "proto", "240"]).stdout
        #expect(routes.contains("2001:db8:100:1::/64 dev \(lab.interface)"), "alice's prefix is routed: \(routes)")
        let advertisement = try lab.lan.exec(["rdisc6", "-r", "10", "-w", "1000", "lan0"], timeout: 30)
        #expect(advertisement.stdout.contains("2001:db8:100::/64"), "LAN prefix: \(advertisement.combined)")
        #expect(advertisement.stdout.contains("2001:db8:100::53"), "RDNSS: \(advertisement.combined)")

        // 2. One client added: exactly one peer changes; alice keeps her session and keeps pinging meanwhile.
        let before = try #require(try lab.peers()[Self.alice])
        #expect(before.latestHandshake > 0)
        try lab.append("inventory/network.yaml", """
            ---
            kind: WireGuardClient
            name: bob
            server: tunnels
            public_key: \(Self.bob.publicKey)
            ipv4_address: 10.66.0.3/32
            ipv6_address: fd00:66::3/128
            ---
            kind: Allocation
            pool: customers
            prefix: \(Self.bob.prefix)
            client: bob

            """)
        try lab.repository.commitAll("add bob")
        let pinging = try lab.client.startPing("10.66.0.1", count: 25, log: lab.folder.url.appendingPathComponent("ping.log"))
        let second = try lab.agent()
        #expect(second.status == 0, "second cycle: \(second.combined)")
        #expect(second.stdout.contains("peer 'bob' added"), "\(second.stdout)")
        #expect(!second.stdout.contains("'alice'"), "alice is not touched: \(second.stdout)")
        _ = Programs.wait(pinging, timeout: 30)
        #expect(lab.log("ping.log").contains(", 0% packet loss"), "alice kept pinging during the cycle: \(lab.log("ping.log"))")
        let after = try lab.peers()
        #expect(after.count == 2)
        let aliceAfter = try #require(after[Self.alice])
        #expect(aliceAfter.latestHandshake == before.latestHandshake, "alice's handshake survives")
        #expect(aliceAfter.received >= before.received && aliceAfter.sent >= before.sent, "her counters survive")
        #expect(try lab.router.exec(["ip", "-6", "route", "show", "proto", "240"]).stdout
            .contains("\(Self.bob.prefix) dev \(lab.interface)"))

        // The live view names what it sees as the inventory does.
        let live = try #require(try lab.liveStatus()["live"] as? [String: Any])
        let sessions = try #require(live["sessions"] as? [[String: Any]])
        let upstream = try #require(sessions.first { $0["session"] as? String == "upstream" })
        #expect(upstream["bgp_state"] as? String == "Established", "\(upstream)")
        #expect(upstream["exported_prefixes"] as? Int == AgentLab.expectedExports.count, "\(upstream)")
        let elsewhere = try #require(sessions.first { $0["session"] as? String == "elsewhere" })
        #expect(elsewhere["bgp_state"] as? String != "Established")
        let interfaces = try #require(live["interfaces"] as? [[String: Any]])
        let livePeers = try #require(interfaces.first?["peers"] as? [[String: Any]])
        #expect(Set(livePeers.compactMap { $0["client"] as? String }) == ["alice", "bob"])
        #expect(livePeers.first { $0["client"] as? String == "alice" }?["latest_handshake"] != nil)

        // 3. The client removed again: its peer and its route go.
        try lab.repository.git("revert", "--no-edit", "HEAD")
        let third = try lab.agent()
        #expect(third.status == 0, "third cycle: \(third.combined)")
        #expect(try lab.peers().keys.sorted() == [Self.alice])
        #expect(!(try lab.router.exec(["ip", "-6", "route", "show", "proto", "240"]).stdout.contains(Self.bob.prefix)))

        // 4. A revision that does not validate is refused and recorded; nothing changes.
        let applied = try #require(lab.status()["applied"] as? [String: Any])["commit"] as? String
        try lab.edit("inventory/network.yaml", "ipv4_address: 10.66.0.2/32", "ipv4_address: 10.66.0.300/32")
        let invalid = try lab.repository.commitAll("a typo")
        // As an agent killed while compiling it leaves the state: marked as being applied.
        let statePath = lab.stateDirectory + "/state.json"
        var marked = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: statePath))) as? [String: Any])
        marked["applying"] = invalid
        try JSONSerialization.data(withJSONObject: marked).write(to: URL(fileURLWithPath: statePath))
        let fourth = try lab.agent()
        #expect(fourth.status == 1, "invalid revision: \(fourth.combined)")
        #expect(fourth.stdout.hasPrefix("invalid"))
        #expect(fourth.stdout.contains("inventory/network.yaml:"), "diagnostics name the file: \(fourth.stdout)")
        let afterInvalid = try lab.status()
        #expect((afterInvalid["applied"] as? [String: Any])?["commit"] as? String == applied)
        #expect((afterInvalid["last_attempt"] as? [String: Any])?["commit"] as? String == invalid)
        #expect(afterInvalid["applying"] == nil, "the state says the refused revision is being applied: \(afterInvalid)")
        #expect(try lab.peers().keys.sorted() == [Self.alice])
        let again = try lab.agent()
        #expect(again.stdout.hasPrefix("waiting") || again.stdout.hasPrefix("unchanged"),
                "a failed revision is not retried until the branch moves: \(again.stdout)")
        try lab.repository.git("revert", "--no-edit", "HEAD")

        // 5. A revision BIRD rejects (its password file does not exist) is refused before anything changes.
        try lab.edit("inventory/bgp.yaml", "password_secret: upstream", "password_secret: missing")
        try lab.repository.commitAll("a secret that is not on the router")
        let birdConfBefore = try String(contentsOfFile: lab.birdConfig, encoding: .utf8)
        let fifth = try lab.agent()
        #expect(fifth.status == 1, "BIRD rejects: \(fifth.combined)")
        #expect(fifth.stdout.hasPrefix("refused"), "\(fifth.stdout)")
        #expect(try String(contentsOfFile: lab.birdConfig, encoding: .utf8) == birdConfBefore)
        #expect(lab.routerSessionEstablished)

        // 6. A revision whose verification fails (the session never comes back: wrong password) is undone
        //    everywhere, the client it added included.
        try lab.edit("inventory/bgp.yaml", "password_secret: missing", "password_secret: wrong")
        try lab.append("inventory/network.yaml", """
            ---
            kind: WireGuardClient
            name: carol
            server: tunnels
            public_key: \(Self.carol)
            ipv4_address: 10.66.0.4/32

            """)
        try lab.repository.commitAll("carol, and a password the neighbor does not know")
        let sixth = try lab.agent()
        #expect(sixth.status == 1, "verification fails: \(sixth.combined)")
        #expect(sixth.stdout.hasPrefix("rolled-back"), "\(sixth.stdout)")
        #expect(try lab.peers()[Self.carol] == nil, "carol's peer was rolled back")
        #expect(try String(contentsOfFile: lab.birdConfig, encoding: .utf8) == birdConfBefore)
        try lab.waitUntil("the session is back", seconds: 30) { lab.routerSessionEstablished }

        // 7. The next good commit applies.
        try lab.edit("inventory/bgp.yaml", "password_secret: wrong", "password_secret: upstream")
        try lab.repository.commitAll("the right password")
        let seventh = try lab.agent()
        #expect(seventh.status == 0, "good commit after a rollback: \(seventh.combined)")
        #expect(try lab.peers()[Self.carol] != nil)

        // 8. Drift, with the agent running as a daemon: a peer removed, an address deleted and bird.conf edited
        //    by hand are put back by the next cycle; SIGTERM stops it between cycles.
        let daemonLog = lab.folder.url.appendingPathComponent("agent.log")
        let daemon = try Programs.spawn(["ip", "netns", "exec", lab.router.name]
                                            + lab.agentArguments(["--interval", "1s", "--metrics-listen",
                                                                  "127.0.0.1:9586", "--log-format", "json"]),
                                        stdout: daemonLog.path, stderr: daemonLog.path)
        try lab.waitUntil("the daemon's first cycle", seconds: 20) { lab.log("agent.log").contains("cycle") }
        try lab.router.exec(["wg", "set", lab.interface, "peer", Self.carol, "remove"]).check("remove carol")
        try lab.router.exec(["ip", "address", "del", "10.66.0.1/24", "dev", lab.interface]).check("delete address")
        try Data((try String(contentsOfFile: lab.birdConfig, encoding: .utf8) + "# edited by hand\n").utf8)
            .write(to: URL(fileURLWithPath: lab.birdConfig))
        // The cycle's line is logged once the repair is verified, after the router looks right.
        try lab.waitUntil("the drift is repaired and logged", seconds: 30) {
            try lab.peers()[Self.carol] != nil
                && lab.router.exec(["ip", "address", "show", "dev", lab.interface]).stdout.contains("10.66.0.1/24")
                && !(try String(contentsOfFile: lab.birdConfig, encoding: .utf8)).contains("edited by hand")
                && lab.log("agent.log").contains("\"outcome\":\"repaired\"")
        }
        let metrics = try lab.router.exec(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9586 && "
                                           + "printf 'GET /metrics HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && cat <&3"]).stdout
        #expect(metrics.contains("wireguard_peer_last_handshake_seconds{interface=\"\(lab.interface)\",client=\"alice\"}"),
                "per-peer series named by client: \(metrics)")
        #expect(metrics.contains("wireguard_peer_received_bytes_total{interface=\"\(lab.interface)\",client=\"carol\"}"))
        #expect(metrics.contains("wgc_agent_bgp_sessions{state=\"Established\"} 1"), "\(metrics)")
        #expect(metrics.contains("wgc_agent_cycles_total{outcome=\"repaired\"}"), "\(metrics)")
        #expect(metrics.contains("wgc_agent_applied_revision_info{commit="))
        kill(daemon, SIGTERM)
        #expect(Programs.wait(daemon, timeout: 30) == 0, "SIGTERM stops the agent: \(lab.log("agent.log"))")
        let lines = lab.log("agent.log").split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count, "every log line is a JSON object: \(lines.prefix(5))")
        #expect(objects.contains { $0["outcome"] as? String == "repaired" && $0["message"] as? String == "cycle" })
        let privateKey = try String(contentsOf: AgentLab.fixture.appendingPathComponent("keys/wg0.key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!lab.log("agent.log").contains(privateKey) && !lab.log("agent.log").contains("e2e-secret"),
                "no private key or BGP password in the logs")

        // 8b. A running agent plans a commit from its last full read of the interface (a cycle before), not from a
        //     new one; what was changed by hand since is found by the verification and applied from it. Carol
        //     removed and a stranger added by hand just before a commit lands: once it is applied, carol is back,
        //     the stranger gone, and alice has the commit's keepalive, in that one applying cycle. Then the
        //     interface deleted just before a commit that changes no peer: it is made again, not rolled back.
        let observedLog = lab.folder.url.appendingPathComponent("agent-observed.log")
        let observing = try Programs.spawn(["ip", "netns", "exec", lab.router.name]
                                               + lab.agentArguments(["--interval", "5s", "--log-format", "json"]),
                                           stdout: observedLog.path, stderr: observedLog.path)
        func observedCycles() -> [[String: Any]] {
            lab.log("agent-observed.log").split(separator: "\n")
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        /// Waits for the next cycle the daemon logs (a full read of the interface), then returns at once.
        func awaitNextCycle() throws {
            let seen = observedCycles().filter { $0["message"] as? String == "cycle" }.count
            try lab.waitUntil("the daemon's next cycle", seconds: 20) {
                observedCycles().filter { $0["message"] as? String == "cycle" }.count > seen
            }
        }
        func cycle(of commit: String) throws -> [String: Any]? {
            try lab.waitUntil("the daemon's cycle of \(commit.prefix(8))", seconds: 30) {
                observedCycles().contains { $0["message"] as? String == "cycle" && $0["commit"] as? String == commit }
            }
            return observedCycles().first { $0["message"] as? String == "cycle" && $0["commit"] as? String == commit }
        }
        try awaitNextCycle()
        try lab.router.exec(["wg", "set", lab.interface, "peer", Self.carol, "remove"]).check("remove carol")
        try lab.router.exec(["wg", "set", lab.interface, "peer", Self.bob.publicKey, "allowed-ips", "10.66.0.99/32"])
            .check("add a stranger")
        try lab.edit("inventory/network.yaml", "persistent_keepalive: 0", "persistent_keepalive: 25")
        let keepalive = try lab.repository.commitAll("alice keeps her tunnel alive")
        #expect(try cycle(of: keepalive)?["outcome"] as? String == "applied", "\(lab.log("agent-observed.log"))")
        #expect(!observedCycles().contains { $0["outcome"] as? String == "repaired" },
                "the hand edits met the commit's cycle, not a repair before it: \(lab.log("agent-observed.log"))")
        let drift = observedCycles().filter { $0["message"] as? String == "drift" }
            .compactMap { $0["difference"] as? String }
        #expect(drift.contains { $0.contains("'carol'") } && drift.contains { $0.contains(Self.bob.publicKey) },
                "the verification names what was changed by hand: \(drift)")
        #expect(try lab.peers().keys.sorted() == [Self.alice, Self.carol].sorted(), "carol back, the stranger gone")
        let keepalives = try lab.router.exec(["wg", "show", lab.interface, "persistent-keepalive"]).check("keepalive")
        #expect(keepalives.stdout.contains("\(Self.alice)\t25"), "\(keepalives.stdout)")

        try awaitNextCycle()
        try lab.router.exec(["ip", "link", "del", lab.interface]).check("delete the interface")
        try lab.append("inventory/bgp.yaml", "# a comment: a new revision, the same router\n")
        let comment = try lab.repository.commitAll("a comment")
        #expect(try cycle(of: comment)?["outcome"] as? String == "applied", "\(lab.log("agent-observed.log"))")
        #expect(try lab.peers().keys.sorted() == [Self.alice, Self.carol].sorted(), "the interface is back, peers too")
        kill(observing, SIGTERM)
        #expect(Programs.wait(observing, timeout: 30) == 0, "SIGTERM stops the agent: \(lab.log("agent-observed.log"))")

        // 9. The interface deleted and the agent restarted with its remote unreachable: the boot re-applies the
        //    last good revision before any fetch. The saved configuration is made to look like one of an older
        //    commit without carol (as a stop right after recording a commit leaves it, before it is written): the
        //    boot does not trust it and compiles the applied commit instead.
        try lab.router.exec(["ip", "link", "del", lab.interface]).check("delete the interface")
        let savedPath = lab.stateDirectory + "/applied-configuration.json"
        var saved = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: savedPath))) as? [String: Any])
        #expect(saved["commit"] as? String == comment, "the saved configuration names the applied commit")
        var configuration = try #require(saved["configuration"] as? [String: Any])
        var savedInterfaces = try #require(configuration["interfaces"] as? [[String: Any]])
        let peers = try #require(savedInterfaces[0]["peers"] as? [String])  // one line per peer: "client key …"
        #expect(peers.contains { $0.contains(Self.carol) })
        savedInterfaces[0]["peers"] = peers.filter { !$0.contains(Self.carol) }
        configuration["interfaces"] = savedInterfaces
        saved["configuration"] = configuration
        saved["commit"] = String(repeating: "0", count: 40)
        try JSONSerialization.data(withJSONObject: saved).write(to: URL(fileURLWithPath: savedPath))
        let ninth = try lab.agent(remote: lab.folder.path + "/gone.git")
        #expect(ninth.status == 2, "the fetch fails: \(ninth.combined)")
        #expect(try lab.peers().keys.sorted() == [Self.alice, Self.carol].sorted(), "peers are back before any fetch")
        #expect(try lab.ping("10.66.0.1", count: 3).status == 0, "alice reconnects")

        // 10. SIGKILL in the middle of an apply (BIRD restarting a session whose hold time changed), then a
        //     restart: the agent converges on the branch's revision, and leaves no temporary file or extra
        //     wireguard-go behind.
        try lab.edit("inventory/bgp.yaml", "hold_time: 30", "hold_time: 45")
        let held = try lab.repository.commitAll("a longer hold time")
        let killedLog = lab.folder.url.appendingPathComponent("killed.log")
        let killed = try Programs.spawn(["ip", "netns", "exec", lab.router.name] + lab.agentArguments(["--once"]),
                                        stdout: killedLog.path, stderr: killedLog.path)
        // The state says so while the revision compiles; bird.conf holds the new hold time once BIRD is being
        // reconfigured (commit-confirmed, waiting for the session to come back).
        try lab.waitUntil("the agent is applying", seconds: 30) {
            (try? String(contentsOfFile: lab.stateDirectory + "/state.json", encoding: .utf8))?.contains("\"applying\"") == true
                && (try? String(contentsOfFile: lab.birdConfig, encoding: .utf8))?.contains("hold time 45") == true
        }
        kill(killed, SIGKILL)
        _ = Programs.wait(killed, timeout: 10)
        let restarted = try lab.agent()
        #expect(restarted.status == 0, "after SIGKILL: \(restarted.combined)")
        #expect((try lab.status()["applied"] as? [String: Any])?["commit"] as? String == held)
        #expect(try String(contentsOfFile: lab.birdConfig, encoding: .utf8).contains("hold time 45"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: lab.folder.path + "/router")
            .filter { $0.hasPrefix(".") || $0.contains("wgc-check") }
            + FileManager.default.contentsOfDirectory(atPath: lab.stateDirectory).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files are left: \(leftovers)")
        let daemons = try lab.router.exec(["pgrep", "-f", "wireguard-go \(lab.interface)"]).stdout
            .split(separator: "\n")
        #expect(daemons.count == 1, "one wireguard-go for the interface: \(daemons)")
        try lab.waitUntil("the session is back", seconds: 30) { lab.routerSessionEstablished }

        // 11. A dry run shows what a commit would do and touches nothing; then the node loses its LAN, and radvd is
        //     stopped and its file removed.
        try lab.edit("inventory/network.yaml", """
            lan_interfaces:
              - name: lan0
                pool: customers
                rdnss: ["2001:db8:100::53"]
            """, "")
        try lab.repository.commitAll("no LAN any more")
        let radvdConfig = lab.folder.path + "/router/radvd.conf"
        let dryRun = try lab.agent(["--once", "--dry-run"])
        #expect(dryRun.status == 0 && dryRun.stdout.hasPrefix("planned"), "dry run: \(dryRun.combined)")
        #expect(dryRun.stdout.contains("radvd: to stop"), "\(dryRun.stdout)")
        #expect(FileManager.default.fileExists(atPath: radvdConfig), "a dry run touches nothing")
        let noLAN = try lab.agent()
        #expect(noLAN.status == 0, "no LAN: \(noLAN.combined)")
        #expect(noLAN.stdout.contains("radvd: stopped"), "\(noLAN.stdout)")
        #expect(!FileManager.default.fileExists(atPath: radvdConfig))
        #expect(try lab.router.exec(["pgrep", "-x", "radvd"]).status != 0, "radvd is stopped")

        // 12. BIRD stopped: the agent says so and fails the cycle (systemd restarts BIRD, not the agent).
        try lab.router.exec(["birdc", "-s", lab.birdSocket, "down"])
        try lab.waitUntil("BIRD is down", seconds: 10) { !FileManager.default.fileExists(atPath: lab.birdSocket) }
        let birdDown = try lab.agent()
        #expect(birdDown.status == 2, "BIRD down: \(birdDown.combined)")
        #expect(birdDown.combined.contains("BIRD is not running"), "\(birdDown.combined)")
    }
}

extension NetworkNamespace {
    /// Starts `ping` in this namespace; its pid, to wait for.
    func startPing(_ address: String, count: Int, log: URL) throws -> pid_t {
        try Programs.spawn(["ip", "netns", "exec", name, "ping", "-c", "\(count)", "-i", "0.2", "-W", "1", address],
                           stdout: log.path, stderr: log.path)
    }
}
