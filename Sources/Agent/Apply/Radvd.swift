import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// radvd as the agent runs it: a new configuration passes `radvd --configtest` before it replaces the old one,
/// then radvd re-reads it on SIGHUP (or is started); with no LAN interface left, radvd is stopped and its file
/// removed.
public struct Radvd: Sendable {
    public var configPath: String
    public var pidFile: String
    public var program: String

    public init(configPath: String, pidFile: String, program: String = "radvd") {
        self.configPath = configPath
        self.pidFile = pidFile
        self.program = program
    }

    /// radvd's pid, when its pid file names a live process.
    public var runningPID: pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0,
              kill(pid, 0) == 0 else { return nil }
        return pid
    }

    /// Whether the file on disk and the running daemon already match `config` (nil: no radvd).
    public func isCurrent(_ config: String?) -> Bool {
        guard let config else { return !AtomicFile(configPath).exists && runningPID == nil }
        return AtomicFile(configPath).contents == config && runningPID != nil
    }

    /// Checks `config` with radvd itself, without touching the file in use; radvd's complaint is the error.
    public func check(_ config: String) throws {
        let candidate = configPath + ".wgc-check"
        try AtomicFile(candidate).replace(with: config)
        defer { unlink(candidate) }
        let result = try Command([program, "--configtest", "--config", candidate]).run()
        guard result.status == 0 else {
            throw AgentError(.refused, "radvd rejects the new configuration: "
                             + result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Makes radvd run `config` (checked first), or stops it and removes its file when `config` is nil.
    public func apply(_ config: String?) throws {
        guard let config else {
            try stop()
            try AtomicFile(configPath).remove()
            return
        }
        try check(config)
        try AtomicFile(configPath).replace(with: config, keepingPrevious: true)
        if let pid = runningPID {
            guard kill(pid, SIGHUP) == 0 else { throw AgentError.system("signalling radvd (pid \(pid))", errno) }
            return
        }
        try start()
    }

    func start() throws {
        let result = try Command([program, "--config", configPath, "--pidfile", pidFile]).run()
        guard result.status == 0 else {
            throw AgentError(.applyFailed, "radvd did not start: "
                             + result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while runningPID == nil {
            guard ContinuousClock.now < deadline else {
                throw AgentError(.applyFailed, "radvd started but wrote no pid to \(pidFile) within 5 s")
            }
            usleep(10_000)
        }
    }

    func stop() throws {
        guard let pid = runningPID else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while kill(pid, 0) == 0 {
            guard ContinuousClock.now < deadline else {
                throw AgentError(.applyFailed, "radvd (pid \(pid)) did not stop within 5 s of SIGTERM")
            }
            usleep(10_000)
        }
    }
}
