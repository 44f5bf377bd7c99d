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

    static func log(_ report: CycleReport, to logger: Logger, what: String) {
        var metadata: Logger.Metadata = ["outcome": "\(report.outcome.rawValue)"]
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
