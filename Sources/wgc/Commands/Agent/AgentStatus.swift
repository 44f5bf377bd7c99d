import Agent
import ArgumentParser
import Foundation

/// `wgc agent status`: what the agent applied last, what it tried last and why that failed, and its history.
struct AgentStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the revision this router runs, the last attempt and its outcome, and the history."
    )

    @Option(help: "The agent's state folder.")
    var stateDir: String

    @Option(help: "Output format: text or json.")
    var format: LogFormat = .text

    @Option(help: "How many history entries to show (text).")
    var history = 10

    @Flag(help: "Also show each BGP session's state and prefix counts from BIRD, and each peer's latest handshake and transfer counters.")
    var live = false

    @OptionGroup var router: RouterOptions

    func run() throws {
        let state: AgentState
        do {
            guard let saved = try StateStore.read(folder: stateDir) else {
                printError("no agent state in \(stateDir): the agent has not run with this --state-dir yet")
                throw ExitCode(Status.usageOrIO)
            }
            state = saved
        } catch let code as ExitCode {
            throw code
        } catch {
            printError("reading \(stateDir)/state.json: \(error)")
            throw ExitCode(Status.usageOrIO)
        }
        var view: LiveView?
        if live {
            guard let configuration = StateStore.readConfiguration(folder: stateDir) else {
                printError("\(stateDir) holds no applied configuration yet: nothing is live")
                throw ExitCode(Status.usageOrIO)
            }
            let environment = router.environment
            view = LiveView.read(configuration, environment: environment, backend: environment.wireGuard.backend)
        }
        switch format {
        case .json: print(try AgentStatusText.json(AgentStatusReport(state: state, live: view)))
        case .text:
            print(AgentStatusText.text(state, history: history), terminator: "")
            if let view { print(LiveViewText.text(view), terminator: "") }
        }
    }
}

/// The words and JSON `wgc agent status` prints.
enum AgentStatusText {
    static func text(_ state: AgentState, history limit: Int) -> String {
        var out = "node \(state.node)\n"
        if let applied = state.applied {
            out += "applied       \(applied.commit.prefix(12)) at \(applied.appliedAt.formatted(.iso8601))\n"
        } else {
            out += "applied       nothing yet\n"
        }
        if let applying = state.applying {
            out += "interrupted   while applying \(applying.prefix(12)); the next start returns to the applied one\n"
        }
        if let last = state.lastAttempt {
            out += "last attempt  \(last.commit.prefix(12)) \(last.outcome.rawValue) at "
                + "\(last.finishedAt.formatted(.iso8601))\n"
            if let reason = last.reason { out += "  reason: \(reason)\n" }
            for line in last.diagnostics ?? [] { out += "  \(line)\n" }
        }
        if state.history.count > 1 {
            out += "history\n"
            for attempt in state.history.prefix(limit) {
                out += "  \(attempt.finishedAt.formatted(.iso8601))  \(attempt.commit.prefix(12))  "
                    + "\(attempt.outcome.rawValue)\(attempt.reason.map { ": " + $0 } ?? "")\n"
            }
        }
        return out
    }

    static func json(_ report: AgentStatusReport) throws -> String {
        String(decoding: try StateStore.encoder.encode(report), as: UTF8.self)
    }
}

/// `wgc agent status --format json`: the state file's fields, and `live` with `--live`.
struct AgentStatusReport: Encodable {
    var state: AgentState
    var live: LiveView?

    func encode(to encoder: any Encoder) throws {
        try state.encode(to: encoder)
        if let live {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(live, forKey: .live)
        }
    }

    enum Key: String, CodingKey { case live }
}
