/// One way of driving WireGuard interfaces (the userspace UAPI socket, or the kernel's generic netlink), so the
/// agent computes a `WireGuardChange` once and applies it to either.
public protocol WireGuardBackend: Sendable {
    /// The interface as it runs now; nil when there is no such interface.
    func status(of interface: String) throws -> WireGuardDeviceStatus?
    /// Creates an empty, down interface; throws if it exists.
    func create(_ interface: String) throws
    /// Applies `change` to an existing interface, touching nothing it does not name.
    func apply(_ change: WireGuardChange, to interface: String) throws
    /// Removes the interface; nothing happens when there is none.
    func delete(_ interface: String) throws
    /// The names of the interfaces this backend drives, sorted.
    func interfaces() throws -> [String]
}
