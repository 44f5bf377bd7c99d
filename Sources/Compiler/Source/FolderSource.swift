import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An inventory folder on disk: every `*.yaml`, `*.yml` below it, and `rpki/*.json`.
/// Hidden entries (`.git`) are skipped; a single file path is read as a one-file inventory.
public struct FolderSource: InventorySource {
    public var root: URL

    public init(path: String) {
        self.root = URL(fileURLWithPath: path)
    }

    public var description: String { root.path }

    public func files() throws -> [SourceFile] {
        let rootPath = root.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootPath, isDirectory: &isDirectory) else {
            throw SourceError(path: rootPath, message: "no such file or folder")
        }
        guard isDirectory.boolValue else {
            return [SourceFile(path: root.lastPathComponent, bytes: try readFileBytes(rootPath))]
        }
        var paths: [String] = []
        try collect(rootPath, relative: "", into: &paths)
        // With a file per resource, reading is most of the time spent here: the files are read in parallel.
        let contents = paths.parallelMap { path in Result { try readFileBytes(rootPath + "/" + path) } }
        return try zip(paths, contents).map { SourceFile(path: $0, bytes: try $1.get()) }
    }

    /// The inventory files below `folder`, as paths relative to the root, in name order. Hidden entries are
    /// skipped and symbolic links followed. Plain POSIX calls: Foundation's URL and FileManager took longer
    /// than parsing for an inventory of twenty thousand files.
    private func collect(_ folder: String, relative: String, into paths: inout [String]) throws {
        guard let directory = opendir(folder) else {
            throw SourceError(path: folder, message: "cannot list folder: \(String(cString: strerror(errno)))")
        }
        var entries: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard name.utf8.first != UInt8(ascii: ".") else { continue }
            var isDirectory = Int(entry.pointee.d_type) == DT_DIR
            if Int(entry.pointee.d_type) == DT_LNK || Int(entry.pointee.d_type) == DT_UNKNOWN {
                var status = stat()
                guard stat(folder + "/" + name, &status) == 0 else { continue }
                isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
            }
            entries.append((name, isDirectory))
        }
        closedir(directory)
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
            if entry.isDirectory {
                try collect(folder + "/" + entry.name, relative: path, into: &paths)
            } else if InventoryFiles.isInventoryFile(path) {
                paths.append(path)
            }
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
