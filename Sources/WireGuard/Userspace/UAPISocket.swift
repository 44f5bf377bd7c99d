#if canImport(Glibc)
import Glibc
#endif

/// One connection to a UAPI socket, for one request and its reply. Every system call on it is bounded by the
/// connection's deadline, so a daemon that stops answering costs at most `timeout`.
final class UAPISocket {
    private let descriptor: Int32
    private let deadline: ContinuousClock.Instant
    private let interface: String
    private let operation: String

    private init(descriptor: Int32, deadline: ContinuousClock.Instant, interface: String, operation: String) {
        self.descriptor = descriptor
        self.deadline = deadline
        self.interface = interface
        self.operation = operation
    }

    deinit {
        close(descriptor)
    }

    /// Connects to the socket at `path`; nil when nobody listens there (no file, or a stale file whose daemon
    /// is gone).
    static func connect(_ path: String, interface: String, operation: String,
                        timeout: Duration) throws -> UAPISocket? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw WireGuardError(.invalidName, interface: interface, operation: operation,
                                 message: "socket path \(path) is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw WireGuardError.system(errno, interface: interface, operation: operation, "socket")
        }
        let connection = UAPISocket(descriptor: descriptor, deadline: .now + timeout, interface: interface,
                                    operation: operation)
        try connection.limitEachCall(to: timeout)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            if code == ENOENT || code == ECONNREFUSED { return nil }
            throw WireGuardError.system(code, interface: interface, operation: operation, "connecting to \(path)")
        }
        return connection
    }

    /// Sends `request` and reads the reply up to its terminating blank line (`errno=N` then an empty line).
    func exchange(_ request: [UInt8]) throws -> [UInt8] {
        do {
            try send(request)
        } catch let error as WireGuardError where error.errno == EPIPE || error.errno == ECONNRESET {
            // wireguard-go stops reading a `set` at its first bad line, answers `errno=N` and closes: that answer
            // (a port in use, say) says more than the broken pipe the rest of the request then meets.
            guard let reply = try? receiveReply() else { throw error }
            return reply
        }
        return try receiveReply()
    }

    /// Waits until the daemon closes the connection (it exits), up to the deadline.
    func awaitClose() throws {
        var byte: UInt8 = 0
        while true {
            let count = recv(descriptor, &byte, 1, 0)
            if count == 0 { return }
            if count < 0, errno != EINTR, errno != EAGAIN {
                if errno == ECONNRESET { return }
                throw WireGuardError.system(errno, interface: interface, operation: operation, "waiting for exit")
            }
            try checkDeadline("did not exit")
        }
    }

    private func send(_ request: [UInt8]) throws {
        var offset = 0
        try request.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let remaining = bytes.count - offset
                let sent = Glibc.send(descriptor, bytes.baseAddress! + offset, remaining, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    guard errno == EINTR || errno == EAGAIN else {
                        throw WireGuardError.system(errno, interface: interface, operation: operation, "sending")
                    }
                } else {
                    offset += sent
                }
                try checkDeadline("did not read the request")
            }
        }
    }

    private func receiveReply() throws -> [UInt8] {
        var reply: [UInt8] = []
        reply.reserveCapacity(1 << 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        while !(reply.count >= 2 && reply[reply.count - 1] == 10 && reply[reply.count - 2] == 10) {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            if count == 0 {
                throw WireGuardError(.malformedReply, interface: interface, operation: operation,
                                     message: "the connection closed before the end of the reply")
            }
            if count < 0 {
                guard errno == EINTR || errno == EAGAIN else {
                    throw WireGuardError.system(errno, interface: interface, operation: operation, "receiving")
                }
            } else {
                reply.append(contentsOf: chunk[0..<count])
            }
            try checkDeadline("did not answer")
        }
        return reply
    }

    private func checkDeadline(_ what: String) throws {
        guard ContinuousClock.now >= deadline else { return }
        throw WireGuardError(.timeout, interface: interface, operation: operation, message: "WireGuard \(what) in time")
    }

    /// Bounds every blocking send and receive; the deadline bounds the whole exchange.
    private func limitEachCall(to timeout: Duration) throws {
        let (seconds, attoseconds) = timeout.components
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        if limit.tv_sec == 0 && limit.tv_usec == 0 { limit.tv_usec = 1 }
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            guard setsockopt(descriptor, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
                throw WireGuardError.system(errno, interface: interface, operation: operation, "setsockopt")
            }
        }
    }
}
