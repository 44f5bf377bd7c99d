import Foundation

/// An inventory folder on disk: every `*.yaml`, `*.yml` below it, and `rpki/*.json`.
/// Hidden entries (`.git`) are skipped; a single file path is read as a one-file inventory.
/// Links are followed, each folder is read once (links may form loops), and a file larger than
/// `InventoryLimits.maxFileBytes` is handed to the loader unread, to be reported.
public struct FolderSource: InventorySource {
    public var root: URL

    public init(path: String) {
        self.root = URL(fileURLWithPath: path)
    }

    public var description: String { root.path }

    public func files() throws -> [SourceFile] {
        guard let status = FileStatus(root.path) else {
            throw SourceError(path: root.path, message: "no such file or folder")
        }
        guard status.isDirectory else {
            return [try file(root.path, relative: root.lastPathComponent, size: status.size)]
        }
        return try walk()
    }

    /// Every inventory file below the root, with an explicit stack: a checkout can nest folders deep.
    private func walk() throws -> [SourceFile] {
        var result: [SourceFile] = []
        var visited: Set<FileStatus.Identity> = []
        var pending: [(path: String, relative: String)] = [(root.path, "")]
        while let (folder, relative) = pending.popLast() {
            guard let status = FileStatus(folder), visited.insert(status.identity).inserted else { continue }
            for name in try names(in: folder) where !name.hasPrefix(".") {
                let path = folder + "/" + name
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                guard let entry = FileStatus(path) else { continue }
                if entry.isDirectory {
                    pending.append((path, relativePath))
                } else if entry.isRegularFile, InventoryFiles.isInventoryFile(relativePath) {
                    result.append(try file(path, relative: relativePath, size: entry.size))
                }
            }
        }
        return result
    }

    /// A folder's entries, sorted so that which path reaches a linked folder first does not depend on the disk.
    private func names(in folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw SourceError(path: folder, message: "cannot list folder: \(error.localizedDescription)")
        }
    }

    private func file(_ path: String, relative: String, size: Int) throws -> SourceFile {
        try InventoryLimits.file(path: relative, size: size) {
            try readFileBytes(path, limit: InventoryLimits.maxFileBytes)
        }
    }
}

/// Which paths of a tree belong to an inventory.
public enum InventoryFiles {
    public static func isInventoryFile(_ path: String) -> Bool {
        isYAML(path) || isVRPFile(path)
    }

    public static func isYAML(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml")
    }

    /// VRP exports live under an `rpki/` folder at any depth.
    public static func isVRPFile(_ path: String) -> Bool {
        path.hasSuffix(".json") && (path.hasPrefix("rpki/") || path.contains("/rpki/"))
    }
}
