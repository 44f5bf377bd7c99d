import Agent
import ArgumentParser
import Dispatch
import Foundation
import Logging

/// `wgc agent`: boot re-apply, then a cycle every interval (or one with `--once`).
struct AgentRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Pull the branch, apply this node's part of each new revision, verify, roll back on failure.",
        discussion: """
            At start the last good revision (from --state-dir) is applied again, before any fetch. Then every \
            interval: fetch the branch; a new revision is compiled, refused if it does not validate, else applied \
            (only what changed), verified, and rolled back to the last good revision on failure; with nothing new, \
            drift is repaired. A revision that failed is not retried until the branch moves.

            With --once: exit 0 applied or nothing to do, 1 refused or rolled back, 2 usage or environment errors.

            Examples:
              wgc agent --repo https://git.example.net/net/inventory.git --node edge-1 --state-dir /var/lib/wgc
              wgc agent --repo /srv/inventory.git --inventory inventory --node edge-1 --state-dir /tmp/s --once --dry-run
            """
    )

    @Option(help: "The inventory repository: a URL (https, ssh, git) or a path.")
    var repo: String

    @Option(help: "This router's node name in the inventory.")
    var node: String

    @Option(help: "Folder for the agent's state and its copy of the repository.")
    var stateDir: String

    @Option(help: "The branch routers follow.")
    var branch = "main"

    @Option(help: "The inventory's folder inside the repository (default: its root).")
    var inventory = ""

    @Option(help: "Time between cycles: 30s, 5m, 1h.")
    var interval: AgentInterval = AgentInterval(seconds: 30)

    @Flag(help: "Run one cycle and exit.")
    var once = false

    @Flag(help: "Show what would change; touch nothing.")
    var dryRun = false

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    @Option(help: "Serve Prometheus metrics at http://ADDRESS:PORT/metrics (e.g. 127.0.0.1:9586).")
    var metricsListen: ListenAddress?

    @OptionGroup var router: RouterOptions

    func run() throws {
        let logger = AgentLogging.logger(format: logFormat)
        let runner: AgentRunner
        do {
            let store = try StateStore(folder: stateDir)
            let feed = RevisionFeed(remote: repo, branch: branch, folder: inventory, repositoryPath: store.repositoryPath)
            runner = try AgentRunner(node: node, feed: feed, environment: router.environment, store: store,
                                     logger: logger, dryRun: dryRun)
        } catch {
            printError("\(error)")
            throw ExitCode(Status.usageOrIO)
        }
        let metrics = AgentMetrics()
        if let metricsListen {
            let stateDir = stateDir
            let environment = router.environment
            let backend = runner.wireGuard.backend
            MetricsServer.start(host: metricsListen.host, port: metricsListen.port, metrics: metrics, logger: logger) {
                metrics.update(applied: try? StateStore.read(folder: stateDir)?.applied)
                guard let configuration = StateStore.readConfiguration(folder: stateDir) else { return }
                metrics.update(live: LiveView.read(configuration, environment: environment, backend: backend))
            }
        }
        logger.info("WireGuard back end", metadata: ["choice": "\(runner.wireGuard)"])
        let clock = ContinuousClock()
        if !dryRun {
            let started = clock.now
            if let boot = runner.boot() {
                metrics.observe(boot, duration: clock.now - started)
                AgentLogging.log(boot, to: logger, what: "boot")
                if once, boot.outcome != .unchanged { CycleOutput.print(boot) }
            }
        }
        if once {
            let report = runner.cycle()
            runner.finishSaving()
            CycleOutput.print(report)
            throw ExitCode(report.exitStatus)
        }
        let stop = StopSignal()
        while !stop.requested {
            let started = clock.now
            let report = runner.cycle()
            let duration = clock.now - started
            metrics.observe(report, duration: duration)
            AgentLogging.log(report, to: logger, what: "cycle", duration: duration)
            stop.wait(seconds: interval.seconds)
        }
        runner.finishSaving()
        logger.info("stopping on signal")
    }
}

/// `--interval`: a number of seconds, minutes or hours.
struct AgentInterval: ExpressibleByArgument, CustomStringConvertible {
    var seconds: Double

    var description: String { seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s" }

    var defaultValueDescription: String { description }

    init(seconds: Double) { self.seconds = seconds }

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var text = argument
        var unit = 1.0
        if let last = text.last, let factor = units[last] {
            unit = factor
            text.removeLast()
        }
        guard let value = Double(text), value > 0 else { return nil }
        seconds = value * unit
    }
}

/// SIGTERM and SIGINT end the agent between cycles: a cycle in progress always finishes.
final class StopSignal: @unchecked Sendable {  // `stopped` is only touched under `lock`
    private let lock = NSLock()
    private var stopped = false
    private let wake = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.withLock { self.stopped = true }
                self.wake.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    var requested: Bool { lock.withLock { stopped } }

    func wait(seconds: Double) {
        _ = wake.wait(timeout: .now() + seconds)
    }
}
