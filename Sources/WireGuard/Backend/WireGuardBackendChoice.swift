/// The WireGuard backend `WireGuardBackends.automatic` picked, and why, in words the agent logs at start, e.g.
/// `WireGuard backend: userspace (wireguard-go): the kernel has no WireGuard: …`.
public struct WireGuardBackendChoice: Sendable, CustomStringConvertible {
    /// Which kind of backend drives the interfaces.
    public enum Kind: String, Sendable {
        /// `KernelWireGuard`: the kernel module over netlink.
        case kernel
        /// `UserspaceWireGuard`: wireguard-go over its UAPI socket.
        case userspace
    }

    public var kind: Kind
    public var backend: any WireGuardBackend
    /// Why this backend: what the kernel answered when asked for WireGuard.
    public var reason: String

    public init(kind: Kind, backend: any WireGuardBackend, reason: String) {
        self.kind = kind
        self.backend = backend
        self.reason = reason
    }

    /// `kernel` or `userspace (wireguard-go)`.
    public var name: String {
        kind == .kernel ? "kernel" : "userspace (wireguard-go)"
    }

    public var description: String { "\(name): \(reason)" }
}
