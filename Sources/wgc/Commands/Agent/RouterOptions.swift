import Agent
import ArgumentParser

/// Where the daemons live on this router: shared by `wgc agent` and `wgc apply`. Debian's paths by default.
struct RouterOptions: ParsableArguments {
    @Option(help: "Folder of the WireGuard private keys, <interface>.key.")
    var keyDir = "/etc/wireguard"

    @Option(help: "Folder of the BGP password files (bgp/<secret>.conf) bird.conf includes.")
    var secretDir = "/etc/wgc/secrets"

    @Option(help: "BIRD's control socket.")
    var birdSocket = "/run/bird/bird.ctl"

    @Option(help: "The bird.conf BIRD reads; wgc replaces it (keeping the previous one beside it).")
    var birdConfig = "/etc/bird/bird.conf"

    @Option(help: "Seconds BIRD keeps a new configuration before undoing it unless wgc confirms it.")
    var birdConfirmTimeout = 30

    @Option(help: "Seconds verification waits for sessions that were Established to be Established again.")
    var birdSettleTimeout = 20

    @Option(help: "radvd's configuration file.")
    var radvdConfig = "/etc/radvd.conf"

    @Option(help: "radvd's pid file.")
    var radvdPidfile = "/run/radvd.pid"

    @Option(help: "The userspace WireGuard program, started for an interface when the kernel has no WireGuard.")
    var wireguardGo = "wireguard-go"

    var environment: RouterEnvironment {
        var environment = RouterEnvironment()
        environment.keyDirectory = keyDir
        environment.secretDirectory = secretDir
        environment.birdSocket = birdSocket
        environment.birdConfig = birdConfig
        environment.birdConfirmTimeout = birdConfirmTimeout
        environment.sessionSettleTimeout = birdSettleTimeout
        environment.radvdConfig = radvdConfig
        environment.radvdPIDFile = radvdPidfile
        environment.wireguardGo = wireguardGo
        return environment
    }
}

/// How the agent logs: lines for people, or one JSON object per line for a log collector.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
