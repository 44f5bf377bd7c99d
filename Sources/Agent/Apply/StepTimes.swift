import Logging

/// How long each step of applying a revision took, in the order they ran, for the log line that reports the
/// apply (`wireguard_ms`, `network_ms`, ...): where a slow cycle spends its time is then in every log.
struct StepTimes {
    private(set) var steps: [(name: String, duration: Duration)] = []
    private let clock = ContinuousClock()

    /// Runs `body`, adding its duration to the step `name` (a step run twice, e.g. on rollback, adds up).
    mutating func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let started = clock.now
        defer {
            let elapsed = clock.now - started
            if let index = steps.firstIndex(where: { $0.name == name }) {
                steps[index].duration += elapsed
            } else {
                steps.append((name, elapsed))
            }
        }
        return try body()
    }

    /// `NAME_ms` for each step.
    var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        for step in steps { metadata[step.name + "_ms"] = "\(step.duration.milliseconds)" }
        return metadata
    }
}
