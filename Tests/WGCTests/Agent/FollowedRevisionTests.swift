import Agent
import Compiler
import Foundation
import Git
import Testing

/// The agent follows its branch by the files each commit changes; what it compiles must be what compiling each
/// commit afresh gives.
@Suite("The agent compiles each new revision from the one before")
struct FollowedRevisionTests {
    static let dave = """
        kind: WireGuardClient
        name: dave
        server: server-1
        public_key: ZGF2ZUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=
        ipv4_address: 10.0.0.9/32
        ipv6_address: fd00:1234::9/128

        """

    @Test("a client added, a bad commit, a repair and a removal: each compiles as a fresh read of it does")
    func followsTheBranch() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("example")
        let copy = try TemporaryFolder()
        let feed = RevisionFeed(remote: workspace.path, branch: "main", folder: "inventory",
                                repositoryPath: copy.path + "/repo.git")
        var options = CompileOptions()
        options.nodes = ["edge-1"]
        var followed: FollowedRevision?
        let clients = "inventory/wireguard/clients/"
        // What each commit does, whether it validates, and whether it is validated from the commit before (not
        // after one that does not validate, nor when it finds an error: those are checked in full).
        let steps: [(String, () throws -> Void, valid: Bool, fromTheOneBefore: Bool)] = [
            ("the example", {}, true, false),
            ("dave joins", { try workspace.write(clients + "dave.yaml", Self.dave) }, true, true),
            ("a second alice", {
                try workspace.write(clients + "dave.yaml", Self.dave.replacingOccurrences(of: "name: dave",
                                                                                          with: "name: alice"))
            }, false, false),
            ("dave again", { try workspace.write(clients + "dave.yaml", Self.dave) }, true, false),
            ("dave leaves", {
                try FileManager.default.removeItem(atPath: workspace.path + "/" + clients + "dave.yaml")
            }, true, true),
        ]
        for (message, edit, valid, fromTheOneBefore) in steps {
            try edit()
            if message != "the example" { try workspace.commitAll(message) }
            let head = try feed.fetch()
            let followedCompile = try feed.compile(head, options: options, following: &followed)
            let fresh = try feed.compile(head, options: options)
            #expect(followed?.commit == head, "\(message)")
            #expect(followedCompile.isValid == valid && fresh.isValid == valid, "\(message)")
            #expect(followedCompile.files == fresh.files, "\(message)")
            #expect(DiagnosticRenderer.render(followedCompile.checked.diagnostics, as: .text)
                        == DiagnosticRenderer.render(fresh.checked.diagnostics, as: .text), "\(message)")
            #expect(followed?.wasCheckedIncrementally == fromTheOneBefore, "\(message)")
        }
    }
}
