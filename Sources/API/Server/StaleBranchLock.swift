import Foundation
import Git
import Logging

/// The lock file of the served branch (`refs/heads/main.lock`) that a writer killed between writing it and renaming
/// it over the branch leaves behind. While it is there every write is refused (409 `REPOSITORY_BUSY`), by wgc and
/// by git alike, so `wgc serve` removes it at startup — only once it has stood still long enough that no live
/// writer can hold it: a ref update holds its lock for milliseconds.
public enum StaleBranchLock {
    /// How long a lock must have stood unchanged before it counts as left behind.
    public static let settle: TimeInterval = 1

    /// Removes `branch`'s lock file in `repository` when it is stale, and says so in the log. Returns the path
    /// removed, if any. A lock that changes or goes away meanwhile belongs to a live writer and is left alone.
    @discardableResult
    public static func remove(repository: String, branch: String, logger: Logger) throws -> String? {
        let path = try Git.Repository(at: repository).gitDirectory + "refs/heads/\(branch).lock"
        guard let first = LockFile(path: path) else { return nil }
        let age = Date().timeIntervalSince(first.modified)
        Thread.sleep(forTimeInterval: max(0, min(settle, settle - age)))
        guard let second = LockFile(path: path) else { return nil }  // its writer finished
        guard second == first else {
            logger.notice("the branch lock changed while it was watched: a live writer holds it; left alone",
                          metadata: ["lock": "\(path)"])
            return nil
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw GitError(.locked, operation: "removing the stale lock \(path)",
                           message: String(cString: strerror(errno)))
        }
        logger.notice("removed a branch lock left by a writer that stopped mid-update (killed or crashed)",
                      metadata: ["lock": "\(path)", "modified": "\(first.modified)"])
        return path
    }

    /// What tells one lock file from another: a new writer's lock is a new file.
    private struct LockFile: Equatable {
        var inode: UInt64
        var modified: Date
        var size: UInt64

        init?(path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
                  let modified = attributes[.modificationDate] as? Date,
                  let size = (attributes[.size] as? NSNumber)?.uint64Value else { return nil }
            self.inode = inode
            self.modified = modified
            self.size = size
        }
    }
}
