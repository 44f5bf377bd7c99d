import CLibGit2
import Foundation

/// An open git repository. Owns libgit2's handle; not shared between threads (libgit2 repositories are not),
/// so code that reads in parallel opens one per thread.
public final class Repository {
    let pointer: OpaquePointer

    /// The folder holding `.git` (nil for a bare repository), with a trailing slash.
    public let workingDirectory: String?
    /// The `.git` folder, or the bare repository itself, with a trailing slash.
    public let gitDirectory: String

    /// Opens the repository holding `path`, searching parent folders as `git` does. `path` need not exist (it may
    /// exist only in some revision): the search starts at its nearest existing ancestor.
    public convenience init(discovering path: String) throws(GitError) {
        try self.init(opening: Self.nearestExisting(path), named: path, flags: 0,
                      notFound: "not a git repository (or any parent folder)")
    }

    /// Opens exactly the repository at `path` (a `.git` folder, a bare repository or a work tree root).
    public convenience init(at path: String) throws(GitError) {
        try self.init(opening: path, named: path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue,
                      notFound: "not a git repository")
    }

    private init(opening path: String, named name: String, flags: UInt32, notFound: String) throws(GitError) {
        LibGit2.ensureInitialised()
        let operation = "opening a repository at '\(name)'"
        var repository: OpaquePointer?
        let result = git_repository_open_ext(&repository, path, flags, nil)
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(.notARepository, operation: operation, message: notFound)
        }
        try LibGit2.check(result, operation)
        self.pointer = repository!
        self.workingDirectory = git_repository_workdir(pointer).map { String(cString: $0) }
        self.gitDirectory = String(cString: git_repository_path(pointer))
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The repository's root for reading trees: its work tree, or the git folder when bare.
    public var root: String { workingDirectory ?? gitDirectory }

    /// The commit `revision` names: a branch, tag, remote-tracking branch, SHA (full or short) or an expression
    /// such as `HEAD~1` or `main^2`.
    public func resolve(_ revision: String) throws(GitError) -> ObjectID {
        let operation = "resolving revision '\(revision)'"
        var object: OpaquePointer?
        let result = git_revparse_single(&object, pointer, revision)
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue {
            throw GitError(.notFound, operation: operation, message: "unknown revision '\(revision)' in \(root)",
                           code: result)
        }
        try LibGit2.check(result, operation)
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try LibGit2.check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), operation)
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit)!)
    }

    /// The commit `branch` (a short name, e.g. `main`) points at, or nil when the branch does not exist.
    public func branchTarget(_ branch: String) throws(GitError) -> ObjectID? {
        try referenceTarget(Self.branchReference(branch))
    }

    /// The commit a full reference name (`refs/remotes/origin/main`) points at, or nil when it does not exist.
    public func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(result, "reading reference '\(name)'")
        return ObjectID(oid)
    }

    /// Whether `descendant` has `ancestor` in its history (a commit counts as its own descendant).
    public func isDescendant(_ descendant: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        if descendant == ancestor { return true }
        var child = descendant.oid
        var parent = ancestor.oid
        let result = git_graph_descendant_of(pointer, &child, &parent)
        try LibGit2.check(result, "comparing \(descendant.short) with \(ancestor.short)")
        return result == 1
    }

    /// The longest leading part of `path` that exists (`.` when none of a relative path does, `/` at worst), and
    /// the components after it.
    static func splitExisting(_ path: String) -> (existing: String, missing: [String]) {
        var existing = path.isEmpty ? "." : path
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing) {
            let parent = (existing as NSString).deletingLastPathComponent
            missing.insert((existing as NSString).lastPathComponent, at: 0)
            if parent.isEmpty { return (".", missing) }
            if parent == existing { break }
            existing = parent
        }
        return (existing, missing)
    }

    static func nearestExisting(_ path: String) -> String {
        splitExisting(path).existing
    }

    static func branchReference(_ branch: String) -> String {
        branch.hasPrefix("refs/") ? branch : "refs/heads/" + branch
    }
}

extension Repository {
    /// Opens the bare repository at `path`, creating it (and its folder) first when there is none: a local cache
    /// of a remote, fetched into.
    public static func openOrCreateBare(at path: String) throws(GitError) -> Repository {
        if let existing = try? Repository(at: path) { return existing }
        LibGit2.ensureInitialised()
        var repository: OpaquePointer?
        try LibGit2.check(git_repository_init(&repository, path, 1), "creating a bare repository at '\(path)'")
        git_repository_free(repository)
        return try Repository(at: path)
    }
}
