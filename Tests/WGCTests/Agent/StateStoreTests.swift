@testable import Agent
import Compiler
import Foundation
import Testing

@Suite("The agent's state folder")
struct StateStoreTests {
    static func attempt(_ commit: String, _ outcome: Attempt.Outcome) -> Attempt {
        Attempt(commit: commit, outcome: outcome, startedAt: Date(timeIntervalSince1970: 1_000),
                finishedAt: Date(timeIntervalSince1970: 1_001), reason: outcome == .applied ? nil : "because")
    }

    @Test("a saved state reads back the same, and the last applied revision is the last good one")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let store = try StateStore(folder: folder.path + "/state")
        var state = try store.load(node: "edge-1")
        state.record(Self.attempt(String(repeating: "a", count: 40), .applied))
        state.record(Self.attempt(String(repeating: "b", count: 40), .rolledBack))
        try store.save(state)
        let loaded = try store.load(node: "edge-1")
        #expect(loaded == state)
        #expect(loaded.applied?.commit == String(repeating: "a", count: 40))
        #expect(loaded.lastAttempt?.outcome == .rolledBack)
        #expect(try StateStore.read(folder: folder.path + "/state") == state)
    }

    @Test("the history keeps the newest attempts only")
    func boundedHistory() {
        var state = AgentState(node: "edge-1")
        for index in 0..<(AgentState.historyLimit + 7) {
            state.record(Self.attempt(String(format: "%040d", index), .refused))
        }
        #expect(state.history.count == AgentState.historyLimit)
        #expect(state.history.first?.commit == String(format: "%040d", AgentState.historyLimit + 6))
    }

    @Test("the last good configuration reads back the same")
    func configurationRoundTrip() throws {
        let folder = try TemporaryFolder()
        let store = try StateStore(folder: folder.path)
        let checked = try InventoryCompiler.check(FolderSource(path: Repository.example))
        let configuration = try #require(InventoryCompiler.routerConfiguration(
            of: "edge-1", inventory: checked.inventory, files: InventoryCompiler.emit(checked.inventory)))
        try store.save(configuration, commit: "0123abcd")
        #expect(store.loadConfiguration() == configuration)
        #expect(StateStore.readSaved(folder: folder.path)?.commit == "0123abcd")
        #expect(StateStore.readConfiguration(folder: folder.path) == configuration)
    }

    @Test("a second agent on the same state folder is refused while the first holds it")
    func lock() throws {
        let folder = try TemporaryFolder()
        let first = try StateStore(folder: folder.path)
        #expect(throws: AgentError.self) { try StateStore(folder: folder.path) }
        _ = first
    }

    @Test("a state folder of another node is refused")
    func otherNode() throws {
        let folder = try TemporaryFolder()
        let store = try StateStore(folder: folder.path)
        try store.save(AgentState(node: "edge-2"))
        #expect(throws: AgentError.self) { try store.load(node: "edge-1") }
    }

    @Test("a file is replaced whole, the previous kept and restorable, and a killed writer's temp file removed")
    func atomicFile() throws {
        let folder = try TemporaryFolder()
        let file = AtomicFile(folder.path + "/bird.conf")
        try file.replace(with: "one\n")
        try file.replace(with: "two\n", keepingPrevious: true)
        #expect(file.contents == "two\n")
        #expect(AtomicFile(file.previousPath).contents == "one\n")
        #expect(try file.restorePrevious())
        #expect(file.contents == "one\n")
        let leftover = folder.path + "/.bird.conf.wgc-12345"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("half".utf8)))
        AtomicFile.removeLeftovers(in: folder.path)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["bird.conf", "bird.conf.previous"])
    }

    @Test("a configuration's own leftovers are removed beside it, and nobody else's files")
    func configurationLeftovers() throws {
        let folder = try TemporaryFolder()
        let ours = [".bird.conf.wgc-12", ".bird.conf.previous.wgc-34"]
        let others = [".radvd.conf.wgc-56", ".bird.conf.swp", "bird.conf"]
        for name in ours + others {
            #expect(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: Data("x".utf8)))
        }
        AtomicFile(folder.path + "/bird.conf").removeLeftovers()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == others.sorted())
    }
}
