#if canImport(Glibc)
import Glibc
#endif

/// What `stat(2)` says about a path, following symbolic links.
struct FileStatus {
    /// A file's identity on this machine: the same folder reached through two links has one identity.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    var isDirectory: Bool
    var isRegularFile: Bool
    var size: Int
    var identity: Identity

    /// nil when nothing is at `path`, or a link there leads nowhere.
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    init(_ status: stat) {
        isDirectory = status.st_mode & S_IFMT == S_IFDIR
        isRegularFile = status.st_mode & S_IFMT == S_IFREG
        size = Int(status.st_size)
        identity = Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}
