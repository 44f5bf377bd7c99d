import Foundation

/// One run of the built `wgc serve` on a free loopback port, with no BIRD socket and its first superuser from
/// `WGC_ADMIN_*` (`ServedWGC.adminName`): started, waited for until it listens, stopped; killed when this goes
/// away, pass or fail. `ServedWGC` and `ReplicaProcess` each run theirs through one.
final class ServeProcess: @unchecked Sendable {  // one test drives it at a time
    let port: Int
    private(set) var pid: pid_t = 0

    /// Starts the server on `repository` and `stateDirectory`, `arguments` after its own, stdout and stderr
    /// appended to `log`, tokens signed with `jwtSecret` (empty: the state folder's); returns once it listens.
    init(repository: String, stateDirectory: String, log: String, jwtSecret: String, arguments: [String] = [])
        throws {
        port = try Loopback.freePort()
        let environment = ["WGC_ADMIN_USERNAME": ServedWGC.adminName, "WGC_ADMIN_PASSWORD": ServedWGC.adminPassword,
                           "WGC_JWT_SECRET": jwtSecret, "WGC_PASSWORD": ""]
        pid = try Programs.spawn([APIServeCommandTests.wgc, "serve", "--repo", repository, "--inventory", "inventory",
                                  "--state-dir", stateDirectory, "--listen", "127.0.0.1:\(port)", "--bird-socket", ""]
                                 + arguments, stdout: log, stderr: log, environment: environment)
        do {
            try Loopback.waitUntilListening(port: port, pid: pid, log: log)
        } catch {
            end()
            throw error
        }
    }

    deinit { end() }

    /// Sends `signal` without waiting.
    func signal(_ signal: Int32) {
        guard pid > 0 else { return }
        kill(pid, signal)
    }

    /// Waits for the process to exit: its status (128 + signal when killed), nil after `timeout` (it is then killed).
    func waitForExit(timeout: TimeInterval) -> Int32? {
        guard pid > 0 else { return nil }
        if let status = Programs.wait(pid, timeout: timeout) {
            pid = 0
            return status
        }
        end()
        return nil
    }

    /// SIGKILL, and the process reaped.
    private func end() {
        guard pid > 0 else { return }
        kill(pid, SIGKILL)
        _ = Programs.wait(pid, timeout: 10)
        pid = 0
    }
}
