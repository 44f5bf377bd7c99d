import Foundation

/// Writes compiled files into an output folder. The folder is replaced as a whole so that files of removed
/// clients or nodes do not linger; a non-empty folder wgc did not write is refused rather than cleared.
public enum OutputWriter {
    static let marker = ".wgc-output"

    public static func write(_ files: [CompiledFile], to folder: String) throws {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SourceError(path: folder, message: "exists and is not a folder") }
            let entries = try manager.contentsOfDirectory(atPath: root.path)
            guard entries.isEmpty || entries.contains(marker) else {
                throw SourceError(path: folder, message: "is not empty and was not written by wgc; "
                                      + "choose an empty or new folder")
            }
            for entry in entries { try manager.removeItem(at: root.appendingPathComponent(entry)) }
        }
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("wgc compile output; this folder is replaced on every compile\n".utf8)
            .write(to: root.appendingPathComponent(marker))
        var created = Set<String>()
        for file in files {
            let url = root.appendingPathComponent(file.path)
            let parent = url.deletingLastPathComponent().path
            if created.insert(parent).inserted {
                try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            }
            try Data(file.contents.utf8).write(to: url)
        }
    }
}
