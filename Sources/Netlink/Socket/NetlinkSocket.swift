import CLibMnl
import Glibc
import Synchronization

/// A netlink socket (rtnetlink or generic netlink) owned through libmnl: it numbers requests, waits for their
/// acknowledgement or the end of a dump, and turns the kernel's errors, with extended-ack messages, into
/// `NetlinkError`s. Exchanges are serialised, so one socket may be shared.
public final class NetlinkSocket: Sendable {
    /// Which netlink family the socket speaks.
    public enum Bus: Sendable {
        case route
        case generic

        var number: Int32 { self == .route ? NETLINK_ROUTE : NETLINK_GENERIC }
    }

    private struct State: ~Copyable {
        var sequence: UInt32
        var buffer: [UInt8]
    }

    // Only touched under `state`'s lock; libmnl's socket is a plain fd and port id.
    private nonisolated(unsafe) let socket: OpaquePointer
    private let state: Mutex<State>
    let portID: UInt32
    public let receiveTimeout: Duration

    /// Opens and binds a socket, in the named network namespace if one is given (see `ip netns`).
    public init(_ bus: Bus, namespace: String? = nil, receiveTimeout: Duration = .seconds(5)) throws(NetlinkError) {
        let open = { () throws(NetlinkError) -> OpaquePointer in
            guard let socket = mnl_socket_open2(bus.number, Int32(SOCK_CLOEXEC.rawValue)) else {
                throw NetlinkError(operation: "opening a netlink socket", code: errno)
            }
            return socket
        }
        let socket = if let namespace { try NetworkNamespaceEntry.inside(namespace, open) } else { try open() }
        do {
            try Self.configure(socket, receiveTimeout: receiveTimeout)
        } catch {
            mnl_socket_close(socket)
            throw error
        }
        self.socket = socket
        self.portID = mnl_socket_get_portid(socket)
        self.receiveTimeout = receiveTimeout
        let seconds = UInt32(truncatingIfNeeded: time(nil))
        state = Mutex(State(sequence: seconds, buffer: [UInt8](repeating: 0, count: 65536)))
    }

    deinit {
        mnl_socket_close(socket)
    }

    /// Sends `message` with `NLM_F_REQUEST | NLM_F_ACK` and returns the replies that came before the kernel's
    /// acknowledgement (none for most changes; the object for a `GET`).
    public func request(_ message: NetlinkMessage, operation: String) throws(NetlinkError) -> [NetlinkMessage] {
        var message = message
        message.flags.formUnion([.request, .acknowledge])
        return try exchange(message, operation: operation).messages
    }

    /// Sends `message` with `NLM_F_REQUEST | NLM_F_DUMP` and returns every reply up to `NLMSG_DONE`. A dump the
    /// kernel marks inconsistent (the table changed while it was sent) is read again, a few times at most.
    public func dump(_ message: NetlinkMessage, operation: String) throws(NetlinkError) -> [NetlinkMessage] {
        var message = message
        message.flags.formUnion([.request, .dump])
        for _ in 0..<3 {
            let reply = try exchange(message, operation: operation)
            if !reply.interrupted { return reply.messages }
        }
        throw NetlinkError(operation: operation, code: EINTR, message: "the dump kept changing while it was read")
    }

    private func exchange(_ message: NetlinkMessage,
                          operation: String) throws(NetlinkError) -> (messages: [NetlinkMessage], interrupted: Bool) {
        try state.withLock { state throws(NetlinkError) in
            state.sequence &+= 1
            var message = message
            message.sequence = state.sequence
            let bytes = message.encoded()
            let sent = bytes.withUnsafeBytes { mnl_socket_sendto(socket, $0.baseAddress, $0.count) }
            guard sent == bytes.count else {
                throw NetlinkError(operation: operation, code: sent < 0 ? errno : EMSGSIZE)
            }
            var replies: [NetlinkMessage] = []
            var interrupted = false
            while true {
                for reply in try receive(&state.buffer, operation: operation) where reply.sequence == message.sequence {
                    switch reply.type {
                    case NetlinkMessage.error, NetlinkMessage.done:
                        let acknowledgement = try NetlinkAcknowledgement(reply)
                        guard acknowledgement.code == 0 else {
                            throw NetlinkError(operation: operation, code: acknowledgement.code,
                                               message: acknowledgement.message)
                        }
                        return (replies, interrupted)
                    case NetlinkMessage.noop:
                        continue
                    default:
                        interrupted = interrupted || reply.flags.contains(.dumpInterrupted)
                        replies.append(reply)
                    }
                }
            }
        }
    }

    /// One datagram, within the receive timeout.
    private func receive(_ buffer: inout [UInt8], operation: String) throws(NetlinkError) -> [NetlinkMessage] {
        while true {
            let count = buffer.withUnsafeMutableBytes { mnl_socket_recvfrom(socket, $0.baseAddress, $0.count) }
            if count >= 0 { return try NetlinkMessage.parse(Array(buffer[0..<count])) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                throw NetlinkError(operation: operation, code: ETIMEDOUT,
                                   message: "the kernel did not answer within \(receiveTimeout)")
            }
            throw NetlinkError(operation: operation, code: code)
        }
    }

    private static func configure(_ socket: OpaquePointer, receiveTimeout: Duration) throws(NetlinkError) {
        guard mnl_socket_bind(socket, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
            throw NetlinkError(operation: "binding a netlink socket", code: errno)
        }
        var one: Int32 = 1
        // Extended acks carry the kernel's reason in words; capped acks do not echo the request back.
        for option in [NETLINK_EXT_ACK, NETLINK_CAP_ACK] {
            guard mnl_socket_setsockopt(socket, option, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw NetlinkError(operation: "enabling netlink option \(option)", code: errno)
            }
        }
        let (seconds, attoseconds) = receiveTimeout.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        guard setsockopt(mnl_socket_get_fd(socket), SOL_SOCKET, SO_RCVTIMEO, &timeout,
                         socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw NetlinkError(operation: "setting the netlink receive timeout", code: errno)
        }
    }
}
