import BIRD
import Foundation

/// A real BIRD for tests, in its own network namespace, with its configuration, control socket, pid file and
/// log in a temporary folder. Stopped, and everything removed, when the daemon goes — pass or fail.
final class BIRDDaemon {
    let folder: TemporaryFolder
    let namespace: NetworkNamespace
    let socketPath: String
    let configPath: String
    var client: BIRDClient { BIRDClient(socketPath: socketPath, timeout: .seconds(5)) }
    var log: String { (try? String(contentsOf: folder.url.appendingPathComponent("bird.log"), encoding: .utf8)) ?? "" }

    /// Checks `config` with `bird -p` and starts BIRD in `namespace` (a new one when nil); returns once the
    /// control socket answers.
    init(config: String, in namespace: NetworkNamespace? = nil) throws {
        folder = try TemporaryFolder()
        self.namespace = try namespace ?? NetworkNamespace("bird")
        socketPath = folder.url.appendingPathComponent("bird.ctl").path
        configPath = try folder.write("bird.conf", config)
        try Programs.run(["bird", "-p", "-c", configPath]).check("bird -p -c \(configPath)")
        try self.namespace.start(["bird", "-f", "-c", configPath, "-s", socketPath,
                                  "-P", folder.url.appendingPathComponent("bird.pid").path],
                                 log: folder.url.appendingPathComponent("bird.log"))
        try waitUntil("BIRD answers on \(socketPath)", within: .seconds(10)) { (try? client.status()) != nil }
    }

    deinit {
        // Programs.spawn passes the test runner's blocked signals on to BIRD, which then never sees the SIGTERM
        // the namespace sends and is killed only after a 5-second grace. Asking it to go down is immediate.
        _ = try? client.send("down")
        try? waitUntil("BIRD has stopped", within: .seconds(5)) {
            (try? BIRDConnection(socketPath: socketPath, timeout: .seconds(1))) == nil
        }
    }

    /// Writes another configuration file beside the first one; returns its path.
    func write(_ name: String, _ config: String) throws -> String {
        try folder.write(name, config)
    }
}

struct WaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting until \(what)" }
}

/// Polls `condition` every 50 ms until it holds; throws when `limit` passes first. For daemons that
/// offer no event to wait on.
func waitUntil(_ what: String, within limit: Duration, _ condition: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + limit
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut(what: what) }
        Thread.sleep(forTimeInterval: 0.05)
    }
}
