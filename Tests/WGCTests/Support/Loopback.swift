import Foundation

/// Ports on 127.0.0.1 for servers a test starts, and the event of a server listening on one.
enum Loopback {
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

    /// Returns once a socket listens on 127.0.0.1:`port` (its entry in /proc/net/tcp is the event: servers such as
    /// git daemon and sshd print nothing when ready); throws with `log` if `pid` exits or 20 s pass first.
    static func waitUntilListening(port: Int, pid: pid_t, log: String) throws {
        let entry = "0100007F" + String(format: ":%04X", port)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
            if table.split(separator: "\n").contains(where: { $0.contains(entry) && $0.contains(" 0A ") }) { return }
            if kill(pid, 0) != 0 { break }
            usleep(20_000)
        }
        throw GitCommandError(command: "waiting for a listener on port \(port)",
                              output: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}
