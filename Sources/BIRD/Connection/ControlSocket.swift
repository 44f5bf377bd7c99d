#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected Unix stream socket whose every wait is bounded by `timeout` (poll before each read and write),
/// so a BIRD that stops answering cannot hang the caller. Owns the descriptor and closes it on deinit.
final class ControlSocket {
    let path: String
    let timeout: Duration
    private let fd: Int32

    init(path: String, timeout: Duration) throws(BIRDError) {
        self.path = path
        self.timeout = timeout
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw BIRDError(.connectionFailed, message: "the socket path \(path) is longer than \(capacity - 1) bytes",
                            socketPath: path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
        }
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        fd = socket(AF_UNIX, type, 0)
        guard fd >= 0 else { throw Self.failure(errno, doing: "creating a socket", path: path) }
        // A Unix socket whose backlog is full answers EAGAIN and starts nothing (no later POLLOUT means connected):
        // try again until `timeout`. Anything else is final. No close on failure: once `fd` is set the object is
        // whole, and a throwing init still runs deinit, which closes it; a second close could close a descriptor
        // another thread has just been given.
        let deadline = ContinuousClock.now + timeout
        while true {
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            let error = connected == 0 ? 0 : errno
            if connected == 0 || error == EISCONN { return }  // EISCONN: an interrupted try that went through
            guard error == EAGAIN || error == EINTR else { throw Self.failure(error, doing: "connecting", path: path) }
            guard ContinuousClock.now < deadline else {
                throw BIRDError(.timeout, message: "BIRD did not accept a connection within \(timeout) (its queue "
                                + "of connections is full)", socketPath: path)
            }
            if error == EAGAIN { usleep(10_000) }
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Writes all of `bytes`, waiting at most `timeout` each time the socket is not writable.
    func write(_ bytes: [UInt8], command: String) throws(BIRDError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written >= 0 {
                offset += written
                continue
            }
            let error = errno
            guard error == EAGAIN || error == EWOULDBLOCK || error == EINTR else {
                throw Self.failure(error, doing: "sending", path: path, command: command)
            }
            try wait(for: Int16(POLLOUT), doing: "sending", command: command)
        }
    }

    /// Reads what is available, waiting at most `timeout` for something to arrive; empty at end of stream.
    func read(command: String?) throws(BIRDError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(buffer[..<count]) }
            let error = errno
            guard error == EAGAIN || error == EWOULDBLOCK || error == EINTR else {
                throw Self.failure(error, doing: "reading", path: path, command: command)
            }
            try wait(for: Int16(POLLIN), doing: "waiting for a reply", command: command)
        }
    }

    private func wait(for events: Int16, doing operation: String, command: String? = nil) throws(BIRDError) {
        let deadline = ContinuousClock.now + timeout
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        var remaining = timeout
        while true {
            let ready = poll(&descriptor, 1, remaining.pollMilliseconds)
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw Self.failure(errno, doing: operation, path: path, command: command) }
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                throw BIRDError(.timeout, message: "BIRD did not answer within \(timeout) (\(operation))",
                                socketPath: path, command: command)
            }
            remaining = left
        }
    }

    private static func failure(_ error: Int32, doing operation: String, path: String,
                                command: String? = nil) -> BIRDError {
        if error == ENOENT || error == ECONNREFUSED { return .notRunning(path) }
        let reason = String(cString: strerror(error))
        return BIRDError(.connectionFailed, message: "\(operation) on \(path): \(reason)", socketPath: path,
                         command: command)
    }
}

private extension Duration {
    /// Whole milliseconds, rounded up so a short positive wait does not become a busy poll.
    var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
