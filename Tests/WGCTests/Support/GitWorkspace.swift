import Foundation
import Testing

/// A git repository made with the real `git` program for one test, removed when the test ends. Commits get
/// fixed authors and dates, and no user or system configuration is read, so runs are repeatable.
final class GitWorkspace {
    let folder: TemporaryFolder
    /// The repository: a work tree, or the bare repository itself.
    let path: String

    init(bare: Bool = false) throws {
        folder = try TemporaryFolder()
        path = folder.path + (bare ? "/remote.git" : "/work")
        try Self.git(in: folder.path, "init", "-q", "-b", "main", bare ? "--bare" : "--no-bare", path)
    }

    /// A clone of `remote` (by path) beside this workspace's temporary folder.
    init(cloning remote: String) throws {
        folder = try TemporaryFolder()
        path = folder.path + "/clone"
        try Self.git(in: folder.path, "clone", "-q", remote, path)
    }

    static var environment: [String: String] {
        ["GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.net",
         "GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.net",
         "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
         "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0"]
    }

    /// Runs git in `folder`; fails the test with git's output when git fails.
    @discardableResult
    static func git(in folder: String, _ arguments: String...) throws -> String {
        try git(in: folder, arguments)
    }

    @discardableResult
    static func git(in folder: String, _ arguments: [String]) throws -> String {
        let output = try Programs.run(["git", "-C", folder] + arguments, environment: environment)
        guard output.status == 0 else {
            throw GitCommandError(command: "git " + arguments.joined(separator: " "), output: output.combined)
        }
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try Self.git(in: path, arguments)
    }

    /// Writes a file of the work tree.
    func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// Copies a folder into the work tree at `relative`.
    func copy(_ source: String, to relative: String) throws {
        let target = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
    }

    /// Stages everything and commits; returns the new commit's SHA.
    @discardableResult
    func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD")
    }
}

struct GitCommandError: Error, CustomStringConvertible {
    var command: String
    var output: String
    var description: String { "\(command) failed: \(output)" }
}
