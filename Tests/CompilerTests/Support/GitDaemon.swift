import Foundation

/// `git daemon` serving the repositories below a folder on 127.0.0.1, on a port the kernel picked free;
/// stopped (and waited for) by `stop()`.
final class GitDaemon {
    let port: Int
    private let pid: pid_t
    private let log: TemporaryFolder

    init(basePath: String) throws {
        log = try TemporaryFolder()
        port = try Self.freePort()
        pid = try Programs.spawn(["git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)",
                                  "--export-all", "--base-path=" + basePath, basePath],
                                 stdout: log.path + "/out", stderr: log.path + "/err",
                                 environment: GitWorkspace.environment)
        try waitUntilListening()
    }

    /// The daemon keeps no state worth a graceful exit; each served fetch runs in a child that ends by itself.
    func stop() {
        kill(pid, SIGKILL)
        _ = Programs.wait(pid, timeout: 10)
    }

    /// The daemon says nothing when it is ready; its listening socket appearing in /proc/net/tcp is the event.
    private func waitUntilListening() throws {
        let hexPort = String(format: ":%04X", port)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
            if table.split(separator: "\n").contains(where: { $0.contains("0100007F" + hexPort) && $0.contains(" 0A ") }) {
                return
            }
            if kill(pid, 0) != 0 { break }
            usleep(20_000)
        }
        throw GitCommandError(command: "git daemon", output: (try? String(contentsOfFile: log.path + "/err", encoding: .utf8)) ?? "")
    }

    /// A port nothing listens on now: bind to port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw GitCommandError(command: "bind", output: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
