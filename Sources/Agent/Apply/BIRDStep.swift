import BIRD
import Compiler
import Foundation
import Logging

/// BIRD's part of a router: bird.conf replaced atomically (the previous one kept beside it), then over the
/// control socket `configure check`, `configure timeout N` (commit-confirmed), verification, and `configure
/// confirm`; on any failure `configure undo` and the previous file back. A BIRD that is not running fails the
/// step: systemd starts BIRD, the agent does not hide a dead daemon.
struct BIRDStep {
    let environment: RouterEnvironment
    let logger: Logger

    var file: AtomicFile { AtomicFile(environment.birdConfig) }
    var client: BIRDClient { BIRDClient(socketPath: environment.birdSocket) }

    /// Whether bird.conf on disk is the revision's.
    func isCurrent(_ target: RouterConfiguration) -> Bool { file.contents == target.birdConfig }

    /// Fails when BIRD does not answer on its control socket: the agent reports a dead daemon, never hides it.
    func requireRunning() throws {
        do {
            _ = try client.status()
        } catch {
            throw birdUnavailable(error)
        }
    }

    /// Asks BIRD whether it would accept the new file, without changing anything.
    func check(_ target: RouterConfiguration) throws {
        let candidate = AtomicFile(environment.birdConfig + ".wgc-check")
        try candidate.replace(with: target.birdConfig)
        defer { try? candidate.remove() }
        let problem: BIRDConfigurationProblem?
        do {
            problem = try client.checkConfiguration(file: candidate.path)
        } catch {
            throw birdUnavailable(error)
        }
        if let problem {
            throw AgentError(.refused, "BIRD rejects the new bird.conf: \(problem)")
        }
    }

    /// Replaces bird.conf and reconfigures BIRD commit-confirmed; returns what changed (nothing when the file is
    /// already the revision's).
    func apply(_ target: RouterConfiguration, previous: RouterConfiguration?) throws -> [String] {
        guard !isCurrent(target) else { return [] }
        let before: [BIRDProtocolStatus]
        let lastReconfiguration: String?
        do {
            before = try client.protocols()
            lastReconfiguration = try client.status().lastReconfiguration
        } catch {
            throw birdUnavailable(error)
        }
        try file.replace(with: target.birdConfig, keepingPrevious: true)
        do {
            let outcome = try client.configure(file: file.path,
                                               confirmTimeout: .seconds(environment.birdConfirmTimeout))
            if case .rejected(let problem) = outcome {
                throw AgentError(.applyFailed, "BIRD rejected bird.conf: \(problem)")
            }
            try verify(target, previous: previous, before: before, lastReconfiguration: lastReconfiguration)
            let confirmed = try client.confirm()
            guard confirmed == .confirmed else {
                throw AgentError(.applyFailed, "BIRD answered \(confirmed) to configure confirm")
            }
        } catch {
            _ = try? client.undo()
            _ = try? file.restorePrevious()
            throw AgentError(.applyFailed, "BIRD: \(error); its configuration was undone")
        }
        return ["BIRD: reconfigured with the new bird.conf (confirmed)"]
    }

    /// The new configuration is the one BIRD runs, and every session that was Established and is still in the
    /// configuration unchanged comes back to Established within the settle time.
    private func verify(_ target: RouterConfiguration, previous: RouterConfiguration?, before: [BIRDProtocolStatus],
                        lastReconfiguration: String?) throws {
        let settled = ContinuousClock.now + .seconds(environment.sessionSettleTimeout)
        while try client.configurationStatus().state != .done {
            guard ContinuousClock.now < settled else {
                throw AgentError(.applyFailed, "BIRD is still applying the new configuration after "
                                 + "\(environment.sessionSettleTimeout) s")
            }
            usleep(100_000)
        }
        let status = try client.status()
        guard status.lastReconfiguration != lastReconfiguration else {
            throw AgentError(.applyFailed, "BIRD still reports its last reconfiguration at "
                             + "\(lastReconfiguration ?? "start"): the new configuration was not loaded")
        }
        let watched = before.filter { session in
            guard session.bgp?.isEstablished == true, let wanted = target.sessions[session.name], wanted.enabled else { return false }
            // A session whose neighbor or AS changed resets by design; the plan warned about it.
            return previous?.sessions[session.name].map { $0 == wanted } ?? true
        }.map(\.name)
        guard !watched.isEmpty else { return }
        let deadline = ContinuousClock.now + .seconds(environment.sessionSettleTimeout)
        while true {
            let now = Dictionary(try client.protocols().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let down = watched.filter { now[$0]?.bgp?.isEstablished != true }
            if down.isEmpty { return }
            guard ContinuousClock.now < deadline else {
                throw AgentError(.applyFailed, "sessions that were Established are not after "
                                 + "\(environment.sessionSettleTimeout) s: " + down.joined(separator: ", "))
            }
            usleep(200_000)
        }
    }

    private func birdUnavailable(_ error: any Error) -> AgentError {
        AgentError(.environment, "\(error) (systemd starts BIRD; the agent does not)")
    }
}
