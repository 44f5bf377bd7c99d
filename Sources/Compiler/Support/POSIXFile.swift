import Foundation
import YAML
#if canImport(Glibc)
import Glibc
#endif

/// Plain reads and writes on file descriptors. Foundation's `Data` would copy every byte once more when reading,
/// and its `write` fsyncs every file, which for ten thousand client configs costs seconds.
enum POSIXFile {
    /// Up to `limit` bytes from `descriptor`, fewer at end of file.
    static func read(_ descriptor: Int32, limit: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: limit) { buffer, initialized in
            var total = 0
            while total < limit {
                let count = Glibc.read(descriptor, buffer.baseAddress! + total, limit - total)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                total += count
            }
            initialized = total
        }
    }

    /// Writes all of `contents`; `path` only names the file in an error.
    static func write(_ descriptor: Int32, _ contents: String, path: String) throws {
        var contents = contents
        try contents.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SourceError(path: path, message: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    static func lastError(_ path: String) -> SourceError {
        SourceError(path: path, message: String(cString: strerror(errno)))
    }
}

/// Creates a file at `path` holding `contents`, with mode `permissions`, flushed to disk: never an existing file,
/// never through a symbolic link. A partly written file is removed.
public func createNewFile(_ path: String, contents: String, permissions: mode_t) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, permissions)
    guard descriptor >= 0 else {
        guard errno == EEXIST else { throw POSIXFile.lastError(path) }
        throw SourceError(path: path, message: "the file exists; remove it first")
    }
    do {
        try POSIXFile.write(descriptor, contents, path: path)
        guard fsync(descriptor) == 0 else { throw POSIXFile.lastError(path) }
    } catch {
        close(descriptor)
        unlink(path)
        throw error
    }
    close(descriptor)
}

/// Reads a whole file into bytes. A file larger than `limit` is refused before any of it is read.
public func readFileBytes(_ path: String, limit: Int = .max) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw POSIXFile.lastError(path) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw POSIXFile.lastError(path) }
    let size = FileStatus(status).size
    guard size <= limit else {
        throw SourceError(path: path, message: "is \(ByteCount(size)), larger than the limit of \(ByteCount(limit))")
    }
    return POSIXFile.read(descriptor, limit: size)
}
