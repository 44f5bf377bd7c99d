import CLibGit2

extension Repository {
    /// The id of `base` (nil: the empty tree) with `changes` applied, every tree it made written to the object
    /// database. Only the trees on the changed paths are read and written: a change to one file of a folder of ten
    /// thousand rewrites that folder's tree and its parents', not every tree of the repository.
    func tree(_ base: OpaquePointer?, applying changes: [TreeChange], operation: String) throws(GitError) -> git_oid {
        let edits = changes.map { Edit(change: $0, components: $0.path.split(separator: "/").map(String.init)[...]) }
        return try write(base, edits, prefix: "", operation: operation).id
    }

    /// One change, with the components of its path still to descend.
    private struct Edit {
        var change: TreeChange
        var components: ArraySlice<String>
    }

    /// The tree written, and whether it has no entries (git keeps no empty folder: its parent drops it).
    private func write(_ base: OpaquePointer?, _ edits: [Edit], prefix: String, operation: String) throws(GitError)
        -> (id: git_oid, isEmpty: Bool) {
        var builder: OpaquePointer?
        try LibGit2.check(git_treebuilder_new(&builder, pointer, base), operation)
        defer { git_treebuilder_free(builder) }
        var folders: [String] = []
        var inFolder: [String: [Edit]] = [:]
        for edit in edits {
            guard let name = edit.components.first else { continue }
            if edit.components.count > 1 {
                if inFolder[name] == nil { folders.append(name) }
                inFolder[name, default: []].append(Edit(change: edit.change, components: edit.components.dropFirst()))
                continue
            }
            try applyLeaf(edit.change, name: name, to: builder, operation: operation)
        }
        for name in folders {
            let path = prefix + name
            let existing = git_treebuilder_get(builder, name)
            var subtree: OpaquePointer?
            if let existing {
                guard git_tree_entry_type(existing) == GIT_OBJECT_TREE else {
                    let change = inFolder[name]![0].change
                    throw GitError(.invalidChange, operation: operation,
                                   message: "cannot \(change.verb) '\(change.path)': '\(path)' is a file in the tree")
                }
                try LibGit2.check(git_tree_lookup(&subtree, pointer, git_tree_entry_id(existing)), operation)
            } else if let delete = inFolder[name]!.first(where: \.change.isDelete) {
                throw GitError(.invalidChange, operation: operation,
                               message: "cannot delete '\(delete.change.path)': no such file")
            }
            defer { git_tree_free(subtree) }
            var written = try write(subtree, inFolder[name]!, prefix: path + "/", operation: operation)
            if written.isEmpty {
                if existing != nil { try LibGit2.check(git_treebuilder_remove(builder, name), operation) }
            } else {
                try LibGit2.check(git_treebuilder_insert(nil, builder, name, &written.id, GIT_FILEMODE_TREE),
                                  operation)
            }
        }
        var tree = git_oid()
        // An emptied folder is dropped by its parent; writing its tree would leave a dangling object.
        if git_treebuilder_entrycount(builder) == 0, !prefix.isEmpty { return (tree, true) }
        try LibGit2.check(git_treebuilder_write(&tree, builder), operation)
        return (tree, git_treebuilder_entrycount(builder) == 0)
    }

    private func applyLeaf(_ change: TreeChange, name: String, to builder: OpaquePointer?,
                           operation: String) throws(GitError) {
        let existing = git_treebuilder_get(builder, name)
        switch change {
        case .write(let path, let contents):
            if let existing, git_tree_entry_type(existing) == GIT_OBJECT_TREE {
                throw GitError(.invalidChange, operation: operation,
                               message: "cannot write the file '\(path)': the tree has a folder of that name")
            }
            var blob = git_oid()
            let result = contents.withUnsafeBytes { git_blob_create_from_buffer(&blob, pointer, $0.baseAddress, $0.count) }
            try LibGit2.check(result, "\(operation): writing '\(path)'")
            try LibGit2.check(git_treebuilder_insert(nil, builder, name, &blob, GIT_FILEMODE_BLOB),
                              "\(operation): adding '\(path)'", kind: .invalidChange)
        case .delete(let path):
            guard let existing, git_tree_entry_type(existing) == GIT_OBJECT_BLOB else {
                throw GitError(.invalidChange, operation: operation, message: "cannot delete '\(path)': no such file")
            }
            try LibGit2.check(git_treebuilder_remove(builder, name), "\(operation): deleting '\(path)'")
        }
    }
}

private extension TreeChange {
    var isDelete: Bool {
        if case .delete = self { return true }
        return false
    }

    var verb: String { isDelete ? "delete" : "write" }
}
