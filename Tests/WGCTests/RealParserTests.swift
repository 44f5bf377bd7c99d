import Compiler
import Foundation
import Testing

/// Every generated config is accepted by the real program it is for.
@Suite("Generated configs pass the real parsers")
struct RealParserTests {
    /// Inventories whose output is checked: the example, the end-to-end fixture and the test inventory.
    static func compiledInventories(secretDirectory: String) throws -> [(String, [CompiledFile])] {
        let options = CompileOptions(keyDirectory: "/etc/wireguard", secretDirectory: secretDirectory)
        var result: [(String, [CompiledFile])] = []
        for path in [Repository.example, Repository.fixtures.appendingPathComponent("e2e/inventory").path,
                     Repository.fixtures.appendingPathComponent("multi-node/inventory").path] {
            let checked = try InventoryCompiler.check(FolderSource(path: path))
            result.append((path, InventoryCompiler.emit(checked.inventory, options: options)))
        }
        result.append(("test inventory", InventoryCompiler.emit(TestInventory.check().inventory, options: options)))
        return result
    }

    @Test("bird -p accepts every bird.conf", .enabled(if: Programs.available("bird"), "needs bird2 (apt-get install bird2)"))
    func birdParsesEveryConfig() throws {
        let folder = try TemporaryFolder()
        for secret in ["transit-1", "upstream", "fra-transit"] {
            _ = try folder.write("secrets/bgp/\(secret).conf", "password \"test-secret\";\n")
        }
        let checked = try Self.check(files: "bird.conf", secretDirectory: folder.path + "/secrets", in: folder) { path in
            try Programs.run(["bird", "-p", "-c", path])
        }
        #expect(checked >= 4)
    }

    /// Writes every generated file whose name ends in `suffix` and runs `check` on it; the number checked.
    static func check(files suffix: String, secretDirectory: String, in folder: TemporaryFolder,
                      _ check: (String) throws -> Programs.Output) throws -> Int {
        var checked = 0
        for (inventory, files) in try compiledInventories(secretDirectory: secretDirectory) {
            for file in files where file.path.hasSuffix(suffix) {
                let path = try folder.write("\(suffix)-\(checked)/\(suffix)", file.contents)
                let result = try check(path)
                #expect(result.status == 0, "\(inventory) \(file.path): \(result.combined)")
                checked += 1
            }
        }
        return checked
    }

    @Test("bird -p rejects a broken config, so the check above can fail",
          .enabled(if: Programs.available("bird"), "needs bird2"))
    func birdRejectsBrokenConfig() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bird.conf", "protocol bgp x { neighbor 2001:db8::1 as; }\n")
        #expect(try Programs.run(["bird", "-p", "-c", path]).status != 0)
    }

    @Test("radvd --configtest accepts every radvd.conf", .enabled(if: Programs.available("radvd"), "needs radvd"))
    func radvdParsesEveryConfig() throws {
        let folder = try TemporaryFolder()
        let checked = try Self.check(files: "radvd.conf", secretDirectory: "/etc/wgc/secrets", in: folder) { path in
            try Programs.run(["radvd", "--configtest", "-C", path])
        }
        #expect(checked >= 3)
    }

    @Test("wg setconf loads every stripped WireGuard config on a throw-away wireguard-go interface",
          .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
          .enabled(if: Programs.available("wireguard-go", "wg", "wg-quick", "ip"), "needs wireguard-go and wireguard-tools"))
    func wireGuardLoadsEveryConfig() throws {
        let folder = try TemporaryFolder()
        let namespace = try NetworkNamespace("wg")
        let interface = "wgt" + String(UUID().uuidString.prefix(8).lowercased())
        try namespace.exec(["wireguard-go", interface]).check("wireguard-go")
        var checked = 0
        for (inventory, files) in try Self.compiledInventories(secretDirectory: "/etc/wgc/secrets") {
            for file in files where file.path.contains("/wireguard/") || file.path.contains("/clients/") {
                // A client config holds placeholders for the client's own keys; the user puts the real ones there.
                // Endpoint host names are replaced by an address: the test has no DNS.
                let key = try Programs.run(["wg", "genkey"]).check("wg genkey").stdout
                let psk = try Programs.run(["wg", "genpsk"]).check("wg genpsk").stdout
                let contents = file.contents
                    .replacingOccurrences(of: #"<private key of [A-Za-z0-9_-]+>"#,
                                          with: key.trimmingCharacters(in: .whitespacesAndNewlines),
                                          options: .regularExpression)
                    .replacingOccurrences(of: #"<preshared key of [A-Za-z0-9_-]+>"#,
                                          with: psk.trimmingCharacters(in: .whitespacesAndNewlines),
                                          options: .regularExpression)
                    .replacingOccurrences(of: #"Endpoint = [a-z][a-z0-9.-]*:"#, with: "Endpoint = 192.0.2.1:",
                                          options: .regularExpression)
                let path = try folder.write("wg\(checked)/\(interface).conf", contents)
                let stripped = try Programs.run(["wg-quick", "strip", path]).check("wg-quick strip \(file.path)")
                let strippedPath = try folder.write("wg\(checked)/stripped.conf", stripped.stdout)
                let result = try namespace.exec(["wg", "setconf", interface, strippedPath])
                #expect(result.status == 0, "\(inventory) \(file.path): \(result.combined)")
                let peers = try namespace.exec(["wg", "show", interface, "peers"]).check("wg show").stdout
                let expected = contents.components(separatedBy: "[Peer]").count - 1
                #expect(peers.split(separator: "\n").count == expected, "\(file.path): peers loaded")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }
}
