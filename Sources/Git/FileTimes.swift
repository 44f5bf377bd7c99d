import CLibGit2

/// When a file was first added and last changed, as the commit times (seconds since 1970) of the commits that did.
public struct FileTimes: Sendable, Equatable {
    public var created: Int64
    public var updated: Int64

    public init(created: Int64, updated: Int64) {
        self.created = created
        self.updated = updated
    }
}

extension Repository {
    /// Adds to `times` (paths relative to `folder`) what the commits reachable from `head` and not from `since`
    /// did to the files below `folder`, oldest first along first parents' diffs: an added file gets both times, a
    /// changed one a new `updated`, a deleted one is dropped. With `since` nil the whole history is walked.
    public func updateFileTimes(_ times: inout [String: FileTimes], folder: String, head: ObjectID,
                                since: ObjectID?) throws(GitError) {
        let operation = "reading the history of '\(folder.isEmpty ? "." : folder)'"
        var walk: OpaquePointer?
        try LibGit2.check(git_revwalk_new(&walk, pointer), operation)
        defer { git_revwalk_free(walk) }
        try LibGit2.check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue),
                          operation)
        var headOID = head.oid
        try LibGit2.check(git_revwalk_push(walk, &headOID), operation)
        if let since {
            var sinceOID = since.oid
            try LibGit2.check(git_revwalk_hide(walk, &sinceOID), operation)
        }
        let normalised = Self.normalise(folder)
        var next = git_oid()
        while git_revwalk_next(&next, walk) == 0 {
            try record(commit: next, folder: normalised, into: &times, operation: operation)
        }
    }

    private func record(commit oid: git_oid, folder: String, into times: inout [String: FileTimes],
                        operation: String) throws(GitError) {
        var oid = oid
        var commit: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commit, pointer, &oid), operation)
        defer { git_commit_free(commit) }
        let time = Int64(git_commit_time(commit))
        let newTree = try folderTree(of: commit!, folder: folder, operation: operation)
        defer { git_tree_free(newTree) }
        var oldTree: OpaquePointer?
        if git_commit_parentcount(commit) > 0 {
            var parent: OpaquePointer?
            try LibGit2.check(git_commit_parent(&parent, commit, 0), operation)
            defer { git_commit_free(parent) }
            oldTree = try folderTree(of: parent!, folder: folder, operation: operation)
        }
        defer { git_tree_free(oldTree) }
        if let oldTree, let newTree, git_oid_equal(git_tree_id(oldTree), git_tree_id(newTree)) != 0 { return }
        if oldTree == nil, newTree == nil { return }
        var diff: OpaquePointer?
        try LibGit2.check(git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, nil), operation)
        defer { git_diff_free(diff) }
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            if delta.status == GIT_DELTA_DELETED {
                if let path = delta.old_file.path { times[String(cString: path)] = nil }
                continue
            }
            guard let path = delta.new_file.path.map({ String(cString: $0) }) else { continue }
            if let known = times[path], delta.status != GIT_DELTA_ADDED {
                times[path] = FileTimes(created: known.created, updated: time)
            } else {
                times[path] = FileTimes(created: time, updated: time)
            }
        }
    }

    /// The tree of `folder` in `commit` (nil when the commit has no such folder); the caller frees it.
    func folderTree(of commit: OpaquePointer, folder: String, operation: String) throws(GitError)
        -> OpaquePointer? {
        var root: OpaquePointer?
        try LibGit2.check(git_commit_tree(&root, commit), operation)
        if folder.isEmpty { return root }
        defer { git_tree_free(root) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, folder) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, pointer, git_tree_entry_id(entry)), operation)
        return tree
    }
}

extension Repository {
    /// The commit time of `commit`, in seconds since 1970.
    public func commitTime(_ commit: ObjectID) throws(GitError) -> Int64 {
        var oid = commit.oid
        var object: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&object, pointer, &oid), "reading commit \(commit.short)")
        defer { git_commit_free(object) }
        return Int64(git_commit_time(object))
    }
}
