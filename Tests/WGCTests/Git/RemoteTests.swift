import Foundation
import Git
import Testing

/// Fetch, fast-forward and push against real remotes: a bare repository by path and `file://`, and
/// `git daemon` on loopback.
@Suite("Git: remotes")
struct RemoteTests {
    /// A bare remote with two commits on main, pushed from a work tree by the git CLI.
    static func remote() throws -> (remote: GitWorkspace, author: GitWorkspace, first: String, second: String) {
        let remote = try GitWorkspace(bare: true)
        let author = try GitWorkspace()
        try author.write("inventory/a.yaml", "a: 1\n")
        let first = try author.commitAll("first")
        try author.write("inventory/a.yaml", "a: 2\n")
        let second = try author.commitAll("second")
        try author.git("push", "-q", remote.path, "main")
        return (remote, author, first, second)
    }

    @Test("fetch by path and by file:// URL, then fast-forward a local branch", arguments: ["path", "file"])
    func fetchAndFastForward(_ style: String) throws {
        let (remote, _, first, second) = try Self.remote()
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)
        let url = style == "path" ? remote.path : "file://" + remote.path
        let fetched = try repository.fetch("main", from: url)
        #expect(fetched.hex == second)
        #expect(try repository.referenceTarget("refs/remotes/origin/main") == fetched)
        #expect(try repository.branchTarget("main") == nil)
        try repository.fastForward("main", to: try repository.resolve(first))
        #expect(try repository.branchTarget("main")?.hex == first)
        try repository.fastForward("main", to: fetched)
        #expect(try repository.branchTarget("main") == fetched)
    }

    @Test("fast-forward refuses a target that lacks the branch's commits (the remote's history was rewritten)")
    func refusesNonFastForward() throws {
        let (remote, author, _, second) = try Self.remote()
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)
        try repository.fastForward("main", to: try repository.fetch("main", from: remote.path))
        try author.git("reset", "-q", "--hard", "HEAD~1")
        try author.write("inventory/a.yaml", "a: rewritten\n")
        try author.commitAll("rewritten")
        try author.git("push", "-q", "--force", remote.path, "main")
        let rewritten = try repository.fetch("main", from: remote.path)
        let refused = #expect(throws: GitError.self) { try repository.fastForward("main", to: rewritten) }
        #expect(refused?.kind == .nonFastForward)
        #expect(try repository.branchTarget("main")?.hex == second)
    }

    @Test("push moves the remote's branch; a push from a stale clone is rejected and the remote keeps its commit")
    func pushAndRejectedPush() throws {
        let (remote, _, _, second) = try Self.remote()
        let alice = try GitWorkspace(bare: true)
        let bob = try GitWorkspace(bare: true)
        let signature = Signature(name: "Ada", email: "ada@example.net")
        var ids: [ObjectID] = []
        for (workspace, text) in [(alice, "alice"), (bob, "bob")] {
            let repository = try Git.Repository(at: workspace.path)
            let base = try repository.fetch("main", from: remote.path)
            try repository.fastForward("main", to: base)
            ids.append(try repository.commit([.write(path: "inventory/\(text).yaml", contents: Array("x: 1\n".utf8))],
                                             on: "main", expectedParent: base, author: signature, message: text).commit)
        }
        try Git.Repository(at: alice.path).push("main", to: remote.path)
        #expect(try remote.git("rev-parse", "main") == ids[0].hex)
        let rejected = #expect(throws: GitError.self) { try Git.Repository(at: bob.path).push("main", to: remote.path) }
        #expect(rejected?.kind == .pushRejected)
        #expect(try remote.git("rev-parse", "main") == ids[0].hex)
        #expect(try remote.git("rev-parse", "main~1") == second)
    }

    @Test("fetch from git daemon on loopback", .timeLimit(.minutes(3)))
    func fetchFromGitDaemon() throws {
        let (remote, _, _, second) = try Self.remote()
        let daemon = try GitDaemon(basePath: remote.folder.path)  // serves every repository below it: --export-all
        defer { daemon.stop() }
        let mirror = try GitWorkspace(bare: true)
        let fetched = try Git.Repository(at: mirror.path)
            .fetch("main", from: "git://127.0.0.1:\(daemon.port)/remote.git")
        #expect(fetched.hex == second)
    }

    @Test("an unreachable remote and a missing branch are errors that name them")
    func remoteErrors() throws {
        let (remote, _, _, _) = try Self.remote()
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)
        let missingBranch = #expect(throws: GitError.self) { try repository.fetch("nope", from: remote.path) }
        #expect(missingBranch?.operation.contains("nope") == true)
        let missingRemote = #expect(throws: GitError.self) {
            try repository.fetch("main", from: mirror.folder.path + "/does-not-exist.git")
        }
        #expect(missingRemote?.operation.contains("does-not-exist.git") == true)
    }

    @Test("a branch deleted on the remote is not found, and its stale tracking reference is removed")
    func deletedRemoteBranch() throws {
        let (remote, _, first, _) = try Self.remote()
        try remote.git("branch", "feature", first)
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)
        #expect(try repository.fetch("feature", from: remote.path).hex == first)
        try remote.git("branch", "-D", "feature")
        let gone = #expect(throws: GitError.self) { try repository.fetch("feature", from: remote.path) }
        #expect(gone?.kind == .notFound)
        #expect(try repository.referenceTarget("refs/remotes/origin/feature") == nil)
    }

    @Test("a password in a remote URL never appears in an error")
    func passwordsAreRedacted() throws {
        let mirror = try GitWorkspace(bare: true)
        let port = try Loopback.freePort()  // nothing listens there: the fetch fails to connect
        let failed = #expect(throws: GitError.self) {
            try Git.Repository(at: mirror.path).fetch("main", from: "http://ada:s3cret-token@127.0.0.1:\(port)/x.git")
        }
        #expect(failed?.description.contains("s3cret-token") == false)
        #expect(failed?.description.contains("ada:***@127.0.0.1") == true)
    }
}
