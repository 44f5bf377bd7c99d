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
    /// The interfaces as last read in full, which the next apply plans from.
    let observations = WireGuardObservations()

    init(environment: RouterEnvironment, logger: Logger) {
        self.environment = environment
        self.logger = logger
        self.wireGuard = environment.wireGuard
    }

    private func parts() throws -> (WireGuardStep, NetworkStep, BIRDStep, Radvd) {
        let wireguard = WireGuardStep(backend: wireGuard.backend, keyDirectory: environment.keyDirectory,
                                      observations: observations)
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
    /// Each step's duration goes to `times`.
    func apply(_ target: RouterConfiguration, previous: RouterConfiguration?,
               state: inout AgentState, times: inout StepTimes) throws -> [String] {
        let (wireguard, network, bird, radvd) = try parts()
        // Everything that can refuse the revision does so here, before anything changes.
        let devices: [String: WireGuardDevice]
        do {
            devices = try times.time("checks") {
                try bird.requireRunning()
                let devices = try wireguard.devices(for: target)
                if !bird.isCurrent(target) { try bird.check(target) }
                if let config = target.radvdConfig, !radvd.isCurrent(config) { try radvd.check(config) }
                return devices
            }
        } catch let error as AgentError where error.kind == .refused {
            throw ApplyFailure(error.message, rolledBack: false)
        }
        var changes: [String] = []
        do {
            var usedObservations = false
            changes += try times.time("wireguard") {
                try wireguard.apply(target, devices: devices, previous: previous, usedObservations: &usedObservations)
            }
            changes += try times.time("network") { try network.apply(target, state: &state) }
            changes += try times.time("bird") { try bird.apply(target, previous: previous) }
            try times.time("radvd") {
                if !radvd.isCurrent(target.radvdConfig) {
                    try radvd.apply(target.radvdConfig)
                    changes.append(target.radvdConfig == nil ? "radvd: stopped" : "radvd: configuration applied")
                }
            }
            func verify() throws -> (wireguard: [String], network: [String]) {
                try times.time("verify") {
                    (try wireguard.differences(target, devices: devices, previous: previous),
                     try network.differences(target, state: state))
                }
            }
            var left = try verify()
            if !left.wireguard.isEmpty && usedObservations {
                // WireGuard was changed from its last read; what differs there now was changed by hand since. The
                // verification just read every interface: apply once more from that, and verify again.
                logEach(.warning, "drift", key: "difference", left.wireguard)
                changes += try times.time("wireguard") {
                    try wireguard.apply(target, devices: devices, previous: previous,
                                        usedObservations: &usedObservations)
                }
                changes += try times.time("network") { try network.apply(target, state: &state) }
                left = try verify()
            }
            guard left.wireguard.isEmpty && left.network.isEmpty else {
                throw AgentError(.applyFailed, "verification found the router still differs: "
                                 + (left.wireguard + left.network).joined(separator: "; "))
            }
        } catch {
            let reason = (error as? ApplyFailure)?.reason ?? "\(error)"
            logger.error("apply failed, returning to the last good revision", metadata: ["reason": "\(reason)"])
            if let previous {
                do {
                    _ = try apply(previous, previous: target, state: &state, times: &times)
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
        logEach(.info, "applied", key: "change", changes)
        return changes
    }

    /// A first install adds thousands of peers: past this many lines of one kind, the log gives a count
    /// (journald would drop lines anyway), while the cycle's report and `wgc apply` still list every change.
    static let linesLogged = 100

    /// One log line per item of `lines` (`message`, the item as `key`), up to `linesLogged`, then their count.
    private func logEach(_ level: Logger.Level, _ message: Logger.Message, key: String, _ lines: [String]) {
        for line in lines.prefix(Self.linesLogged) { logger.log(level: level, message, metadata: [key: "\(line)"]) }
        if lines.count > Self.linesLogged {
            logger.log(level: level, "\(message): more lines than are logged one by one",
                       metadata: ["not_logged": "\(lines.count - Self.linesLogged)"])
        }
    }
}
