/// Picks the WireGuard backend by what the system has: the kernel's when it answers for WireGuard, wireguard-go
/// otherwise. The agent calls `automatic` once at start and logs the choice.
public enum WireGuardBackends {
    /// `KernelWireGuard` when the kernel resolves the `wireguard` generic netlink family (loading the module if it
    /// is installed but not loaded), else `UserspaceWireGuard` with `socketDirectory` and `wireguardGo`. Both
    /// act in `namespace` when one is given (the userspace backend through `wireguardGo`, which the caller
    /// prefixes with `ip netns exec` as it already does).
    public static func automatic(socketDirectory: String = "/var/run/wireguard",
                                 wireguardGo: [String] = ["wireguard-go"],
                                 namespace: String? = nil) -> WireGuardBackendChoice {
        let kernel = KernelWireGuard(namespace: namespace)
        return choose(kernel: kernel,
                      userspace: UserspaceWireGuard(socketDirectory: socketDirectory, wireguardGo: wireguardGo),
                      kernelSupport: kernel.checkKernelSupport)
    }

    /// The choice, given how to ask the kernel; apart from `automatic` so both outcomes can be tested anywhere.
    static func choose(kernel: KernelWireGuard, userspace: UserspaceWireGuard,
                       kernelSupport: () throws -> Void) -> WireGuardBackendChoice {
        do {
            try kernelSupport()
            return WireGuardBackendChoice(kind: .kernel, backend: kernel,
                                          reason: "the kernel answers for WireGuard's generic netlink family")
        } catch let error as WireGuardError {
            return WireGuardBackendChoice(kind: .userspace, backend: userspace, reason: error.message)
        } catch {
            return WireGuardBackendChoice(kind: .userspace, backend: userspace, reason: "\(error)")
        }
    }
}
