import Foundation

/// Ports on 127.0.0.1 for servers a test starts, and the event of a server listening on one.
enum Loopback {
    /// A port nothing listens on now: bind to port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw GitCommandError(command: "bind", output: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Returns once a connection to 127.0.0.1:`port` is accepted (servers such as git daemon and sshd print
    /// nothing when ready, so the accepted connection is the event); throws with `log` if `pid` exits or 60 s pass
    /// first (a debug build starting while every other suite runs can take many seconds). The probe connects from
    /// the calling thread, in the namespace the server was started from.
    static func waitUntilListening(port: Int, pid: pid_t, log: String) throws {
        let started = Date()
        let deadline = started.addingTimeInterval(60)
        while Date() < deadline {
            if accepts(port: port) { return }
            if hasExited(pid) { break }
            usleep(20_000)
        }
        throw GitCommandError(command: "waiting \(Int(-started.timeIntervalSinceNow)) s for a listener on port \(port)",
                              output: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// Whether `pid` has exited (a zombie included), without reaping it: its waiter still gets its status.
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return kill(pid, 0) != 0 }
        return info._sifields._sigchld.si_pid == pid
    }

    /// Whether something listening on 127.0.0.1:`port` takes a connection now.
    private static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        // A listener whose queue is full drops the SYN; without this the connect would wait for the kernel's retries.
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A TCP connection to 127.0.0.1:`port` whose receive buffer is `receiveBuffer` bytes (the kernel doubles it), or
    /// nil; the caller closes it.
    static func connect(port: Int, receiveBuffer: Int32) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return nil }
        var size = receiveBuffer
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(socket)
            return nil
        }
        return socket
    }

    /// 127.0.0.1:`port` as a socket address.
    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
