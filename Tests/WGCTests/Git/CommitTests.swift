import Foundation
import Git
import Testing

/// Commits from file changes, moved onto a branch only if it is still where the writer saw it.
@Suite("Git: compare-and-swap commits")
struct CommitTests {
    static let author = Signature(name: "Ada Operator", email: "ada@example.net", time: (1_767_225_600, 60))

    /// A bare repository with one commit holding `a.yaml` and `b/c.yaml`, as a remote or the API's store is.
    /// The workspace owns the folder: keep it bound while the repository is used.
    static func bareWithOneCommit() throws -> (GitWorkspace, Git.Repository, ObjectID) {
        let workspace = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: workspace.path)
        let first = try repository.commit([.write(path: "a.yaml", contents: Array("a: 1\n".utf8)),
                                           .write(path: "b/c.yaml", contents: Array("c: 1\n".utf8))],
                                          on: "main", expectedParent: nil, author: author, message: "first")
        #expect(try workspace.git("show", "main:b/c.yaml") == "c: 1")
        guard case .committed(let id) = first else { throw GitCommandError(command: "first commit", output: "\(first)") }
        return (workspace, repository, id)
    }

    @Test("adds, replaces and deletes files on top of the expected parent, with the given author and message")
    func commitsChanges() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        let outcome = try repository.commit([.write(path: "a.yaml", contents: Array("a: 2\n".utf8)),
                                             .write(path: "d/e/f.yaml", contents: Array("f: 1\n".utf8)),
                                             .delete(path: "b/c.yaml")],
                                            on: "main", expectedParent: first, author: Self.author,
                                            message: "Change a, add f, drop c\n\nBody.")
        guard case .committed(let second) = outcome else { Issue.record("not committed: \(outcome)"); return }
        #expect(try repository.branchTarget("main") == second)
        #expect(try workspace.git("show", "main:a.yaml") == "a: 2")
        #expect(try workspace.git("show", "main:d/e/f.yaml") == "f: 1")
        #expect(try workspace.git("ls-tree", "-r", "--name-only", "main") == "a.yaml\nd/e/f.yaml")
        #expect(try workspace.git("log", "-1", "--format=%an <%ae> %at %ai%n%B", "main")
                == "Ada Operator <ada@example.net> 1767225600 2026-01-01 01:00:00 +0100\nChange a, add f, drop c\n\nBody.")
        #expect(try workspace.git("rev-parse", "main^") == first.hex)
        #expect(try workspace.git("fsck", "--no-progress").isEmpty)
    }

    @Test("a branch that moved since the writer read it is refused, and the other writer's commit survives")
    func refusesMovedBranch() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        guard case .committed(let theirs) = try repository.commit(
            [.write(path: "a.yaml", contents: Array("a: theirs\n".utf8))], on: "main", expectedParent: first,
            author: Self.author, message: "theirs") else { Issue.record("setup failed"); return }
        let refused = #expect(throws: GitError.self) {
            try repository.commit([.write(path: "a.yaml", contents: Array("a: mine\n".utf8))], on: "main",
                                  expectedParent: first, author: Self.author, message: "mine")
        }
        #expect(refused?.kind == .branchMoved)
        #expect(refused?.message.contains(theirs.short) == true)
        #expect(try repository.branchTarget("main") == theirs)
        #expect(try workspace.git("show", "main:a.yaml") == "a: theirs")
        #expect(try workspace.git("rev-list", "--count", "main") == "2")
    }

    @Test("a first commit on an existing branch, and changes that change nothing, do not move it")
    func unbornAndUnchanged() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        defer { withExtendedLifetime(workspace) {} }
        let exists = #expect(throws: GitError.self) {
            try repository.commit([.write(path: "x.yaml", contents: [])], on: "main", expectedParent: nil,
                                  author: Self.author, message: "as if the branch were new")
        }
        #expect(exists?.kind == .branchMoved)
        let same = try repository.commit([.write(path: "a.yaml", contents: Array("a: 1\n".utf8))], on: "main",
                                         expectedParent: first, author: Self.author, message: "no-op")
        #expect(same == .unchanged(first))
        #expect(try repository.branchTarget("main") == first)
    }

    @Test("paths that escape the tree, missing files to delete and a checked-out branch are refused",
          arguments: ["/etc/passwd", "../x.yaml", "a//b.yaml", ".git/config", "a/./b.yaml", ""])
    func refusesBadPaths(_ path: String) throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        defer { withExtendedLifetime(workspace) {} }
        let refused = #expect(throws: GitError.self) {
            try repository.commit([.write(path: path, contents: [])], on: "main", expectedParent: first,
                                  author: Self.author, message: "bad")
        }
        #expect(refused?.kind == .invalidChange)
        #expect(try repository.branchTarget("main") == first)
    }

    @Test("deleting a file that is not there, or committing to a checked-out branch, changes nothing")
    func refusesMissingDeleteAndCheckout() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        defer { withExtendedLifetime(workspace) {} }
        let missing = #expect(throws: GitError.self) {
            try repository.commit([.delete(path: "nope.yaml")], on: "main", expectedParent: first,
                                  author: Self.author, message: "bad")
        }
        #expect(missing?.kind == .invalidChange)
        let work = try GitWorkspace()
        try work.write("a.yaml", "a: 1\n")
        let head = try #require(ObjectID(hex: try work.commitAll("one")))
        let checkedOut = #expect(throws: GitError.self) {
            try Git.Repository(at: work.path).commit([.write(path: "a.yaml", contents: [])], on: "main",
                                                     expectedParent: head, author: Self.author, message: "x")
        }
        #expect(checkedOut?.kind == .invalidChange)
        #expect(try work.git("rev-parse", "main") == head.hex)
    }

    @Test("a write equal to the parent the writer saw is still refused when the branch moved since")
    func unchangedButStale() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        defer { withExtendedLifetime(workspace) {} }
        _ = try repository.commit([.write(path: "a.yaml", contents: Array("a: 2\n".utf8))], on: "main",
                                  expectedParent: first, author: Self.author, message: "theirs")
        let refused = #expect(throws: GitError.self) {
            try repository.commit([.write(path: "a.yaml", contents: Array("a: 1\n".utf8))], on: "main",
                                  expectedParent: first, author: Self.author, message: "mine, equal to the parent")
        }
        #expect(refused?.kind == .branchMoved)
        #expect(try workspace.git("show", "main:a.yaml") == "a: 2")
    }

    @Test("a file where the tree has a folder, or a folder where it has a file, is refused")
    func refusesFileFolderCollisions() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        defer { withExtendedLifetime(workspace) {} }
        for path in ["b", "a.yaml/x.yaml"] {
            let refused = #expect(throws: GitError.self) {
                try repository.commit([.write(path: path, contents: Array("x\n".utf8))], on: "main",
                                      expectedParent: first, author: Self.author, message: "collide")
            }
            #expect(refused?.kind == .invalidChange, "\(path)")
        }
        #expect(try repository.branchTarget("main") == first)
        #expect(try workspace.git("ls-tree", "-r", "--name-only", "main") == "a.yaml\nb/c.yaml")
    }

    @Test("a lock file left on the branch is its own error, naming the file")
    func lockedBranch() throws {
        let (workspace, repository, first) = try Self.bareWithOneCommit()
        defer { withExtendedLifetime(workspace) {} }
        let lock = workspace.path + "/refs/heads/main.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let locked = #expect(throws: GitError.self) {
            try repository.commit([.write(path: "a.yaml", contents: Array("a: 3\n".utf8))], on: "main",
                                  expectedParent: first, author: Self.author, message: "while locked")
        }
        #expect(locked?.kind == .locked)
        #expect(locked?.message.contains("main.lock") == true)
        #expect(try repository.branchTarget("main") == first)
    }
}
