#if canImport(Glibc)
import Glibc
#endif
import Netlink

extension WireGuardError {
    /// The kernel refused a WireGuard request: its errno, in the kind callers branch on, and its extended-ack
    /// words when it gave some. `EOPNOTSUPP` on a device request means the link is not a WireGuard one.
    static func kernel(_ error: NetlinkError, interface: String, operation: String) -> WireGuardError {
        let kind: Kind = switch error.code {
        case ENODEV: .noSuchInterface
        case ETIMEDOUT: .timeout
        case EPROTO: .malformedReply
        default: .refused
        }
        var message = "the kernel answered \(error.codeName) (\(String(cString: strerror(error.code))))"
        if let detail = error.message { message += ": \(detail)" }
        if error.code == EOPNOTSUPP { message += "; \(interface) is not a WireGuard interface" }
        return WireGuardError(kind, interface: interface, operation: operation, message: message, errno: error.code)
    }

    /// The kernel cannot run WireGuard here: its generic netlink family does not resolve, even after the kernel
    /// tried to load the module. Said plainly, since the fix is the operator's: load the module or use wireguard-go.
    static func kernelLacksWireGuard(_ error: NetlinkError, interface: String, operation: String) -> WireGuardError {
        WireGuardError(.system, interface: interface, operation: operation,
                       message: "the kernel has no WireGuard: its generic netlink family \"wireguard\" is unknown "
                           + "(the wireguard module is not loaded and could not be loaded); load it, or use "
                           + "wireguard-go, the userspace backend",
                       errno: error.code)
    }

    /// A netlink socket could not be opened (no permission to enter the namespace, out of descriptors, …).
    static func socket(_ error: NetlinkError, interface: String, operation: String) -> WireGuardError {
        var message = "\(error.operation): \(String(cString: strerror(error.code)))"
        if let detail = error.message { message += ": \(detail)" }
        return WireGuardError(.system, interface: interface, operation: operation, message: message,
                              errno: error.code)
    }
}
