import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes compiled files into an output folder so that afterwards it holds exactly those files: unchanged files
/// are left as they are (their timestamps too), changed ones rewritten, files no longer generated removed.
/// A non-empty folder that wgc did not write is refused rather than touched.
public enum OutputWriter {
    static let marker = ".wgc-output"

    /// What a write did, for the user.
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    @discardableResult
    public static func write(_ files: [CompiledFile], to folder: String) throws -> Summary {
        var groups: [String: [CompiledFile]] = [:]
        for file in files { groups[String(file.path.prefix { $0 != "/" }), default: []].append(file) }
        let ordered = groups.keys.sorted().map { groups[$0]! }
        return try write(groups: ordered.count, to: folder) { ordered[$0] }
    }

    /// Writes `groups` groups of files (a node's each), producing and writing them in parallel: a node's files
    /// are written while another node's are still being generated.
    @discardableResult
    public static func write(groups: Int, to folder: String,
                             producing produce: @Sendable (Int) -> [CompiledFile]) throws -> Summary {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        var existing = Set<String>()
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SourceError(path: folder, message: "exists and is not a folder") }
            let entries = try manager.contentsOfDirectory(atPath: folder)
            guard entries.isEmpty || entries.contains(marker) else {
                throw SourceError(path: folder, message: "is not empty and was not written by wgc; "
                                      + "choose an empty or new folder")
            }
            existing = try listFiles(under: folder)
            existing.remove(marker)
        }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try writeFile(folder + "/" + marker, "wgc compile output: wgc rewrites this folder on every compile\n")

        let known = existing
        let results = Array(0..<groups).parallelMap { index in
            let files = produce(index)
            return (files.map(\.path), Result { try writeGroup(files, into: folder, existing: known) })
        }
        var summary = Summary()
        var generated = Set<String>()
        for (paths, result) in results {
            let part = try result.get()
            summary.written += part.written
            summary.unchanged += part.unchanged
            generated.formUnion(paths)
        }
        for stale in existing.subtracting(generated).sorted() {
            guard unlink(folder + "/" + stale) == 0 else { throw POSIXFile.lastError(folder + "/" + stale) }
            summary.removed += 1
        }
        if summary.removed > 0 { try removeEmptyFolders(under: folder) }
        return summary
    }

    private static func writeGroup(_ files: [CompiledFile], into folder: String, existing: Set<String>) throws -> Summary {
        var summary = Summary()
        // Files are written relative to an open descriptor of their folder: ten thousand client configs then
        // cost one open each, without resolving the whole path again.
        var folders: [String: Int32] = [:]
        defer { for descriptor in folders.values { close(descriptor) } }
        for file in files {
            let slash = file.path.lastIndex(of: "/")
            let parent = slash.map { String(file.path[..<$0]) } ?? ""
            let name = slash.map { String(file.path[file.path.index(after: $0)...]) } ?? file.path
            let descriptor: Int32
            if let open = folders[parent] {
                descriptor = open
            } else {
                let path = parent.isEmpty ? folder : folder + "/" + parent
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard descriptor >= 0 else { throw POSIXFile.lastError(path) }
                folders[parent] = descriptor
            }
            if existing.contains(file.path), hasContents(name, in: descriptor, file.contents) {
                summary.unchanged += 1
                continue
            }
            try writeFile(name, file.contents, in: descriptor, displayPath: folder + "/" + file.path)
            summary.written += 1
        }
        return summary
    }

    /// Whether the file already holds exactly `contents`.
    static func hasContents(_ name: String, in folder: Int32, _ contents: String) -> Bool {
        let descriptor = openat(folder, name, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let expected = contents.utf8
        // One byte more than expected, to notice a longer file.
        let existing = POSIXFile.read(descriptor, limit: expected.count + 1)
        guard existing.count == expected.count else { return false }
        guard !existing.isEmpty else { return true }
        return expected.withContiguousStorageIfAvailable { expected in
            existing.withUnsafeBufferPointer { memcmp($0.baseAddress!, expected.baseAddress!, expected.count) == 0 }
        } ?? existing.elementsEqual(expected)
    }

    /// A plain create-write-close; the output is derived data, regenerated by the next compile.
    static func writeFile(_ name: String, _ contents: String, in folder: Int32 = AT_FDCWD,
                          displayPath: String? = nil) throws {
        let path = displayPath ?? name
        let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFile.lastError(path) }
        defer { close(descriptor) }
        try POSIXFile.write(descriptor, contents, path: path)
    }

    /// Every regular file below `root`, as paths relative to it.
    static func listFiles(under root: String) throws -> Set<String> {
        var result = Set<String>()
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(path) else {
                throw SourceError(path: path, message: String(cString: strerror(errno)))
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    pending.append(child)
                } else {
                    result.insert(child)
                }
            }
        }
        return result
    }

    private static func removeEmptyFolders(under root: String) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: root) {
            let path = root + "/" + name
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            try removeEmptyFolders(under: path)
            if try manager.contentsOfDirectory(atPath: path).isEmpty { try manager.removeItem(atPath: path) }
        }
    }
}
