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
    public init(discovering path: String) throws(GitError) {
        LibGit2.ensureInitialised()
        var repository: OpaquePointer?
        let result = git_repository_open_ext(&repository, Self.nearestExisting(path), 0, nil)
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(.notARepository, operation: "opening a repository at '\(path)'",
                           message: "not a git repository (or any parent folder)")
        }
        try LibGit2.check(result, "opening a repository at '\(path)'")
        self.pointer = repository!
        self.workingDirectory = git_repository_workdir(pointer).map { String(cString: $0) }
        self.gitDirectory = String(cString: git_repository_path(pointer))
    }

    /// Opens exactly the repository at `path` (a `.git` folder, a bare repository or a work tree root).
    public init(at path: String) throws(GitError) {
        LibGit2.ensureInitialised()
        var repository: OpaquePointer?
        let result = git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(.notARepository, operation: "opening a repository at '\(path)'", message: "not a git repository")
        }
        try LibGit2.check(result, "opening a repository at '\(path)'")
        self.pointer = repository!
        self.workingDirectory = git_repository_workdir(pointer).map { String(cString: $0) }
        self.gitDirectory = String(cString: git_repository_path(pointer))
    }

    /// Creates a repository at `path` (bare: no work tree, as a remote or the API's store is).
    public static func create(at path: String, bare: Bool, initialBranch: String = "main") throws(GitError) -> Repository {
        LibGit2.ensureInitialised()
        var options = git_repository_init_options()
        try LibGit2.check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                          "creating a repository at '\(path)'")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var repository: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&repository, path, &options)
        }
        try LibGit2.check(result, "creating a repository at '\(path)'")
        git_repository_free(repository)
        return try Repository(at: path)
    }

    deinit {
        git_repository_free(pointer)
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

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

    static func nearestExisting(_ path: String) -> String {
        var candidate = path.isEmpty ? "." : path
        while !FileManager.default.fileExists(atPath: candidate) {
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent.isEmpty { return "." }
            if parent == candidate { break }
            candidate = parent
        }
        return candidate
    }

    static func branchReference(_ branch: String) -> String {
        branch.hasPrefix("refs/") ? branch : "refs/heads/" + branch
    }
}
