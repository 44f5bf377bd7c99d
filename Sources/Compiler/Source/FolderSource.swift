import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
            return [try file(root.path, relative: root.lastPathComponent)]
        }
        let rootPath = root.path
        let paths = try walk()
        // With a file per resource, reading is most of the time spent here: the files are read in parallel.
        let contents = paths.parallelMap { path in Result { try file(rootPath + "/" + path, relative: path) } }
        return try contents.map { try $0.get() }
    }

    /// The inventory files below the root, as paths relative to it, with an explicit stack (a checkout can nest
    /// folders deep); each folder is read once, however many links lead to it.
    private func walk() throws -> [String] {
        var result: [String] = []
        let realRoot = Self.realPath(root.path) ?? root.path
        var visited: Set<FileStatus.Identity> = []
        var pending: [(path: String, relative: String)] = [(root.path, "")]
        while let (folder, relative) = pending.popLast() {
            guard let status = FileStatus(folder), visited.insert(status.identity).inserted else { continue }
            for entry in try entries(of: folder) {
                let relativePath = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.isLink { try refuseEscape(folder + "/" + entry.name, relative: relativePath, root: realRoot) }
                if entry.isDirectory {
                    pending.append((folder + "/" + entry.name, relativePath))
                } else if entry.isRegularFile, InventoryFiles.isInventoryFile(relativePath) {
                    result.append(relativePath)
                }
            }
        }
        return result
    }

    /// A folder's visible entries, in name order (so which path reaches a linked folder first does not depend on
    /// the disk). Plain POSIX calls: Foundation's FileManager took longer than parsing for twenty thousand files.
    /// Links are followed: `stat` tells what they lead to.
    private func entries(of folder: String) throws
        -> [(name: String, isDirectory: Bool, isRegularFile: Bool, isLink: Bool)] {
        guard let directory = opendir(folder) else {
            throw SourceError(path: folder, message: "cannot list folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var entries: [(name: String, isDirectory: Bool, isRegularFile: Bool, isLink: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard name.utf8.first != UInt8(ascii: ".") else { continue }
            let type = Int(entry.pointee.d_type)
            if type == DT_LNK || type == DT_UNKNOWN {
                guard let status = FileStatus(folder + "/" + name) else { continue }
                entries.append((name, status.isDirectory, status.isRegularFile, type == DT_LNK))
            } else {
                entries.append((name, type == DT_DIR, type == DT_REG, false))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// A link is followed only inside the inventory folder: in CI a pull request could otherwise point one at any
    /// file of the machine and have it parsed, and parts of it quoted in diagnostics.
    private func refuseEscape(_ path: String, relative: String, root: String) throws {
        guard let target = Self.realPath(path) else { return }  // a dangling link is skipped like a missing file
        guard target != root, !target.hasPrefix(root == "/" ? "/" : root + "/") else { return }
        throw SourceError(path: relative, message: "is a symbolic link to \(target), outside the inventory folder; "
                          + "wgc reads no file outside it: copy the file into the inventory")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file's bytes, or, past the size limit, a file the loader reports as too large, never read.
    private func file(_ path: String, relative: String) throws -> SourceFile {
        guard let status = FileStatus(path) else {
            throw SourceError(path: path, message: "no such file")
        }
        return try InventoryLimits.file(path: relative, size: status.size) {
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
