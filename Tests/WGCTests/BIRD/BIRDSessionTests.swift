import BIRD
import Foundation
import Testing

/// Two BIRDs in two namespaces joined by a veth, with a BGP session between them; one exports two static IPv6
/// routes. The client reads the session and acts on it through the control socket.
@Suite("BIRD BGP session",
       .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .enabled(if: Programs.available("bird", "ip"), "needs bird2 and iproute2"))
struct BIRDSessionTests {
    /// The exporting side (AS 65001) and the importing side (AS 65002), with the session up.
    final class Pair {
        let exporter: BIRDDaemon
        let importer: BIRDDaemon

        init() throws {
            let a = try NetworkNamespace("bgpa")
            let b = try NetworkNamespace("bgpb")
            try NetworkNamespace.link(a, "veth-a", b, "veth-b")
            try a.address("veth-a", "2001:db8:ff::1/64")
            try b.address("veth-b", "2001:db8:ff::2/64")
            exporter = try BIRDDaemon(config: """
                router id 192.0.2.1;
                protocol device {}
                protocol static routes6 {
                    ipv6;
                    route 2001:db8:10::/48 unreachable;
                    route 2001:db8:11::/48 unreachable;
                }
                protocol bgp peer_b {
                    local 2001:db8:ff::1 as 65001;
                    neighbor 2001:db8:ff::2 as 65002;
                    \(Self.quickTimers)
                    ipv6 { import none; export where proto = "routes6"; };
                }
                """, in: a)
            importer = try BIRDDaemon(config: """
                router id 192.0.2.2;
                protocol device {}
                protocol bgp peer_a {
                    local 2001:db8:ff::2 as 65002;
                    neighbor 2001:db8:ff::1 as 65001;
                    \(Self.quickTimers)
                    ipv6 { import all; export none; };
                }
                """, in: b)
            try waitForRoutes(2)
        }

        /// BIRD waits 5 s before its first connection attempt and a minute after an error; tests need not.
        static let quickTimers = "connect delay time 1; connect retry time 2; error wait time 1, 2;"

        /// Waits until the importer's session is established with `count` routes imported.
        func waitForRoutes(_ count: Int) throws {
            try waitUntil("peer_a is established with \(count) routes", within: .seconds(20)) {
                let peer = try importer.client.protocols(named: "peer_a").first
                return peer?.bgp?.isEstablished == true && peer?.channels.first?.routes?.imported == count
            }
        }
    }

    @Test("the importing side reports the session established, its neighbor and AS numbers, and the routes")
    func established() throws {
        let pair = try Pair()
        let peer = try #require(try pair.importer.client.protocols().first { $0.name == "peer_a" })
        #expect(peer.proto == "BGP")
        #expect(peer.state == .up)
        #expect(peer.info == "Established")
        #expect(peer.bgp?.state == "Established")
        #expect(peer.bgp?.neighborAddress == "2001:db8:ff::1")
        #expect(peer.bgp?.neighborAS == 65001)
        #expect(peer.bgp?.localAS == 65002)
        #expect(peer.bgp?.neighborID == "192.0.2.1")
        #expect(peer.bgp?.lastError == nil)
        #expect(peer.channels.map(\.name) == ["ipv6"])
        #expect(peer.channels.first?.routes == .init(imported: 2, exported: 0, preferred: 2))
        let exporting = try #require(try pair.exporter.client.protocols(named: "peer_b").first)
        #expect(exporting.channels.first?.routes?.exported == 2)
    }

    @Test("restart resets the session and it comes back with the routes")
    func restart() throws {
        let pair = try Pair()
        let before = try #require(try pair.importer.client.protocols(named: "peer_a").first).since
        #expect(try pair.importer.client.restart(protocol: "peer_a") == "peer_a: restarted")
        try waitUntil("peer_a is established again, since a later time", within: .seconds(20)) {
            let peer = try pair.importer.client.protocols(named: "peer_a").first
            return peer?.since != before && peer?.bgp?.isEstablished == true
                && peer?.channels.first?.routes?.imported == 2
        }
    }

    @Test("reload re-runs the filters without dropping the session")
    func reload() throws {
        let pair = try Pair()
        #expect(try pair.importer.client.reload(protocol: "peer_a", direction: .in) == "peer_a: reloading")
        #expect(try pair.exporter.client.reload(protocol: "peer_b", direction: .out) == "peer_b: reloading")
        #expect(try pair.exporter.client.reload(protocol: "peer_b") == "peer_b: reloading")
        try pair.waitForRoutes(2)
    }

    @Test("a disabled neighbor leaves the other side with a last error; enabling brings the session back")
    func disable() throws {
        let pair = try Pair()
        #expect(try pair.exporter.client.disable(protocol: "peer_b") == "peer_b: disabled")
        #expect(try pair.exporter.client.disable(protocol: "peer_b") == "peer_b: already disabled")
        try waitUntil("peer_a reports why it is down", within: .seconds(10)) {
            let peer = try pair.importer.client.protocols(named: "peer_a").first
            return peer?.bgp?.isEstablished == false && peer?.bgp?.lastError != nil
        }
        #expect(try pair.exporter.client.enable(protocol: "peer_b") == "peer_b: enabled")
        try pair.waitForRoutes(2)
    }

    @Test("commands about a protocol BIRD does not know fail with BIRD's error")
    func unknownProtocol() throws {
        let pair = try Pair()
        let client = pair.importer.client
        for attempt in [{ try client.restart(protocol: "peer_nobody") }, { try client.reload(protocol: "peer_nobody") },
                        { try client.protocols(named: "peer_nobody").description }] {
            #expect { try attempt() } throws: { error in
                let error = error as? BIRDError
                return error?.kind == .commandFailed && error?.code == 9001 && error?.command != nil
            }
        }
        #expect { try client.restart(protocol: "peer-a; down") } throws: { error in
            (error as? BIRDError)?.kind == .invalidCommand
        }
        #expect(try client.status().isUpAndRunning, "nothing was sent that could stop BIRD")
    }
}
