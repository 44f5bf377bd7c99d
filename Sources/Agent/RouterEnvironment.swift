import WireGuard
import Compiler

/// Where the daemons an agent drives live on this router. The defaults are Debian's; every path can be changed
/// so that several agents run side by side, each in its own network namespace.
public struct RouterEnvironment: Sendable {
    /// Holds `<interface>.key`, the WireGuard private keys (never written anywhere else).
    public var keyDirectory = "/etc/wireguard"
    /// Holds `bgp/<secret>.conf`, BIRD's password lines (bird.conf includes them).
    public var secretDirectory = "/etc/wgc/secrets"
    public var birdSocket = "/run/bird/bird.ctl"
    public var birdConfig = "/etc/bird/bird.conf"
    public var radvdConfig = "/etc/radvd.conf"
    public var radvdPIDFile = "/run/radvd.pid"
    public var radvdProgram = "radvd"
    /// Started for an interface when the kernel has no WireGuard.
    public var wireguardGo = "wireguard-go"
    /// Where userspace WireGuard puts its control sockets.
    public var wireguardSocketDirectory = "/var/run/wireguard"
    /// How long BIRD keeps a new configuration without `configure confirm` before it undoes it by itself.
    public var birdConfirmTimeout = 30
    /// How long verification waits for sessions that were Established to be Established again.
    public var sessionSettleTimeout = 20

    public init() {}
}

extension RouterEnvironment {
    /// How configs are compiled for `node` on this router: its key and secret folders, and only the files of its
    /// own that the agent writes (bird.conf, radvd.conf).
    public func compileOptions(node: String) -> CompileOptions {
        var options = CompileOptions(keyDirectory: keyDirectory, secretDirectory: secretDirectory)
        options.routerFilesOnly = true
        options.nodes = [node]
        return options
    }
}

extension RouterEnvironment {
    /// The WireGuard back end of this router: the kernel's when it has WireGuard, else wireguard-go. Each use
    /// probes the kernel; the agent keeps its choice (`AgentRunner.wireGuard`).
    public var wireGuard: WireGuardBackendChoice {
        WireGuardBackends.automatic(socketDirectory: wireguardSocketDirectory, wireguardGo: [wireguardGo])
    }
}
