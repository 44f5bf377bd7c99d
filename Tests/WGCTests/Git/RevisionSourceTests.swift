import Compiler
import Foundation
import Git
import Testing

/// Reading an inventory from a commit's tree, without a checkout, against the real `git` program.
@Suite("Git: reading revisions")
struct RevisionSourceTests {
    /// A repository whose two commits hold the example inventory under `inventory/`, the second with a client
    /// removed and another file changed, plus files outside any inventory.
    static func exampleHistory() throws -> (GitWorkspace, first: String, second: String) {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.write("README.md", "not an inventory file\n")
        try workspace.write("inventory/.hidden/ignored.yaml", "kind: Nonsense\n")
        let first = try workspace.commitAll("first")
        try FileManager.default.removeItem(atPath: workspace.path + "/inventory/wireguard/clients/carol.yaml")
        try FileManager.default.removeItem(atPath: workspace.path + "/inventory/allocations/carol.yaml")
        try workspace.write("inventory/nodes/notes.yml", "# only a comment\n")
        let second = try workspace.commitAll("second")
        return (workspace, first, second)
    }

    @Test("a revision's tree compiles to exactly the bytes a checkout of it does")
    func treeCompilesLikeCheckout() throws {
        let (workspace, first, second) = try Self.exampleHistory()
        for commit in [first, second] {
            let checkout = try TemporaryFolder()
            try GitWorkspace.git(in: workspace.path, "worktree", "add", "-q", "--detach", checkout.path + "/tree", commit)
            let fromCheckout = try InventoryCompiler.check(FolderSource(path: checkout.path + "/tree/inventory"))
            let id = try #require(ObjectID(hex: commit))
            let fromTree = try InventoryCompiler.check(RevisionSource(repositoryPath: workspace.path, commit: id,
                                                                      folder: "inventory"))
            #expect(!fromTree.hasErrors)
            #expect(fromTree.inventory.digest == fromCheckout.inventory.digest)
            #expect(InventoryCompiler.emit(fromTree.inventory) == InventoryCompiler.emit(fromCheckout.inventory))
            try GitWorkspace.git(in: workspace.path, "worktree", "remove", "--force", checkout.path + "/tree")
        }
    }

    @Test("the tree's files are the inventory files a folder walk finds, hidden folders and other files skipped")
    func treeFilesMatchFolderFiles() throws {
        let (workspace, _, second) = try Self.exampleHistory()
        let id = try #require(ObjectID(hex: second))
        let tree = try RevisionSource(repositoryPath: workspace.path, commit: id, folder: "inventory").files()
        let folder = try FolderSource(path: workspace.path + "/inventory").files()
        #expect(tree.map(\.path).sorted() == folder.map(\.path).sorted())
        #expect(!tree.contains { $0.path.contains(".hidden") || $0.path.contains("README") })
        #expect(tree.contains { $0.path == "rpki/vrps.json" })
    }

    @Test("revisions resolve by branch, tag, full and short SHA, and ancestry expressions")
    func resolvesRevisions() throws {
        let (workspace, first, second) = try Self.exampleHistory()
        try workspace.git("tag", "v1", first)
        let repository = try Git.Repository(discovering: workspace.path + "/inventory/nodes")
        #expect(try repository.resolve("main").hex == second)
        #expect(try repository.resolve("HEAD").hex == second)
        #expect(try repository.resolve("HEAD~1").hex == first)
        #expect(try repository.resolve("main^").hex == first)
        #expect(try repository.resolve("v1").hex == first)
        #expect(try repository.resolve(String(first.prefix(10))).hex == first)
        #expect(try repository.resolve(first).hex == first)
        #expect(repository.relativePath(of: workspace.path + "/inventory/nodes") == "inventory/nodes")
    }

    @Test("an unknown revision and a folder outside any repository are typed errors")
    func unknownRevisionAndNonRepository() throws {
        let (workspace, _, _) = try Self.exampleHistory()
        let repository = try Git.Repository(discovering: workspace.path)
        let unknown = #expect(throws: GitError.self) { try repository.resolve("no-such-branch") }
        #expect(unknown?.kind == .notFound)
        #expect(unknown?.description.contains("no-such-branch") == true)
        let outside = try TemporaryFolder()
        let notRepository = #expect(throws: GitError.self) { try Git.Repository(discovering: outside.path) }
        #expect(notRepository?.kind == .notARepository)
    }

    @Test("a folder missing at a revision, and a symbolic link in the tree, are clear errors")
    func missingFolderAndLinks() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        let target = workspace.path + "/inventory/pools/pool-1.yaml"
        try FileManager.default.moveItem(atPath: target, toPath: workspace.path + "/pool-1.yaml")
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: "../../pool-1.yaml")
        let id = try #require(ObjectID(hex: try workspace.commitAll("with a link")))
        let missing = #expect(throws: GitError.self) {
            try RevisionSource(repositoryPath: workspace.path, commit: id, folder: "elsewhere").files()
        }
        #expect(missing?.kind == .noSuchPath)
        #expect(missing?.message.contains("no such file or folder") == true)
        let link = #expect(throws: SourceError.self) {
            try RevisionSource(repositoryPath: workspace.path, commit: id, folder: "inventory").files()
        }
        #expect(link?.path == "pools/pool-1.yaml")
        #expect(link?.message.contains("symbolic link") == true)
    }

    @Test("a symbolic link to a folder is refused too: a checkout would read the folder's files")
    func linkedFolder() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try FileManager.default.moveItem(atPath: workspace.path + "/inventory/wireguard/clients",
                                         toPath: workspace.path + "/clients")
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/inventory/wireguard/clients",
                                                   withDestinationPath: "../../clients")
        let id = try #require(ObjectID(hex: try workspace.commitAll("clients elsewhere")))
        let link = #expect(throws: SourceError.self) {
            try RevisionSource(repositoryPath: workspace.path, commit: id, folder: "inventory").files()
        }
        #expect(link?.path == "wireguard/clients")
    }

    @Test("a committed file over the size limit is reported as too large from its size, without being read")
    func oversizedBlob() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        let big = workspace.path + "/inventory/huge.yaml"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        let chunk = Data(repeating: UInt8(ascii: "#"), count: 1 << 20)
        for _ in 0...(InventoryLimits.maxFileBytes >> 20) { handle.write(chunk) }
        try handle.close()
        let id = try #require(ObjectID(hex: try workspace.commitAll("a huge comment")))
        let files = try RevisionSource(repositoryPath: workspace.path, commit: id, folder: "inventory").files()
        let huge = try #require(files.first { $0.path == "huge.yaml" })
        #expect(huge.bytes.isEmpty)
        let checked = InventoryCompiler.check(files: files)
        #expect(checked.diagnostics.contains { $0.code == .fileTooLarge && $0.location.file == "huge.yaml" })
    }
}
