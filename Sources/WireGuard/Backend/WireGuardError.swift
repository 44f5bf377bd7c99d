#if canImport(Glibc)
import Glibc
#endif

/// A failed WireGuard operation: which interface, what wgc was doing, and the errno that WireGuard (or the system)
/// answered with. `kind` is what callers branch on; the rest is for people. Never carries a key.
public struct WireGuardError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, in the terms callers act on.
    public enum Kind: String, Sendable {
        /// The interface does not exist.
        case noSuchInterface = "no-such-interface"
        /// `create` found the interface running already.
        case interfaceExists = "interface-exists"
        /// An interface name that is empty, longer than 15 bytes, or not a plain file name.
        case invalidName = "invalid-name"
        /// A change that cannot be sent as given (a port out of range, an endpoint with a line break, …).
        case invalidChange = "invalid-change"
        /// WireGuard answered the request with a non-zero errno.
        case refused = "refused"
        /// WireGuard's answer could not be understood.
        case malformedReply = "malformed-reply"
        /// WireGuard did not answer in time.
        case timeout = "timeout"
        /// The WireGuard program could not be started, or exited with an error.
        case launchFailed = "launch-failed"
        /// A system call failed.
        case system = "system-error"
    }

    public var kind: Kind
    /// The interface, e.g. "wg0".
    public var interface: String
    /// What wgc was doing, e.g. "applying a change".
    public var operation: String
    public var message: String
    /// The (positive) errno WireGuard or the system reported; 0 when there was none.
    public var errno: Int32

    public init(_ kind: Kind, interface: String, operation: String, message: String, errno: Int32 = 0) {
        self.kind = kind
        self.interface = interface
        self.operation = operation
        self.message = message
        self.errno = errno
    }

    /// An error for a failed system call, with `errno`'s text as the message.
    static func system(_ code: Int32, interface: String, operation: String, _ what: String) -> WireGuardError {
        WireGuardError(.system, interface: interface, operation: operation,
                       message: "\(what): \(String(cString: strerror(code)))", errno: code)
    }

    public var description: String {
        "\(interface): \(operation): \(message)"
    }
}
