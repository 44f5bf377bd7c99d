import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole or not at all: written to a temporary file beside it, flushed to disk, renamed over it,
/// and the folder flushed too, so a crash or power cut leaves either the old contents or the new, never a mix.
public struct AtomicFile: Sendable {
    public var path: String

    public init(_ path: String) { self.path = path }

    /// Where the contents before the last `replace(keepingPrevious: true)` are kept.
    public var previousPath: String { path + ".previous" }

    public var contents: String? { try? String(contentsOfFile: path, encoding: .utf8) }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Replaces the file with `text` (mode `permissions`). With `keepingPrevious`, the current file is first
    /// copied to `previousPath` (atomically as well) so it can be restored.
    public func replace(with text: String, permissions: mode_t = 0o644, keepingPrevious: Bool = false) throws {
        if keepingPrevious, let current = contents {
            try AtomicFile(previousPath).replace(with: current, permissions: permissions)
        }
        try Self.write(Array(text.utf8), to: path, permissions: permissions)
    }

    /// Puts the previous contents back; false when there is none.
    @discardableResult
    public func restorePrevious() throws -> Bool {
        guard let previous = AtomicFile(previousPath).contents else { return false }
        try replace(with: previous)
        return true
    }

    public func remove() throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw AgentError.system("removing \(path)", errno) }
    }

    static func write(_ bytes: [UInt8], to path: String, permissions: mode_t) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = "\(folder.isEmpty ? "." : folder)/.\((path as NSString).lastPathComponent).wgc-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw AgentError.system("creating \(temporary)", errno) }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return fchmod(descriptor, permissions) == 0 && fsync(descriptor) == 0 ? nil : errno
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw AgentError.system("writing \(path)", failure)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw AgentError.system("renaming over \(path)", code)
        }
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Removes the temporary files a killed writer left beside this file and its previous copy
    /// (`.<name>.wgc-<pid>`, `.<name>.previous.wgc-<pid>`), and only those: the folder may hold others' files.
    public func removeLeftovers() {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else {
            return
        }
        for entry in names where entry.hasPrefix(".\(name).wgc-") || entry.hasPrefix(".\(name).previous.wgc-") {
            unlink((folder.isEmpty ? "." : folder) + "/" + entry)
        }
    }

    /// Removes temporary files a killed writer left in `folder` (`.<name>.wgc-<pid>`).
    public static func removeLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.contains(".wgc-") {
            unlink(folder + "/" + name)
        }
    }
}
