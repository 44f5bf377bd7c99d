import Foundation

/// Failed logins counted per key (a client address, a username) in a sliding window, in memory: past
/// `maxFailures` in `window`, logins under that key are refused until the oldest failure ages out.
public actor LoginRateLimiter {
    public let maxFailures: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(maxFailures: Int = 10, window: TimeInterval = 5 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Seconds until a login under every one of `keys` may be tried again; nil when none is blocked.
    func retryAfter(_ keys: [String], now: Date = Date()) -> Int? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let recent = recentFailures(key, now: now)
            guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
            return oldest.addingTimeInterval(window).timeIntervalSince(now)
        }
        return waits.max().map { max(1, Int($0.rounded(.up))) }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        if failures.count > 100_000 { failures = failures.filter { !recentFailures($0.key, now: now).isEmpty } }
        for key in keys { failures[key] = recentFailures(key, now: now) + [now] }
    }

    func reset(_ key: String) {
        failures[key] = nil
    }

    private func recentFailures(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }
}
