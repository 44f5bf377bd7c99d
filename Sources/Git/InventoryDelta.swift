import CLibGit2
import Compiler

/// What changed in an inventory's folder from one commit to another, in the form `LoadedInventory` takes: the
/// inventory files written (with their bytes) and those deleted, paths relative to the folder. Following a branch
/// that moved by a few files then costs those files, not the whole tree.
public struct InventoryDelta: Sendable {
    public var written: [SourceFile]
    public var deleted: [String]

    public var count: Int { written.count + deleted.count }
}

extension Repository {
    /// The inventory files of `folder` that differ between `old` and `new`, read as `RevisionSource` reads them
    /// (hidden entries skipped, sizes limited). Nil when the change holds something only a full read reports right:
    /// a link, a submodule, an entry whose type changed, or a folder that is missing on either side.
    public func inventoryDelta(from old: ObjectID, to new: ObjectID, folder: String) throws -> InventoryDelta? {
        let operation = "comparing \(old.short) with \(new.short)"
        let normalised = Self.normalise(folder)
        guard let oldTree = try folderTree(of: old, folder: normalised, operation: operation) else { return nil }
        defer { git_tree_free(oldTree) }
        guard let newTree = try folderTree(of: new, folder: normalised, operation: operation) else { return nil }
        defer { git_tree_free(newTree) }
        var diff: OpaquePointer?
        try LibGit2.check(git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, nil), operation)
        defer { git_diff_free(diff) }
        var written: [TreeFile] = []
        var deleted: [String] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let file = delta.status == GIT_DELTA_DELETED ? delta.old_file : delta.new_file
            guard let cPath = file.path else { continue }
            let path = String(cString: cPath)
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let mode = Int32(file.mode)
            guard delta.status != GIT_DELTA_TYPECHANGE, mode != Int32(GIT_FILEMODE_LINK.rawValue),
                  mode != Int32(GIT_FILEMODE_COMMIT.rawValue) else { return nil }
            guard InventoryFiles.isInventoryFile(path) else { continue }
            switch delta.status {
            case GIT_DELTA_DELETED: deleted.append(path)
            case GIT_DELTA_ADDED, GIT_DELTA_MODIFIED: written.append(TreeFile(path: path, blob: file.id))
            default: return nil
            }
        }
        return InventoryDelta(written: try read(written), deleted: deleted)
    }

    /// The tree of `folder` in `commit`; the caller frees it.
    private func folderTree(of commit: ObjectID, folder: String, operation: String) throws -> OpaquePointer? {
        var oid = commit.oid
        var object: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&object, pointer, &oid), operation)
        defer { git_commit_free(object) }
        return try folderTree(of: object!, folder: folder, operation: operation)
    }
}
