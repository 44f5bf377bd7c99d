import Agent
import Logging

/// The agent's logger, set up once per process from `--log-format`.
enum AgentLogging {
    static func logger(format: LogFormat) -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .text: return StreamLogHandler.standardError(label: label)
            case .json: return JSONLogHandler(label: label)
            }
        }
        return Logger(label: "wgc.agent")
    }

    /// Logs what a boot or a cycle came to; `duration`, when given, is how long the whole cycle took (fetch,
    /// compile, apply, verify, record).
    static func log(_ report: CycleReport, to logger: Logger, what: String, duration: Duration? = nil) {
        var metadata: Logger.Metadata = ["outcome": "\(report.outcome.rawValue)"]
        if let duration { metadata["duration_ms"] = "\(duration.milliseconds)" }
        if let commit = report.commit { metadata["commit"] = "\(commit)" }
        if let reason = report.reason { metadata["reason"] = "\(reason)" }
        if !report.changes.isEmpty { metadata["changes"] = "\(report.changes.count)" }
        switch report.outcome {
        case .unchanged, .applied, .repaired, .planned: logger.info("\(what)", metadata: metadata)
        case .invalid, .refused, .rolledBack, .waiting: logger.warning("\(what)", metadata: metadata)
        case .failed: logger.error("\(what)", metadata: metadata)
        }
    }
}
