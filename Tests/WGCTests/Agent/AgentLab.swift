import Compiler
import Foundation
import Testing

/// A router in a network namespace for the agent's end-to-end tests, with what it talks to: a WireGuard client,
/// a BGP neighbor running BIRD, a LAN host, and the inventory repository the agent follows. Everything it
/// starts runs in namespaces it made, removed with their processes when the lab goes, pass or fail.
final class AgentLab {
    static let fixture = Repository.fixtures.appendingPathComponent("e2e")
    static let wgc = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("wgc").path
    static let expectedExports: Set<String> = ["2001:db8:100::/48", "2001:db8:100:1::/64", "2001:db8:200::/48"]

    let folder: TemporaryFolder
    let repository: GitWorkspace
    let router: NetworkNamespace
    let client: NetworkNamespace
    let neighbor: NetworkNamespace
    let lan: NetworkNamespace
    /// The router's WireGuard interface: unique, since userspace WireGuard's sockets share one folder.
    let interface: String
    let clientInterface: String
    var birdSocket: String { folder.path + "/router/bird.ctl" }
    var birdConfig: String { folder.path + "/router/bird.conf" }
    var neighborSocket: String { folder.path + "/neighbor.ctl" }
    var stateDirectory: String { folder.path + "/router/state" }

    init() throws {
        folder = try TemporaryFolder()
        let suffix = String(UUID().uuidString.prefix(6).lowercased())
        interface = "wga" + suffix
        clientInterface = "wgk" + suffix
        repository = try GitWorkspace()
        try repository.copy(Self.fixture.appendingPathComponent("inventory").path, to: "inventory")
        try Self.edit(repository, "inventory/network.yaml", "interface: wg0", "interface: \(interface)")
        try repository.commitAll("the e2e network")

        _ = try folder.write("router/keys/\(interface).key",
                             try String(contentsOf: Self.fixture.appendingPathComponent("keys/wg0.key"), encoding: .utf8))
        _ = try folder.write("router/secrets/bgp/upstream.conf", "password \"e2e-secret\";\n")
        _ = try folder.write("router/secrets/bgp/wrong.conf", "password \"not-the-neighbor's\";\n")
        _ = try folder.write("router/bird.conf", "router id 10.255.0.1;\nprotocol device {}\n")

        router = try NetworkNamespace("ar")
        client = try NetworkNamespace("ac")
        neighbor = try NetworkNamespace("an")
        lan = try NetworkNamespace("al")
        try router.exec(["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"]).check("forwarding")
        try router.exec(["sysctl", "-qw", "net.ipv4.ip_forward=1"]).check("forwarding")
        try NetworkNamespace.link(router, "underlay", client, "underlay")
        try router.address("underlay", "198.18.0.1/24")
        try client.address("underlay", "198.18.0.2/24")
        try NetworkNamespace.link(router, "uplink", neighbor, "uplink")
        try router.address("uplink", "2001:db8:ffff::1/64")
        try neighbor.address("uplink", "2001:db8:ffff::2/64")
        try NetworkNamespace.link(router, "lan0", lan, "lan0")
        try router.start(["bird", "-f", "-c", birdConfig, "-s", birdSocket],
                         log: folder.url.appendingPathComponent("router-bird.log"))
        let neighborConfig = try folder.write("neighbor-bird.conf", """
            router id 10.255.0.2;
            protocol device {}
            protocol bgp upstream {
                local 2001:db8:ffff::2 as 65002;
                neighbor 2001:db8:ffff::1 as 65001;
                password "e2e-secret";
                hold time 30;
                connect retry time 1;
                error wait time 1, 2;
                ipv6 { import all; export none; };
            }

            """)
        try neighbor.start(["bird", "-f", "-c", neighborConfig, "-s", neighborSocket],
                           log: folder.url.appendingPathComponent("neighbor-bird.log"))
        try waitUntil("both BIRDs answer", seconds: 10) {
            FileManager.default.fileExists(atPath: birdSocket) && FileManager.default.fileExists(atPath: neighborSocket)
        }
    }

    /// Replaces `old` by `new` in a file of the repository's work tree.
    func edit(_ relative: String, _ old: String, _ new: String) throws {
        try Self.edit(repository, relative, old, new)
    }

    static func edit(_ repository: GitWorkspace, _ relative: String, _ old: String, _ new: String) throws {
        let path = repository.path + "/" + relative
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(relative) holds '\(old)'")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path))
    }

