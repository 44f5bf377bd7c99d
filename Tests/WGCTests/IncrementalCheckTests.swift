import Compiler
import Testing

/// The write path re-parses only the files a change touches; these tests hold it to what a full check says.
@Suite("A change checked incrementally gives what a full check gives")
struct IncrementalCheckTests {
    static func sources(_ files: [String: String]) -> [SourceFile] {
        files.map { SourceFile(path: $0.key, bytes: Array($0.value.utf8)) }
    }

    /// The files of `after` that differ from `before`, and the paths `after` no longer has.
    static func change(from before: [String: String], to after: [String: String]) -> ([SourceFile], [String]) {
        let written = after.filter { before[$0.key] != $0.value }
        let deleted = before.keys.filter { after[$0] == nil }
        return (sources(written), Array(deleted))
    }

    static func expectAgreement(from before: [String: String], to after: [String: String]) {
        let (written, deleted) = change(from: before, to: after)
        let incremental = LoadedInventory(files: sources(before)).changing(written: written, deleted: deleted).checked()
        let full = InventoryCompiler.check(files: sources(after))
        #expect(DiagnosticRenderer.render(incremental.diagnostics, as: .text)
                    == DiagnosticRenderer.render(full.diagnostics, as: .text))
        #expect(incremental.inventory.digest == full.inventory.digest)
        #expect(incremental.inventory.clients.map(\.name) == full.inventory.clients.map(\.name))
        #expect(incremental.inventory.clients.map(\.ipv6Address) == full.inventory.clients.map(\.ipv6Address))
        #expect(incremental.inventory.allocations.map(\.prefix) == full.inventory.allocations.map(\.prefix))
        #expect(incremental.inventory.vrps.count == full.inventory.vrps.count)
    }

    @Test("planting each defect of the diagnostic table", arguments: defects)
    func plantingDefect(_ defect: Defect) {
        Self.expectAgreement(from: TestInventory.files, to: defect.files())
    }

    @Test("repairing each defect of the diagnostic table", arguments: defects)
    func repairingDefect(_ defect: Defect) {
        Self.expectAgreement(from: defect.files(), to: TestInventory.files)
    }

    @Test("a new file sorted before others lands where a full load puts its resources (a duplicate key here)")
    func newFileInPathOrder() {
        var after = TestInventory.files
        after["clients-0.yaml"] = """
            kind: WireGuardClient
            name: early-client
            server: server-1
            public_key: Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=
            """
        Self.expectAgreement(from: TestInventory.files, to: after)
    }

    @Test("deleting a file and changing a VRP file")
    func deletesAndVRPs() {
        var after = TestInventory.files
        after["bgp.yaml"] = nil
        after["rpki/more.json"] = #"{"roas": [{"prefix": "2001:db8::/32", "maxLength": 48, "asn": "AS65009"}]}"#
        Self.expectAgreement(from: TestInventory.files, to: after)
    }
}
