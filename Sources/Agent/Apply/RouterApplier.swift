import Compiler
import Foundation
import Logging
import Netlink
import WireGuard

/// Brings a router to a `RouterConfiguration`: checks everything that can be checked before touching anything
/// (keys, BIRD's and radvd's verdict on the new files), then applies WireGuard, addresses and routes, BIRD
/// (commit-confirmed) and radvd, and verifies the result. When a part fails, the router is returned to the
/// previous configuration, so no revision is ever left half-applied.
struct RouterApplier {
    let environment: RouterEnvironment
    let logger: Logger
    /// Picked once: probing the kernel for WireGuard on every cycle would be wasted work.
    let wireGuard: WireGuardBackendChoice

    init(environment: RouterEnvironment, logger: Logger) {
        self.environment = environment
        self.logger = logger
        self.wireGuard = environment.wireGuard
    }

    private func parts() throws -> (WireGuardStep, NetworkStep, BIRDStep, Radvd) {
        let wireguard = WireGuardStep(backend: wireGuard.backend, keyDirectory: environment.keyDirectory)
        let network = NetworkStep(netlink: try RouteNetlink())
        let bird = BIRDStep(environment: environment, logger: logger)
        let radvd = Radvd(configPath: environment.radvdConfig, pidFile: environment.radvdPIDFile,
                          program: environment.radvdProgram)
        return (wireguard, network, bird, radvd)
    }

    /// What differs between the router and `target`, in words; empty when the router runs it.
    func differences(to target: RouterConfiguration, previous: RouterConfiguration?,
                     state: AgentState) throws -> [String] {
        let (wireguard, network, bird, radvd) = try parts()
        try bird.requireRunning()
        var lines = try wireguard.differences(target, devices: wireguard.devices(for: target), previous: previous)
        lines += try network.differences(target, state: state)
        if !bird.isCurrent(target) { lines.append("bird.conf: differs from the revision's (\(environment.birdConfig))") }
        if !radvd.isCurrent(target.radvdConfig) {
            lines.append(target.radvdConfig == nil ? "radvd: to stop (no LAN interface left)"
                                                   : "radvd: configuration or daemon differs")
        }
        return lines
    }

    /// Applies `target`; on failure returns to `previous` (when known) and throws `ApplyFailure`.
    func apply(_ target: RouterConfiguration, previous: RouterConfiguration?,
               state: inout AgentState) throws -> [String] {
        let (wireguard, network, bird, radvd) = try parts()
        // Everything that can refuse the revision does so here, before anything changes.
        let devices: [String: WireGuardDevice]
        try bird.requireRunning()
        do {
            devices = try wireguard.devices(for: target)
            if !bird.isCurrent(target) { try bird.check(target) }
            if let config = target.radvdConfig, !radvd.isCurrent(config) { try radvd.check(config) }
        } catch let error as AgentError where error.kind == .refused {
            throw ApplyFailure(error.message, rolledBack: false)
        }
        var changes: [String] = []
        do {
            changes += try wireguard.apply(target, devices: devices, previous: previous)
            changes += try network.apply(target, state: &state)
            changes += try bird.apply(target, previous: previous)
            if !radvd.isCurrent(target.radvdConfig) {
                try radvd.apply(target.radvdConfig)
                changes.append(target.radvdConfig == nil ? "radvd: stopped" : "radvd: configuration applied")
            }
            let left = try wireguard.differences(target, devices: devices, previous: previous)
                + network.differences(target, state: state)
            guard left.isEmpty else {
                throw AgentError(.applyFailed, "verification found the router still differs: "
                                 + left.joined(separator: "; "))
            }
        } catch {
            let reason = (error as? ApplyFailure)?.reason ?? "\(error)"
            logger.error("apply failed, returning to the last good revision", metadata: ["reason": "\(reason)"])
            if let previous {
                do {
                    _ = try apply(previous, previous: target, state: &state)
                } catch {
                    throw ApplyFailure("\(reason); returning to the last good revision failed too: \(error)",
                                       rolledBack: true)
                }
            }
            guard previous != nil else {
                throw ApplyFailure(reason + " (this was the first revision: there is no earlier one to return to)",
                                   rolledBack: false)
            }
            throw ApplyFailure(reason, rolledBack: true)
        }
        for change in changes { logger.info("applied", metadata: ["change": "\(change)"]) }
        return changes
    }
}