    func append(_ relative: String, _ text: String) throws {
        let path = repository.path + "/" + relative
        let old = try String(contentsOfFile: path, encoding: .utf8)
        try Data((old + text).utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `wgc agent --once` (or another agent verb) in the router's namespace with the lab's paths.
    @discardableResult
    func agent(_ extra: [String] = ["--once"], remote: String? = nil, timeout: TimeInterval = 120) throws -> Programs.Output {
        try router.exec(agentArguments(extra, remote: remote), timeout: timeout)
    }

    func agentArguments(_ extra: [String], remote: String? = nil) -> [String] {
        [Self.wgc, "agent", "--repo", remote ?? repository.path, "--inventory", "inventory", "--node", "r1",
         "--state-dir", stateDirectory, "--key-dir", folder.path + "/router/keys",
         "--secret-dir", folder.path + "/router/secrets", "--bird-socket", birdSocket, "--bird-config", birdConfig,
         "--bird-settle-timeout", "8", "--radvd-config", folder.path + "/router/radvd.conf",
         "--radvd-pidfile", folder.path + "/router/radvd.pid"] + extra
    }

    /// The agent's state as `wgc agent status --format json` prints it.
    func status() throws -> [String: Any] {
        let output = try Programs.run([Self.wgc, "agent", "status", "--state-dir", stateDirectory, "--format", "json"])
            .check("wgc agent status")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// `wgc agent status --live --format json`: the state and what BIRD and WireGuard report now.
    func liveStatus() throws -> [String: Any] {
        let output = try Programs.run([Self.wgc, "agent", "status", "--state-dir", stateDirectory, "--format", "json",
                                       "--live", "--bird-socket", birdSocket]).check("wgc agent status --live")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// One peer of `wg show IF dump`.
    struct Peer: Equatable {
        var allowedIPs: String
        var latestHandshake: Int
        var received: Int
        var sent: Int
    }

    /// The router's peers by public key.
    func peers() throws -> [String: Peer] {
        let dump = try router.exec(["wg", "show", interface, "dump"]).check("wg show dump").stdout
        var peers: [String: Peer] = [:]
        for line in dump.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 8 else { continue }
            peers[fields[0]] = Peer(allowedIPs: fields[3], latestHandshake: Int(fields[4]) ?? -1,
                                    received: Int(fields[5]) ?? -1, sent: Int(fields[6]) ?? -1)
        }
        return peers
    }

    func birdc(_ socket: String, _ arguments: String..., in namespace: NetworkNamespace) -> String {
        (try? namespace.exec(["birdc", "-s", socket] + arguments).stdout) ?? ""
    }

    /// What the neighbor receives from the router, once the session is Established.
    func neighborRoutes() -> Set<String> {
        guard birdc(neighborSocket, "show", "protocols", "upstream", in: neighbor).contains("Established") else { return [] }
        let routes = birdc(neighborSocket, "show", "route", "protocol", "upstream", in: neighbor)
        return Set(routes.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first.map(String.init).flatMap { $0.contains("/") ? $0 : nil }
        })
    }

    var routerSessionEstablished: Bool {
        birdc(birdSocket, "show", "protocols", "bgp_upstream", in: router).contains("Established")
    }

    /// Brings the compiled client config of alice up in the client namespace.
    func connectAlice() throws {
        let checked = try InventoryCompiler.check(FolderSource(path: repository.path + "/inventory"))
        let files = InventoryCompiler.emit(checked.inventory)
        let config = try #require(files.first { $0.path == "r1/clients/alice.conf" }).contents
        let key = try String(contentsOf: Self.fixture.appendingPathComponent("keys/alice.key"), encoding: .utf8)
        let path = try folder.write("\(clientInterface).conf", config.replacingOccurrences(
            of: "<private key of alice>", with: key.trimmingCharacters(in: .whitespacesAndNewlines)))
        try client.exec(["wg-quick", "up", path], environment: ["WG_QUICK_USERSPACE_IMPLEMENTATION": "wireguard-go"])
            .check("wg-quick up (client)")
    }

    func ping(_ address: String, count: Int = 1) throws -> Programs.Output {
        try client.exec(["ping", address.contains(":") ? "-6" : "-4", "-c", "\(count)", "-i", "0.2", "-w", "20",
                         address], timeout: 30)
    }

    /// BIRD and the kernel have no event stream the test can wait on here, so conditions are polled until a deadline.
    func waitUntil(_ what: String, seconds: Double, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("timed out after \(seconds) s waiting until \(what)")
    }

    func log(_ name: String) -> String {
        (try? String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
}
