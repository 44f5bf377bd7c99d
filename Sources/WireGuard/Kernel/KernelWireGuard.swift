#if canImport(Glibc)
import Glibc
#endif
import Netlink

/// WireGuard interfaces run by the Linux kernel: links of kind `wireguard` made and removed over rtnetlink, and
/// configured and read over WireGuard's generic netlink family, as ip(8) and wg(8) do. Each operation opens its
/// own sockets, in `namespace` when one is given, so the backend holds no state and survives a module reload.
public struct KernelWireGuard: WireGuardBackend {
    /// The rtnetlink link kind, as in `ip link add wg0 type wireguard`.
    public static let linkKind = "wireguard"

    /// The network namespace (an `ip netns` name) whose interfaces this drives; nil for wgc's own.
    public var namespace: String?
    /// The longest wait for any one answer from the kernel.
    public var timeout: Duration
    /// The most attribute bytes one set-device message carries; a larger change is split across messages.
    var messageLimit = KernelSetRequest.defaultMessageLimit

    public init(namespace: String? = nil, timeout: Duration = .seconds(5)) {
        self.namespace = namespace
        self.timeout = timeout
    }

    /// Throws, with the reason in words, unless the kernel answers for WireGuard's generic netlink family (asking
    /// loads the module when it is installed). `WireGuardBackends.automatic` uses this to choose.
    public func checkKernelSupport() throws {
        _ = try wireguardFamily("-", "checking for kernel WireGuard")
    }

    /// Throws `.system` saying the kernel has no WireGuard when the module is missing, rather than answering nil,
    /// which would claim there is no interface and send the agent to create one it cannot.
    public func status(of interface: String) throws -> WireGuardDeviceStatus? {
        let operation = "reading its status"
        try checkName(interface, operation)
        let (netlink, family) = try wireguardFamily(interface, operation)
        let replies: [GenericNetlinkMessage]
        do {
            replies = try netlink.dump(family: family, command: WireGuardNetlinkCodec.getDevice,
                                       version: WireGuardNetlinkCodec.version,
                                       attributes: WireGuardNetlinkCodec.getDeviceAttributes(interfaceName: interface),
                                       operation: "reading WireGuard device \(interface)")
        } catch where error.code == ENODEV || error.code == ENOENT {
            return nil
        } catch {
            throw WireGuardError.kernel(error, interface: interface, operation: operation)
        }
        let device: WireGuardNetlinkDevice
        do {
            device = try WireGuardNetlinkCodec.device(from: replies)
        } catch {
            throw WireGuardError.kernel(error, interface: interface, operation: operation)
        }
        return try WireGuardDeviceStatus(netlink: device, interface: interface, operation: operation)
    }

    /// Sends the change in as many messages as its size needs; a failure part-way leaves the earlier messages
    /// applied, as with wg(8), and the next status read shows where it stopped.
    public func apply(_ change: WireGuardChange, to interface: String) throws {
        let operation = "applying a change"
        try checkName(interface, operation)
        let request = KernelSetRequest(interface: interface, operation: operation, messageLimit: messageLimit)
        let messages = try request.messages(for: change)
        let (netlink, family) = try wireguardFamily(interface, operation)
        guard !messages.isEmpty else {
            guard try link(interface, operation)?.kind == Self.linkKind else {
                throw WireGuardError(.noSuchInterface, interface: interface, operation: operation,
                                     message: "there is no WireGuard link \(interface)", errno: ENODEV)
            }
            return
        }
        for (index, message) in messages.enumerated() {
            do {
                _ = try netlink.request(family: family, command: WireGuardNetlinkCodec.setDevice,
                                        version: WireGuardNetlinkCodec.version,
                                        attributes: WireGuardNetlinkCodec.setDeviceAttributes(message),
                                        operation: "setting WireGuard device \(interface)")
            } catch {
                var failure = WireGuardError.kernel(error, interface: interface, operation: operation)
                if messages.count > 1 { failure.message += " (message \(index + 1) of \(messages.count))" }
                throw failure
            }
        }
    }

    /// Creates the link, down and unconfigured; throws `interfaceExists` when any link has the name.
    public func create(_ interface: String) throws {
        let operation = "creating it"
        try checkName(interface, operation)
        _ = try wireguardFamily(interface, operation)
        if let existing = try link(interface, operation) {
            throw WireGuardError(.interfaceExists, interface: interface, operation: operation,
                                 message: "a \(existing.kind ?? "plain") link called \(interface) exists",
                                 errno: EEXIST)
        }
        let netlink = try routeNetlink(interface, operation)
        do {
            try netlink.createLink(name: interface, kind: Self.linkKind)
        } catch {
            throw WireGuardError.kernel(error, interface: interface, operation: operation)
        }
    }

    /// Deletes the link if it is a WireGuard one; a link of another kind is not this backend's and is left alone.
    public func delete(_ interface: String) throws {
        let operation = "deleting it"
        try checkName(interface, operation)
        guard try link(interface, operation)?.kind == Self.linkKind else { return }
        let netlink = try routeNetlink(interface, operation)
        do {
            try netlink.deleteLink(name: interface)
        } catch {
            throw WireGuardError.kernel(error, interface: interface, operation: operation)
        }
    }

    /// The links of kind `wireguard`; empty, not an error, where the kernel has no WireGuard.
    public func interfaces() throws -> [String] {
        let operation = "listing interfaces"
        let netlink = try routeNetlink("-", operation)
        do {
            return try netlink.links().filter { $0.kind == Self.linkKind }.map(\.name).sorted()
        } catch {
            throw WireGuardError.kernel(error, interface: "-", operation: operation)
        }
    }

    private func link(_ interface: String, _ operation: String) throws -> Link? {
        let netlink = try routeNetlink(interface, operation)
        do {
            return try netlink.link(named: interface)
        } catch {
            throw WireGuardError.kernel(error, interface: interface, operation: operation)
        }
    }

    private func routeNetlink(_ interface: String, _ operation: String) throws -> RouteNetlink {
        do {
            return try RouteNetlink(namespace: namespace, receiveTimeout: timeout)
        } catch {
            throw WireGuardError.socket(error, interface: interface, operation: operation)
        }
    }

    private func wireguardFamily(_ interface: String, _ operation: String) throws -> (GenericNetlink, UInt16) {
        let netlink: GenericNetlink
        do {
            netlink = try GenericNetlink(namespace: namespace, receiveTimeout: timeout)
        } catch {
            throw WireGuardError.socket(error, interface: interface, operation: operation)
        }
        do {
            return (netlink, try netlink.family(named: WireGuardNetlinkCodec.familyName))
        } catch where error.code == ENOENT {
            throw WireGuardError.kernelLacksWireGuard(error, interface: interface, operation: operation)
        } catch {
            throw WireGuardError.kernel(error, interface: interface, operation: operation)
        }
    }

    private func checkName(_ interface: String, _ operation: String) throws {
        guard UserspaceWireGuard.isValidName(interface) else {
            throw WireGuardError(.invalidName, interface: interface, operation: operation,
                                 message: "an interface name is 1 to 15 bytes, without '/', spaces or ':'")
        }
    }
}
