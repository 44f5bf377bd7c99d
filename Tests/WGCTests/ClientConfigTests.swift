@testable import Compiler
import Foundation
import Testing

/// A client's wg-quick config names the prefixes delegated to it, so its owner knows what to route on the LAN.
@Suite("Client configs")
struct ClientConfigTests {
    /// The test inventory with alice holding a second, lower prefix in a file read after her first.
    static func inventoryWithTwoDelegations() throws -> Inventory {
        var files = TestInventory.files
        files["zz-alloc.yaml"] = """
            kind: Allocation
            pool: pool-1
            prefix: 2001:db8:100:2::/64
            client: alice

            """
        let checked = TestInventory.check(files)
        #expect(!checked.hasErrors, "\(DiagnosticRenderer.render(checked.diagnostics, as: .text))")
        return checked.inventory
    }

    @Test("lists every delegated prefix in a comment above [Interface], lowest first")
    func listsDelegatedPrefixes() throws {
        let inventory = try Self.inventoryWithTwoDelegations()
        let config = try #require(InventoryCompiler.clientConfig(named: "alice", in: inventory))
        let lines = config.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "# Delegated prefixes (route these on your LAN):"))
        #expect(lines[start - 1] == "# WireGuard client 'alice' of server 'server-1' on node 'edge-1'")
        #expect(Array(lines[(start + 1)...(start + 3)]) == [
            "#   2001:db8:100:2::/64",
            "#   2001:db8:100:100::/56",
            "[Interface]",
        ])
    }

    @Test("a client without delegated prefixes gets no comment block")
    func noBlockWithoutDelegations() throws {
        let inventory = try Self.inventoryWithTwoDelegations()
        let config = try #require(InventoryCompiler.clientConfig(named: "bob", in: inventory))
        #expect(!config.contains("Delegated prefixes"))
        #expect(config.contains("# WireGuard client 'bob' of server 'server-1' on node 'edge-1'\n[Interface]\n"))
    }

    @Test("one client's config is byte for byte the file wgc compile writes for it",
          arguments: ["alice", "bob", "carol"])
    func matchesCompiledFile(_ name: String) throws {
        let checked = try InventoryCompiler.check(FolderSource(path: Repository.example))
        let compiled = InventoryCompiler.emit(checked.inventory).first { $0.path == "edge-1/clients/\(name).conf" }
        let config = InventoryCompiler.clientConfig(named: name, in: checked.inventory)
        #expect(config != nil)
        #expect(config == compiled?.contents)
    }

    @Test("a private key given takes the placeholder's place, and only it")
    func privateKeyReplacesPlaceholder() throws {
        let inventory = try Self.inventoryWithTwoDelegations()
        let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
        let placeholder = try #require(InventoryCompiler.clientConfig(named: "alice", in: inventory))
        let filled = try #require(InventoryCompiler.clientConfig(named: "alice", in: inventory, privateKey: key))
        #expect(filled.contains("[Interface]\nPrivateKey = \(key)\nAddress = "))
        #expect(!filled.contains("<private key of alice>"))
        let expected = placeholder.replacingOccurrences(
            of: WireGuardEmitter.privateKeyPlaceholderNote + "\nPrivateKey = <private key of alice>\n",
            with: "PrivateKey = \(key)\n")
        #expect(filled == expected)
    }

    @Test("an unknown client has no config")
    func unknownClient() throws {
        #expect(InventoryCompiler.clientConfig(named: "mallory", in: try Self.inventoryWithTwoDelegations()) == nil)
    }
}
