import Glibc

/// A failed netlink operation: what wgc was doing, the errno the kernel (or the socket) returned, and the kernel's
/// own explanation when it sent one through an extended acknowledgement.
public struct NetlinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What wgc was doing, e.g. "adding 2001:db8::1/64 to wg0".
    public var operation: String
    /// The positive errno value (`EEXIST`, `ENODEV`, …); `EPROTO` for a reply wgc could not make sense of.
    public var code: Int32
    /// The kernel's extended-ack message (`NLMSGERR_ATTR_MSG`), or wgc's own detail for a malformed reply.
    public var message: String?

    public init(operation: String, code: Int32, message: String? = nil) {
        self.operation = operation
        self.code = code
        self.message = message.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The errno's symbolic name (`EEXIST`), or its number when it is not one netlink commonly returns.
    public var codeName: String { Self.names[code] ?? "errno \(code)" }

    /// `adding 2001:db8::1/64 to wg0: File exists (EEXIST)`, then the kernel's message if it sent one.
    public var description: String {
        let text = "\(operation): \(String(cString: strerror(code))) (\(codeName))"
        guard let message else { return text }
        return "\(text): \(message)"
    }

    /// A reply that breaks the netlink format; never the kernel's fault in practice, so it names what was wrong.
    static func malformed(_ operation: String, _ detail: String) -> NetlinkError {
        NetlinkError(operation: operation, code: EPROTO, message: detail)
    }

    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR", EIO: "EIO", ENXIO: "ENXIO",
        E2BIG: "E2BIG", EBADF: "EBADF", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES", EFAULT: "EFAULT",
        EBUSY: "EBUSY", EEXIST: "EEXIST", ENODEV: "ENODEV", EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE",
        ENOSPC: "ENOSPC", ERANGE: "ERANGE", ENOSYS: "ENOSYS", ENODATA: "ENODATA", EPROTO: "EPROTO",
        EMSGSIZE: "EMSGSIZE", EPROTONOSUPPORT: "EPROTONOSUPPORT", EOPNOTSUPP: "EOPNOTSUPP",
        EAFNOSUPPORT: "EAFNOSUPPORT", EADDRINUSE: "EADDRINUSE", EADDRNOTAVAIL: "EADDRNOTAVAIL",
        ENETDOWN: "ENETDOWN", ENETUNREACH: "ENETUNREACH", ENOBUFS: "ENOBUFS", ENOTCONN: "ENOTCONN",
        ETIMEDOUT: "ETIMEDOUT", EHOSTUNREACH: "EHOSTUNREACH",
    ]
}
