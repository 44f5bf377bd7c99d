@testable import Compiler
import Testing

@Suite("A changed file's clients: only those that changed are checked again")
struct IncrementalNarrowingTests {
    static func clients(_ text: String) -> [WireGuardClient] {
        InventoryLoader.load([SourceFile(path: "clients.yaml", bytes: Array(text.utf8))]).0.clients
    }

    static let before = TestInventory.files["clients.yaml"]!

    @Test("one client's keepalive changed: that client is removed and added, the other is left out")
    func oneOfTwo() {
        let after = Self.before.replacingFirst("persistent_keepalive: 25", with: "persistent_keepalive: 15")
        let (removed, added) = IncrementalCheck.changed(before: Self.clients(Self.before), after: Self.clients(after))
        #expect(removed.map(\.name) == ["bob"])
        #expect(added.map(\.name) == ["bob"])
        #expect(added.first?.persistentKeepalive == 15)
    }

    @Test("a client moved by a line, or only a field of it, is not the same client as loaded")
    func moved() {
        let shifted = "# a line above\n" + Self.before
        var (removed, added) = IncrementalCheck.changed(before: Self.clients(Self.before), after: Self.clients(shifted))
        #expect(removed.map(\.name) == ["alice", "bob"])
        #expect(added.map(\.name) == ["alice", "bob"])
        let fieldMoved = Self.before.replacingFirst("ipv4_address: 10.0.0.2/32\n",
                                                    with: "ipv4_address: 10.0.0.2/32\n# v6 below\n")
        (removed, added) = IncrementalCheck.changed(before: Self.clients(Self.before), after: Self.clients(fieldMoved))
        #expect(removed.first?.name == "alice")
        #expect(added.first?.name == "alice")
    }

    @Test("the same file again changes nothing")
    func same() {
        let (removed, added) = IncrementalCheck.changed(before: Self.clients(Self.before),
                                                        after: Self.clients(Self.before))
        #expect(removed.isEmpty && added.isEmpty)
    }
}
