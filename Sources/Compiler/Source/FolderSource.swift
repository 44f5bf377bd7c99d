import Foundation

/// An inventory folder on disk: every `*.yaml`, `*.yml` below it, and `rpki/*.json`.
/// Hidden entries (`.git`) are skipped; a single file path is read as a one-file inventory.
public struct FolderSource: InventorySource {
    public var root: URL

    public init(path: String) {
        self.root = URL(fileURLWithPath: path)
    }

    public var description: String { root.path }

    public func files() throws -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw SourceError(path: root.path, message: "no such file or folder")
        }
        guard isDirectory.boolValue else {
            return [SourceFile(path: root.lastPathComponent, bytes: try read(root))]
        }
        var result: [SourceFile] = []
        try walk(root, relative: "", into: &result)
        return result
    }

    private func walk(_ folder: URL, relative: String, into result: inout [SourceFile]) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw SourceError(path: folder.path, message: "cannot list folder: \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try walk(url, relative: path, into: &result)
            } else if InventoryFiles.isInventoryFile(path) {
                result.append(SourceFile(path: path, bytes: try read(url)))
            }
        }
    }

    private func read(_ url: URL) throws -> [UInt8] {
        try readFileBytes(url.path)
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
