import Compiler
import Foundation
import Git
import Testing

@Suite("Git: the inventory files two commits differ by")
struct InventoryDeltaTests {
    func files(at commit: String, in workspace: GitWorkspace) throws -> [SourceFile] {
        try RevisionSource(repositoryPath: workspace.path, commit: ObjectID(hex: commit)!, folder: "inventory").files()
    }

    @Test("added, changed and deleted inventory files, nothing hidden or foreign; applied, it gives the full read")
    func deltaMatchesFullRead() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.write("inventory/notes.txt", "not an inventory file\n")
        let old = try workspace.commitAll("old")
        try workspace.write("inventory/bgp/sessions/peer-3.yaml",
                            "kind: BGPSession\nname: peer-3\nneighbor: 192.168.1.3\nremote_as: 65003\n")
        try workspace.write("inventory/bgp/sessions/peer-1.yaml",
                            "kind: BGPSession\nname: peer-1\nneighbor: 192.168.1.2\nremote_as: 65002\nhold_time: 30\n")
        try FileManager.default.removeItem(atPath: workspace.path + "/inventory/whitelist/legacy-v4.yaml")
        try workspace.write("inventory/.hidden/x.yaml", "kind: Nonsense\n")
        try workspace.write("inventory/notes.txt", "changed\n")
        let new = try workspace.commitAll("new")
        let repository = try Git.Repository(at: workspace.path)
        let delta = try #require(try repository.inventoryDelta(from: ObjectID(hex: old)!, to: ObjectID(hex: new)!,
                                                                folder: "inventory"))
        #expect(delta.written.map(\.path).sorted() == ["bgp/sessions/peer-1.yaml", "bgp/sessions/peer-3.yaml"])
        #expect(delta.deleted == ["whitelist/legacy-v4.yaml"])
        let followed = LoadedInventory(files: try files(at: old, in: workspace))
            .changing(written: delta.written, deleted: delta.deleted).checked()
        let full = InventoryCompiler.check(files: try files(at: new, in: workspace))
        #expect(followed.inventory.digest == full.inventory.digest)
        #expect(DiagnosticRenderer.render(followed.diagnostics, as: .text)
                    == DiagnosticRenderer.render(full.diagnostics, as: .text))
    }

    @Test("a link in the change is left to a full read, which reports it")
    func linkNeedsFullRead() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        let old = try workspace.commitAll("old")
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/inventory/link.yaml",
                                                   withDestinationPath: "nodes/edge-1.yaml")
        let new = try workspace.commitAll("new")
        let repository = try Git.Repository(at: workspace.path)
        #expect(try repository.inventoryDelta(from: ObjectID(hex: old)!, to: ObjectID(hex: new)!, folder: "inventory")
                    == nil)
    }
}
