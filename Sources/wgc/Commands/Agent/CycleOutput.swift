import Agent
import Foundation

/// How a cycle's report is printed by `wgc agent --once` and `wgc apply`.
enum CycleOutput {
    static func print(_ report: CycleReport) {
        let commit = report.commit.map { " " + $0.prefix(12) } ?? ""
        var text = "\(report.outcome.rawValue)\(commit)"
        if let reason = report.reason { text += ": \(reason)" }
        Swift.print(text)
        for change in report.changes { Swift.print("  \(change)") }
        for diagnostic in report.diagnostics { Swift.print("  \(diagnostic)") }
    }
}
