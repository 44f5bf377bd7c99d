import API
import Compiler
import Foundation
import HummingbirdTesting
import Testing

/// The read routes answer the example inventory's values, as its YAML writes them.
@Suite("Reads: resources of the compiled HEAD")
struct ReadsResourceTests {
    static let committed = "2026-01-01T00:00:00Z"

    @Test("lists the BGP sessions with their YAML values, the password masked and the live fields unknown")
    func sessions() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/bgp/sessions")
            #expect(answer.status == .ok)
            #expect(answer.array.count == 2)
            let peer = try #require(answer.byName["peer-1"])
            #expect(peer["id"] as? String == ResourceID.derive(kind: "BGPSession", key: "peer-1"))
            #expect(peer["neighbor"] as? String == "192.168.1.2")
            #expect(peer["remote_as"] as? Int == 65002)
            #expect(peer["hold_time"] as? Int == 180)
            #expect(peer["description"] as? String == "IPv4 peer at the exchange")
            #expect(peer["enabled"] as? Bool == true)
            #expect(peer["password"] is NSNull)
            #expect(peer["status"] as? String == "unknown")
            for live in ["last_status_change", "uptime", "prefixes_received", "prefixes_sent"] {
                #expect(peer[live] is NSNull, "\(live) is invented")
            }
            #expect(peer["created_at"] as? String == Self.committed)
            #expect(peer["updated_at"] as? String == Self.committed)
            let transit = try #require(answer.byName["transit-1"])
            #expect(transit["neighbor"] as? String == "2001:db8:ffff::1")
            #expect(transit["remote_as"] as? Int == 65100)
            #expect(transit["password"] as? String == "***")

            let one = try await client.read("/api/v1/bgp/sessions/\(peer["id"] as? String ?? "")")
            #expect(one.status == .ok)
            #expect(one.object["name"] as? String == "peer-1")
        }
    }

    @Test("lists the announcements in an object, each naming its session by id")
    func announcements() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/bgp/announcements")
            #expect(answer.status == .ok)
            let list = try #require(answer.object["announcements"] as? [[String: Any]])
            let byName = Dictionary(list.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            let customer = try #require(byName["customer-a"])
            #expect(customer["prefix"] as? String == "2001:db8:100::/48")
            #expect(customer["asn"] as? Int == 65001)
            #expect(customer["session_id"] as? String == ResourceID.derive(kind: "BGPSession", key: "transit-1"))
            #expect(customer["next_hop"] is NSNull)
            let legacy = try #require(byName["legacy-v4"])
            #expect(legacy["next_hop"] as? String == "192.168.1.1")
            #expect(legacy["session_id"] as? String == ResourceID.derive(kind: "BGPSession", key: "peer-1"))

            let one = try await client.read("/api/v1/bgp/announcements/\(legacy["id"] as? String ?? "")")
            #expect(one.object["prefix"] as? String == "198.51.100.0/24")
        }
    }

    @Test("lists the pools with capacity and usage counted in allocations of the default length")
    func pools() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/ipv6/pools")
            let pool = try #require(answer.byName["pool-1"])
            #expect(pool["id"] as? String == ResourceID.derive(kind: "PrefixPool", key: "pool-1"))
            #expect(pool["prefix"] as? String == "2001:db8:100::/48")
            #expect(pool["max_prefix_length"] as? Int == 56)
            #expect(pool["min_prefix_length"] as? Int == 64)
            #expect(pool["auto_announce_bgp"] as? Bool == true)
            // A /48 holds 256 /56s; alice's /56, carol's /64 and the LAN's /64 touch three of them.
            #expect(pool["allocation_length"] as? Int == 56)
            #expect(pool["total_addresses"] as? Int == 256)
            #expect(pool["allocated_addresses"] as? Int == 3)
            #expect(pool["status"] is NSNull)

            let one = try await client.read("/api/v1/ipv6/pools/\(pool["id"] as? String ?? "")")
            #expect(one.object["name"] as? String == "pool-1")
        }
    }

    @Test("lists the WireGuard servers with their YAML values")
    func servers() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/wireguard/servers")
            let server = try #require(answer.byName["server-1"])
            #expect(server["id"] as? String == ResourceID.derive(kind: "WireGuardServer", key: "server-1"))
            #expect(server["node"] as? String == "edge-1")
            #expect(server["interface"] as? String == "wg0")
            #expect(server["listen_port"] as? Int == 51820)
            #expect(server["public_key"] as? String == "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ=")
            #expect(server["ipv4_address"] as? String == "10.0.0.1/24")
            #expect(server["ipv6_address"] as? String == "fd00:1234::1/64")
            #expect(server["dns_servers"] as? [String] == ["2001:db8:100::53", "9.9.9.9"])
            #expect(server["mtu"] as? Int == 1420)
            #expect(server["is_active"] as? Bool == true)
            #expect(server["config_file_path"] is NSNull)

            let one = try await client.read("/api/v1/wireguard/servers/\(server["id"] as? String ?? "")")
            #expect(one.object["interface"] as? String == "wg0")
        }
    }

    @Test("lists the WireGuard clients with their server's id and the prefixes delegated to them")
    func clients() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/wireguard/clients")
            #expect(answer.array.map { $0["name"] as? String } == ["alice", "bob", "carol"])
            let alice = try #require(answer.byName["alice"])
            #expect(alice["server_id"] as? String == ResourceID.derive(kind: "WireGuardServer", key: "server-1"))
            #expect(alice["public_key"] as? String == "Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=")
            #expect(alice["ipv4_address"] as? String == "10.0.0.2/32")
            #expect(alice["ipv6_address"] as? String == "fd00:1234::2/128")
            #expect(alice["allowed_ips"] as? [String] == ["0.0.0.0/0", "::/0"])
            #expect(alice["delegated_prefixes"] as? [String] == ["2001:db8:100:100::/56"])
            let bob = try #require(answer.byName["bob"])
            #expect(bob["allowed_ips"] is NSNull)
            #expect(bob["delegated_prefixes"] as? [String] == [])
            #expect(bob["persistent_keepalive"] as? Int == 0)
            #expect(answer.byName["carol"]?["delegated_prefixes"] as? [String] == ["2001:db8:100:200::/64"])

            let one = try await client.read("/api/v1/wireguard/clients/\(bob["id"] as? String ?? "")")
            #expect(one.object["public_key"] as? String == "HvZa87jzCTlwV37KL4gmhoqJ5/MDJq4EWcHZGF7BZCY=")
        }
    }
}
