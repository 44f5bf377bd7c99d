import CLibGit2
import Compiler

/// An inventory file of a commit's tree, not read yet: its path relative to the inventory folder and its blob.
struct TreeFile: @unchecked Sendable {  // git_oid is 20 plain bytes
    var path: String
    var blob: git_oid
}

extension Repository {
    /// Every inventory file below `folder` (relative to the repository root; "" for all) in `commit`'s tree,
    /// with paths relative to `folder`. Walks the tree objects without a checkout. Hidden entries are skipped,
    /// as `FolderSource` skips them, so a revision reads exactly what a checkout of it would.
    func inventoryFiles(at commit: ObjectID, folder: String) throws -> [TreeFile] {
        let operation = "reading '\(folder.isEmpty ? "." : folder)' at \(commit.short)"
        let root = try tree(of: commit, operation: operation)
        defer { git_tree_free(root) }
        let normalised = Self.normalise(folder)
        guard !normalised.isEmpty else { return try walk(root, operation: operation) }
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, root, normalised)
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(.noSuchPath, operation: operation, message: "no such file or folder at \(commit.short)")
        }
        try LibGit2.check(result, operation)
        defer { git_tree_entry_free(entry) }
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_TREE:
            var subtree: OpaquePointer?
            try LibGit2.check(git_tree_lookup(&subtree, pointer, git_tree_entry_id(entry)), operation)
            defer { git_tree_free(subtree) }
            return try walk(subtree!, operation: operation)
        case GIT_OBJECT_BLOB:
            let name = normalised.split(separator: "/").last.map(String.init) ?? normalised
            try refuseLink(entry!, path: normalised)
            return [TreeFile(path: name, blob: git_tree_entry_id(entry).pointee)]
        default:
            throw SourceError(path: folder, message: "is neither a file nor a folder at \(commit.short)")
        }
    }

    /// The tree of `commit`; the caller frees it.
    func tree(of commit: ObjectID, operation: String) throws(GitError) -> OpaquePointer {
        var oid = commit.oid
        var commitObject: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commitObject, pointer, &oid), operation)
        defer { git_commit_free(commitObject) }
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, commitObject), operation)
        return tree!
    }

    /// Walks `tree` with an explicit stack (a crafted repository can nest folders arbitrarily deep).
    private func walk(_ tree: OpaquePointer, operation: String) throws -> [TreeFile] {
        var files: [TreeFile] = []
        var pending: [(oid: git_oid, path: String)] = []
        try collect(tree, prefix: "", files: &files, pending: &pending)
        while let next = pending.popLast() {
            var oid = next.oid
            var subtree: OpaquePointer?
            try LibGit2.check(git_tree_lookup(&subtree, pointer, &oid), operation)
            defer { git_tree_free(subtree) }
            try collect(subtree!, prefix: next.path + "/", files: &files, pending: &pending)
        }
        return files
    }

    private func collect(_ tree: OpaquePointer, prefix: String, files: inout [TreeFile],
                         pending: inout [(oid: git_oid, path: String)]) throws {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let name = String(cString: git_tree_entry_name(entry))
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE:
                pending.append((git_tree_entry_id(entry).pointee, path))
            case GIT_OBJECT_BLOB:
                // A link may point at a folder a checkout would descend into: any link is refused, not just
                // links named like inventory files.
                try refuseLink(entry, path: path)
                if InventoryFiles.isInventoryFile(path) {
                    files.append(TreeFile(path: path, blob: git_tree_entry_id(entry).pointee))
                }
            default:
                continue  // submodules (commits) are not part of an inventory
            }
        }
    }

    /// A symbolic link's blob is its target's name, not the file a checkout would read through it.
    private func refuseLink(_ entry: OpaquePointer, path: String) throws {
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK else { return }
        throw SourceError(path: path, message: "is a symbolic link; inventories are read from git trees, where links "
                          + "are not followed: commit the file or folder itself")
    }

    /// The files' bytes, except for a file whose size (read from the object's header, without loading it) is past
    /// `InventoryLimits`: that one the loader reports as too large, never read.
    func read(_ files: [TreeFile]) throws -> [SourceFile] {
        var odb: OpaquePointer?
        try LibGit2.check(git_repository_odb(&odb, pointer), "reading the object database")
        defer { git_odb_free(odb) }
        return try files.map { file in
            var oid = file.blob
            var size = 0
            var type = GIT_OBJECT_BLOB
            try LibGit2.check(git_odb_read_header(&size, &type, odb, &oid), "reading '\(file.path)'")
            return try InventoryLimits.file(path: file.path, size: size) { try blobBytes(file.blob, path: file.path) }
        }
    }

    /// The bytes of the file at `path` (from the repository's root) in `commit`'s tree; nil when there is none.
    public func fileBytes(at commit: ObjectID, path: String) throws -> [UInt8]? {
        let operation = "reading '\(path)' at \(commit.short)"
        let root = try tree(of: commit, operation: operation)
        defer { git_tree_free(root) }
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, root, path)
        if result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try LibGit2.check(result, operation)
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return try blobBytes(git_tree_entry_id(entry).pointee, path: path)
    }

    func blobBytes(_ oid: git_oid, path: String) throws -> [UInt8] {
        var oid = oid
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, &oid), "reading '\(path)'")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// `folder` without `./`, leading or trailing slashes: how a tree names it.
    public static func normalise(_ folder: String) -> String {
        folder.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }

    /// `path` (absolute, or relative to the current folder) relative to the work tree's root, or nil when it is
    /// outside it. Symbolic links are resolved first, as in the work tree's own path; the part of `path` that does
    /// not exist (it may exist only in some revision) is taken as written.
    public func relativePath(of path: String) -> String? {
        guard let workingDirectory else { return nil }
        let (existing, missing) = Self.splitExisting(path)
        guard let resolved = realpath(existing, nil) else { return nil }
        defer { free(resolved) }
        let absolute = Self.normalise(([String(cString: resolved)] + missing).joined(separator: "/"))
        let root = Self.normalise(workingDirectory)
        if absolute == root { return "" }
        guard absolute.hasPrefix(root + "/") else { return nil }
        return String(absolute.dropFirst(root.count + 1))
    }
}
