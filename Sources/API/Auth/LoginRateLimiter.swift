import Foundation

/// Failed logins counted per key (a client address, a username) in a sliding window: past `maxFailures` in
/// `window`, logins under that key are refused until the oldest failure ages out. The failures are counted in the
/// store, so replicas sharing a PostgreSQL store count them together.
public struct LoginRateLimiter: Sendable {
    public let maxFailures: Int
    public let window: TimeInterval

    public init(maxFailures: Int = 10, window: TimeInterval = 5 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Seconds until a login under every one of `keys` may be tried again; nil when none is blocked.
    func retryAfter(_ keys: [String], in store: any APIStore, now: Date = Date()) async throws -> Int? {
        var waits: [TimeInterval] = []
        for key in keys {
            let recent = try await store.loginFailures(under: key, since: now.addingTimeInterval(-window))
            guard recent.count >= maxFailures, let oldest = recent.oldest else { continue }
            waits.append(oldest.addingTimeInterval(window).timeIntervalSince(now))
        }
        return waits.max().map { max(1, Int($0.rounded(.up))) }
    }

    func recordFailure(_ keys: [String], in store: any APIStore, now: Date = Date()) async throws {
        try await store.recordLoginFailure(under: keys, at: now, forgetBefore: now.addingTimeInterval(-window))
    }

    func reset(_ key: String, in store: any APIStore) async throws {
        try await store.forgetLoginFailures(under: key)
    }
}
