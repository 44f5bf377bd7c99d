import CLibGit2

extension Repository {
    /// Commits `changes` on top of `expectedParent` and moves `branch` to the new commit only if it still points
    /// at `expectedParent` (nil: the branch must not exist yet). The check and the move are one atomic reference
    /// update (compare-and-swap), so a concurrent writer's commit is never lost: if the branch moved, this throws
    /// `.branchMoved` and the branch is left as the other writer left it.
    ///
    /// Refs only: a branch checked out in a work tree is refused, since its files would no longer match.
    public func commit(_ changes: [TreeChange], on branch: String, expectedParent: ObjectID?, author: Signature,
                       committer: Signature? = nil, message: String) throws(GitError) -> CommitOutcome {
        let reference = Self.branchReference(branch)
        let operation = "committing to '\(branch)'"
        try refuseCheckedOut(reference, operation: operation)
        for change in changes {
            if let problem = TreeChange.problem(with: change.path) {
                throw GitError(.invalidChange, operation: operation, message: "'\(change.path)': \(problem)")
            }
        }
        let parentTree = try expectedParent.map { parent throws(GitError) in
            try self.tree(of: parent, operation: operation)
        }
        defer { git_tree_free(parentTree) }
        let tree = try self.tree(parentTree, applying: changes, operation: operation)
        if let expectedParent, let parentTree, ObjectID(git_tree_id(parentTree)!) == ObjectID(tree) {
            // Unchanged only relative to the parent the writer saw: if the branch moved since, the write may
            // differ from what the branch holds now, so it is refused like any other stale write.
            let current = try referenceTarget(reference)
            guard current == expectedParent else {
                throw GitError(.branchMoved, operation: operation,
                               message: "'\(reference)' is at \(current?.short ?? "nothing"), not at "
                               + "\(expectedParent.short) as expected; nothing was changed")
            }
            return .unchanged(expectedParent)
        }
        let commit = try createCommit(tree: tree, parent: expectedParent, author: author,
                                      committer: committer ?? author, message: message, operation: operation)
        try moveBranch(reference, to: commit, expected: expectedParent, message: "commit: \(Self.subject(message))",
                       operation: operation)
        return .committed(commit)
    }

    /// Moves `branch` from `expected` to `target` (any commit: forward, back or aside) atomically; `.branchMoved`
    /// when it is somewhere else. For undoing a commit a push did not take.
    public func moveBranch(_ branch: String, from expected: ObjectID, to target: ObjectID) throws(GitError) {
        let reference = Self.branchReference(branch)
        let operation = "moving '\(branch)' to \(target.short)"
        try refuseCheckedOut(reference, operation: operation)
        try moveBranch(reference, to: target, expected: expected, message: "wgc: reset to \(target.short)",
                       operation: operation)
    }

    /// Moves `reference` from `expected` to `target` atomically; `.branchMoved` when it is somewhere else.
    func moveBranch(_ reference: String, to target: ObjectID, expected: ObjectID?, message: String,
                    operation: String) throws(GitError) {
        var target = target.oid
        var created: OpaquePointer?
        let result: Int32
        if var current = expected?.oid {
            result = git_reference_create_matching(&created, pointer, reference, &target, 1, &current, message)
        } else {
            result = git_reference_create(&created, pointer, reference, &target, 0, message)
        }
        git_reference_free(created)
        switch git_error_code(rawValue: result) {
        case GIT_OK:
            return
        case GIT_EMODIFIED, GIT_EEXISTS, GIT_ENOTFOUND:
            let actual = (try? referenceTarget(reference)).flatMap { $0?.short } ?? "nowhere"
            throw GitError(.branchMoved, operation: operation,
                           message: "'\(reference)' is at \(actual), not at \(expected?.short ?? "nothing") as expected; "
                           + "nothing was changed", code: result)
        case GIT_ELOCKED:
            throw GitError(.locked, operation: operation,
                           message: "'\(reference)' is locked by \(gitDirectory)\(reference).lock: another writer is "
                           + "updating it (retry), or one crashed and left the file (remove it); nothing was changed",
                           code: result)
        default:
            throw LibGit2.error(result, operation)
        }
    }

    /// A branch checked out in a work tree (this repository's or a linked one) would be left with stale files.
    func refuseCheckedOut(_ reference: String, operation: String) throws(GitError) {
        guard reference.hasPrefix("refs/heads/") else { return }
        var branch: OpaquePointer?
        guard git_reference_lookup(&branch, pointer, reference) == 0 else {
            git_error_clear()
            return
        }
        defer { git_reference_free(branch) }
        guard git_branch_is_checked_out(branch) == 1 else { return }
        throw GitError(.invalidChange, operation: operation,
                       message: "'\(reference)' is checked out in a work tree of \(root); wgc moves branches of bare "
                       + "repositories (or branches not checked out) only")
    }

    private func createCommit(tree: git_oid, parent: ObjectID?, author: Signature, committer: Signature,
                              message: String, operation: String) throws(GitError) -> ObjectID {
        var treeID = tree
        var treeObject: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&treeObject, pointer, &treeID), operation)
        defer { git_tree_free(treeObject) }
        var parentObject: OpaquePointer?
        if var parentID = parent?.oid {
            try LibGit2.check(git_commit_lookup(&parentObject, pointer, &parentID), operation)
        }
        defer { git_commit_free(parentObject) }
        let authorSignature = try author.make(operation: operation)
        defer { git_signature_free(authorSignature) }
        let committerSignature = try committer.make(operation: operation)
        defer { git_signature_free(committerSignature) }
        var commit = git_oid()
        var parents: [OpaquePointer?] = parentObject.map { [$0] } ?? []
        let result = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&commit, pointer, nil, authorSignature, committerSignature, "UTF-8", message,
                              treeObject, buffer.count, buffer.baseAddress)
        }
        try LibGit2.check(result, operation)
        return ObjectID(commit)
    }

    static func subject(_ message: String) -> String {
        String(message.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}

extension Signature {
    /// A libgit2 signature; the caller frees it.
    func make(operation: String) throws(GitError) -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        let result: Int32
        if let time {
            result = git_signature_new(&signature, name, email, time.seconds, time.offsetMinutes)
        } else {
            result = git_signature_now(&signature, name, email)
        }
        try LibGit2.check(result, "\(operation): author '\(name) <\(email)>'", kind: .invalidChange)
        return signature!
    }
}
