import Compiler
import Foundation
import Testing

/// The compiled configs work, not just parse: in network namespaces this test creates and removes, the router
/// runs the compiled wg-quick server config on wireguard-go, bird.conf and radvd.conf; a client runs its
/// compiled config and pings the server through the tunnel; a BIRD neighbor reaches Established and receives
/// exactly the prefixes announced to it; a LAN host sees the LAN prefix and RDNSS in router advertisements.
@Suite("End to end in network namespaces", .serialized)
struct EndToEndTests {
    static let fixture = Repository.fixtures.appendingPathComponent("e2e")

    @Test("compiled configs carry traffic, BGP sessions and router advertisements",
          .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
          .enabled(if: Programs.available("ip", "wireguard-go", "wg", "wg-quick", "bird", "birdc", "radvd", "rdisc6",
                                          "ping"),
                   "needs iproute2, wireguard-go, wireguard-tools, bird2, radvd, ndisc6, ping"),
          .timeLimit(.minutes(3)))
    func compiledConfigsWork() throws {
        let folder = try TemporaryFolder()
        let suffix = String(UUID().uuidString.prefix(6).lowercased())
        let serverInterface = "wgs" + suffix
        let clientInterface = "wgc" + suffix

        let checked = try InventoryCompiler.check(FolderSource(path: Self.fixture.appendingPathComponent("inventory").path))
        #expect(!checked.hasErrors, "\(checked.diagnostics)")
        let options = CompileOptions(keyDirectory: folder.path + "/keys", secretDirectory: folder.path + "/secrets")
        let files = InventoryCompiler.emit(checked.inventory, options: options)
        func compiled(_ path: String) throws -> String {
            try #require(files.first { $0.path == path }, "\(path) was not generated").contents
        }

        // Secrets as they would sit on the router and on the client.
        let serverKey = try String(contentsOf: Self.fixture.appendingPathComponent("keys/wg0.key"), encoding: .utf8)
        let clientKey = try String(contentsOf: Self.fixture.appendingPathComponent("keys/alice.key"), encoding: .utf8)
        _ = try folder.write("keys/\(serverInterface).key", serverKey)
        _ = try folder.write("secrets/bgp/upstream.conf", "password \"e2e-secret\";\n")

        let router = try NetworkNamespace("r")
        let client = try NetworkNamespace("c")
        let neighbor = try NetworkNamespace("n")
        let lan = try NetworkNamespace("l")
        try router.exec(["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"]).check("forwarding")
        try router.exec(["sysctl", "-qw", "net.ipv4.ip_forward=1"]).check("forwarding")
        try NetworkNamespace.link(router, "underlay", client, "underlay")
        try router.address("underlay", "198.18.0.1/24")
        try client.address("underlay", "198.18.0.2/24")
        try NetworkNamespace.link(router, "uplink", neighbor, "uplink")
        try router.address("uplink", "2001:db8:ffff::1/64")
        try neighbor.address("uplink", "2001:db8:ffff::2/64")
        try NetworkNamespace.link(router, "lan0", lan, "lan0")
        try router.address("lan0", "2001:db8:100::1/64")

        // WireGuard: the compiled server config through wg-quick, on wireguard-go.
        let userspace = ["WG_QUICK_USERSPACE_IMPLEMENTATION": "wireguard-go"]
        let serverConf = try folder.write("\(serverInterface).conf", try compiled("r1/wireguard/wg0.conf"))
        try router.exec(["wg-quick", "up", serverConf], environment: userspace).check("wg-quick up (router)")
        let clientConfText = try compiled("r1/clients/alice.conf")
            .replacingOccurrences(of: "<private key of alice>", with: clientKey.trimmingCharacters(in: .whitespacesAndNewlines))
        let clientConf = try folder.write("\(clientInterface).conf", clientConfText)
        try client.exec(["wg-quick", "up", clientConf], environment: userspace).check("wg-quick up (client)")
        print("e2e: WireGuard up")
        let ping4 = try client.exec(["ping", "-c", "1", "-w", "10", "10.66.0.1"], timeout: 20)
        #expect(ping4.status == 0, "IPv4 through the tunnel: \(ping4.combined)")
        let ping6 = try client.exec(["ping", "-6", "-c", "1", "-w", "10", "fd00:66::1"], timeout: 20)
        #expect(ping6.status == 0, "IPv6 through the tunnel: \(ping6.combined)")
        let handshakes = try router.exec(["wg", "show", serverInterface, "latest-handshakes"]).check("wg show").stdout
        #expect(!handshakes.contains("\t0\n") && !handshakes.isEmpty, "the router saw a handshake: \(handshakes)")

        print("e2e: pinged through the tunnel")
        // BGP: the compiled bird.conf against a BIRD neighbor that imports everything it is sent.
        // The one change to the compiled config: log to the test's file instead of syslog, to read the reasons.
        let birdConf = try folder.write("router-bird.conf", try compiled("r1/bird.conf")
            .replacingOccurrences(of: "log syslog all;", with: "log stderr all;"))
        let routerSocket = folder.path + "/router.ctl"
        try router.start(["bird", "-f", "-c", birdConf, "-s", routerSocket], log: folder.url.appendingPathComponent("router-bird.log"))
        let neighborConf = try folder.write("neighbor-bird.conf", """
            router id 10.255.0.2;
            protocol device {}
            # What the neighbor offers the router: one acceptable route and one of each kind its import
            # filter must refuse.
            protocol static offered {
                ipv6;
                route 2a0e:1234::/32 blackhole;        # acceptable (RPKI not-found)
                route 2a0e:1234:1:1::/64 blackhole;    # longer than /48
                route 2a0e:5555::/32 blackhole;        # RPKI invalid: the ROA names AS65099
                route 2a0e:7777::/32 blackhole;        # AS 23456 in the path
                route 2001:db8:abcd::/48 blackhole;    # bogon (documentation prefix)
                route ::/0 blackhole;                  # default route, not accepted on this session
            }
            protocol bgp upstream {
                local 2001:db8:ffff::2 as 65002;
                neighbor 2001:db8:ffff::1 as 65001;
                password "e2e-secret";
                hold time 30;
                ipv6 {
                    import all;
                    export filter { if net = 2a0e:7777::/32 then bgp_path.prepend(23456); accept; };
                };
            }

            """)
        let neighborSocket = folder.path + "/neighbor.ctl"
        try neighbor.start(["bird", "-f", "-c", neighborConf, "-s", neighborSocket],
                           log: folder.url.appendingPathComponent("neighbor-bird.log"))
        let expected: Set<String> = ["2001:db8:100::/48", "2001:db8:100:1::/64", "2001:db8:200::/48"]
        var received: Set<String> = []
        var state = ""
        let deadline = Date().addingTimeInterval(90)
        // BIRD offers no event stream for session state, so its control socket is polled until the deadline.
        while Date() < deadline {
            state = (try? neighbor.exec(["birdc", "-s", neighborSocket, "show", "protocols", "upstream"]).stdout) ?? ""
            if state.contains("Established") {
                received = Self.prefixes(in: (try? neighbor.exec(["birdc", "-s", neighborSocket, "show", "route",
                                                                   "protocol", "upstream"]).stdout) ?? "")
                if received == expected { break }
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
        #expect(state.contains("Established"), "BGP session state: \(state)")
        #expect(received == expected, "the neighbor receives exactly the prefixes announced to it")
        let routerState = try router.exec(["birdc", "-s", routerSocket, "show", "protocols", "all", "bgp_upstream"]).stdout
        #expect(routerState.contains("3 exported"), "router side: \(routerState)")
        // The import filter: of the six routes offered, only the acceptable one is imported.
        var updates: [Int] = []
        while Date() < deadline {
            let state = (try? router.exec(["birdc", "-s", routerSocket, "show", "protocols", "all", "bgp_upstream"]).stdout) ?? ""
            updates = Self.importUpdates(in: state)
            if updates.first ?? 0 >= 6 { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        #expect(updates.first == 6, "the router received all six offered routes: \(updates)")
        let imported = Self.prefixes(in: try router.exec(["birdc", "-s", routerSocket, "show", "route", "protocol",
                                                          "bgp_upstream"]).stdout)
        #expect(imported == ["2a0e:1234::/32"], "routes the router imported from its neighbor")
        let log = (try? String(contentsOf: folder.url.appendingPathComponent("router-bird.log"), encoding: .utf8)) ?? ""
        for reason in ["2a0e:1234:1:1::/64 from AS65002: prefix longer than /48",
                       "2a0e:5555::/32 from AS65002: RPKI invalid",
                       "2a0e:7777::/32 from AS65002: reserved AS in path",
                       "2001:db8:abcd::/48 from AS65002: bogon prefix",
                       "::/0 from AS65002: default route not accepted"] {
            #expect(log.contains("wgc upstream: rejected \(reason)"), "the import filter logs why: \(reason)")
        }

        print("e2e: BGP checked")
        // Router advertisements: the compiled radvd.conf, seen from the LAN with rdisc6.
        let radvdConf = try folder.write("radvd.conf", try compiled("r1/radvd.conf"))
        try router.start(["radvd", "-n", "-C", radvdConf, "-p", folder.path + "/radvd.pid", "-m", "stderr"],
                         log: folder.url.appendingPathComponent("radvd.log"))
        let advertisement = try lan.exec(["rdisc6", "-r", "10", "-w", "1000", "lan0"], timeout: 30)
        #expect(advertisement.status == 0, "rdisc6: \(advertisement.combined)")
        #expect(advertisement.stdout.contains("2001:db8:100::/64"), "LAN prefix advertised: \(advertisement.stdout)")
        #expect(advertisement.stdout.contains("2001:db8:100::53"), "RDNSS advertised: \(advertisement.stdout)")

        print("e2e: router advertisements checked")
        _ = try? client.exec(["wg-quick", "down", clientConf])
        _ = try? router.exec(["wg-quick", "down", serverConf])
    }

    /// The numbers of BIRD's "Import updates:" line: received, rejected, filtered, ignored, accepted.
    static func importUpdates(in output: String) -> [Int] {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Import updates:") }) else { return [] }
        return line.split(separator: " ").compactMap { Int($0) }
    }

    /// The prefixes in `birdc show route` output: the first word of each route line.
    static func prefixes(in output: String) -> Set<String> {
        Set(output.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.split(separator: " ").first, first.contains("/"),
                  case .success = IPPrefix.parse(first) else { return nil }
            return String(first)
        })
    }
}
