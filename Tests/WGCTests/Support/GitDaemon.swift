import Foundation

/// `git daemon` serving every repository below a folder on 127.0.0.1, on a port the kernel picked free;
/// stopped (and waited for) by `stop()`.
final class GitDaemon {
    let port: Int
    private let pid: pid_t
    private let log: TemporaryFolder

    init(basePath: String) throws {
        log = try TemporaryFolder()
        port = try Loopback.freePort()
        // The daemon itself, not `git daemon`: that wrapper runs it as a child, which killing the wrapper would leave.
        pid = try Programs.spawn([try Self.executable(), "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)",
                                  "--export-all", "--base-path=" + basePath, basePath],
                                 stdout: log.path + "/out", stderr: log.path + "/err",
                                 environment: GitWorkspace.environment)
        do {
            try Loopback.waitUntilListening(port: port, pid: pid, log: log.path + "/err")
        } catch {
            stop()
            throw error
        }
    }

    static func executable() throws -> String {
        let execPath = try Programs.run(["git", "--exec-path"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return execPath + "/git-daemon"
    }

    /// The daemon keeps no state worth a graceful exit; each served fetch runs in a child that ends by itself.
    func stop() {
        kill(pid, SIGKILL)
        _ = Programs.wait(pid, timeout: 10)
    }
}
