import Compiler
import Foundation
import Testing

/// The agent applies `RouterConfiguration`; it must say exactly what the compiled wg0.conf says.
@Suite("What a router runs")
struct RouterConfigurationTests {
    static func compiled() throws -> (CheckedInventory, [CompiledFile]) {
        let checked = try InventoryCompiler.check(FolderSource(path: Repository.example))
        #expect(!checked.hasErrors)
        return (checked, InventoryCompiler.emit(checked.inventory))
    }

    /// The peers of a wg-quick server config: client name (the comment above `[Peer]`), key, allowed IPs,
    /// keepalive.
    static func peers(inWGQuick text: String) -> [RouterPeer] {
        var peers: [RouterPeer] = []
        var pendingName = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# "), !line.hasPrefix("# Generated"), !line.hasPrefix("# WireGuard") {
                pendingName = String(line.dropFirst(2).prefix { $0 != ":" })
            } else if line == "[Peer]" {
                peers.append(RouterPeer(client: pendingName, publicKey: "", presharedKeyFile: nil, allowedIPs: [],
                                        delegated: [], persistentKeepalive: 0))
            } else if let value = line.split(separator: "=", maxSplits: 1).last, !peers.isEmpty {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("PublicKey") { peers[peers.count - 1].publicKey = trimmed }
                if line.hasPrefix("AllowedIPs") {
                    peers[peers.count - 1].allowedIPs = trimmed.split(separator: ",").compactMap {
                        try? IPPrefix.parse($0.trimmingCharacters(in: .whitespaces)).get()
                    }
                }
                if line.hasPrefix("PersistentKeepalive") { peers[peers.count - 1].persistentKeepalive = Int(trimmed)! }
            }
        }
        return peers
    }

    @Test("peers, allowed IPs and keepalives are wg0.conf's, in its order")
    func matchesWGQuick() throws {
        let (checked, files) = try Self.compiled()
        let router = try #require(InventoryCompiler.routerConfiguration(of: "edge-1", inventory: checked.inventory,
                                                                        files: files))
        let interface = try #require(router.interfaces.first)
        let wgQuick = try #require(files.first { $0.path == "edge-1/wireguard/\(interface.name).conf" })
        let expected = Self.peers(inWGQuick: wgQuick.contents)
        #expect(!expected.isEmpty)
        #expect(interface.peers.map(\.client) == expected.map(\.client))
        #expect(interface.peers.map(\.publicKey) == expected.map(\.publicKey))
        #expect(interface.peers.map(\.allowedIPs) == expected.map(\.allowedIPs))
        #expect(interface.peers.map(\.persistentKeepalive) == expected.map(\.persistentKeepalive))
        #expect(router.birdConfig == files.first { $0.path == "edge-1/bird.conf" }?.contents)
        #expect(router.radvdConfig == files.first { $0.path == "edge-1/radvd.conf" }?.contents)
    }

    @Test("1,500 peers (built in parts at once) are wg0.conf's, in its order")
    func manyPeersMatchWGQuick() throws {
        var files = TestInventory.files
        files["server-many.yaml"] = "kind: WireGuardServer\nname: server-many\ninterface: wg1\nlisten_port: 51821\n"
            + "ipv6_address: fd00:5678::1/64\npublic_key: \(WireGuardKey.encode([UInt8](repeating: 9, count: 32)))\n"
        files["clients-many.yaml"] = (0..<1_500).map { number in
            let key = WireGuardKey.encode((0..<32).map { UInt8(truncatingIfNeeded: number >> (8 * ($0 % 2))) &+ UInt8($0) })
            return "kind: WireGuardClient\nname: c\(number)\nserver: server-many\npublic_key: \(key)\n"
                + "ipv6_address: fd00:5678::1:\(String(number, radix: 16))/128\n"
        }.joined(separator: "---\n")
        let checked = InventoryCompiler.check(files: files.map { SourceFile(path: $0.key, bytes: Array($0.value.utf8)) })
        #expect(!checked.hasErrors, "\(checked.diagnostics.filter { $0.severity == .error }.prefix(3))")
        let emitted = InventoryCompiler.emit(checked.inventory)
        let router = try #require(InventoryCompiler.routerConfiguration(of: "edge-1", inventory: checked.inventory,
                                                                        files: emitted))
        let peers = try #require(router.interfaces.first { $0.name == "wg1" }?.peers)
        let expected = Self.peers(inWGQuick: try #require(emitted.first { $0.path == "edge-1/wireguard/wg1.conf" })
            .contents)
        #expect(peers.count == 1_500)
        #expect(peers.map(\.client) == expected.map(\.client))
        #expect(peers.map(\.publicKey) == expected.map(\.publicKey))
        #expect(peers.map(\.allowedIPs) == expected.map(\.allowedIPs))
    }

    @Test("delegated prefixes are routed through the interface, and sessions are named as in bird.conf")
    func routesAndSessions() throws {
        let (checked, files) = try Self.compiled()
        let router = try #require(InventoryCompiler.routerConfiguration(of: "edge-1", inventory: checked.inventory,
                                                                        files: files))
        let allocations = checked.inventory.allocations.map(\.prefix)
        #expect(Set(router.interfaces.flatMap(\.routes)) == Set(allocations))
        for name in router.sessions.keys {
            #expect(router.birdConfig.contains("protocol bgp \(name) {"))
        }
        #expect(router.sessions.count == checked.inventory.sessions.filter { $0.node == "edge-1" }.count)
    }

    @Test("a router's own compile writes only bird.conf and radvd.conf, the same bytes as a full compile")
    func routerFilesOnly() throws {
        let (checked, files) = try Self.compiled()
        var options = CompileOptions()
        options.routerFilesOnly = true
        let routerFiles = InventoryCompiler.emit(checked.inventory, options: options)
        #expect(!routerFiles.isEmpty)
        #expect(routerFiles.allSatisfy { $0.path.hasSuffix("/bird.conf") || $0.path.hasSuffix("/radvd.conf") })
        #expect(routerFiles.contains { $0.path.hasSuffix("/radvd.conf") }, "the example has a LAN")
        let full = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        for file in routerFiles { #expect(full[file.path] == file.contents, "\(file.path)") }
        let wanted = files.filter { $0.path.hasSuffix("/bird.conf") || $0.path.hasSuffix("/radvd.conf") }
        #expect(routerFiles.map(\.path) == wanted.map(\.path))
    }

    @Test("a node the inventory does not have has no configuration")
    func unknownNode() throws {
        let (checked, files) = try Self.compiled()
        #expect(InventoryCompiler.routerConfiguration(of: "nope", inventory: checked.inventory, files: files) == nil)
    }

    @Test("the configuration survives its JSON form unchanged")
    func codable() throws {
        let (checked, files) = try Self.compiled()
        let router = try #require(InventoryCompiler.routerConfiguration(of: "edge-1", inventory: checked.inventory,
                                                                        files: files))
        let data = try JSONEncoder().encode(router)
        #expect(try JSONDecoder().decode(RouterConfiguration.self, from: data) == router)
    }

    @Test("a saved peer reads back with every field, and a damaged one is refused, never half read")
    func savedPeerLines() throws {
        let prefixes = ["10.66.0.2/32", "fd00:66::2/128", "2001:db8:100:1::/64"].map { try! IPPrefix.parse($0).get() }
        let full = RouterPeer(client: "alice", publicKey: "EIWgB+kbbOi9qmi5PUi7hjZR8g4a+f/xrOrtfAq00V0=",
                              presharedKeyFile: "/etc/wgc/psk/alice", allowedIPs: prefixes,
                              delegated: [prefixes[2]], persistentKeepalive: 25)
        let bare = RouterPeer(client: "bob", publicKey: "NAyS8PCxfRW1aIU0q9/fQ9yqhsxtrE1NdMW7s2sIeDQ=",
                              presharedKeyFile: nil, allowedIPs: [], delegated: [], persistentKeepalive: 0)
        for peer in [full, bare] {
            #expect(try JSONDecoder().decode(RouterPeer.self, from: JSONEncoder().encode(peer)) == peer)
        }
        let good = "alice EIWgB+kbbOi9qmi5PUi7hjZR8g4a+f/xrOrtfAq00V0= 25 - 10.66.0.2/32,fd00:66::2/128 -"
        #expect(try JSONDecoder().decode(RouterPeer.self, from: JSONEncoder().encode(good)).allowedIPs.count == 2)
        for damaged in [
            "", "alice", "alice key 25 - 10.66.0.2/32", "alice key 25 - 10.66.0.2/32 - extra",
            "alice key x - 10.66.0.2/32 -", "alice key 25 - 10.66.0.2/33 -", "alice key 25 - 10.66.0.2/32, -",
            "alice key 25 - 10.66.0.2 -", " key 25 - - -", "alice key 25  - -",
        ] {
            #expect(throws: DecodingError.self, "'\(damaged)'") {
                try JSONDecoder().decode(RouterPeer.self, from: JSONEncoder().encode(damaged))
            }
        }
    }
}
