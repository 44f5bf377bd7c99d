import Foundation
import Synchronization

/// The general limit on what one signed-in user may ask: a token bucket per user, refilled at `rate` requests a
/// second up to `burst`. Past it, 429 `RATE_LIMITED` with `Retry-After`. In memory, like the login limiter.
public final class RequestRateLimiter: Sendable {
    public let rate: Double
    public let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// `rate` 0 turns the limit off.
    public init(rate: Double = 100, burst: Double? = nil) {
        self.rate = rate
        self.burst = burst ?? max(1, rate * 2)
    }

    /// Takes one request from `key`'s bucket; the seconds to wait when it is empty.
    func take(_ key: String, now: ContinuousClock.Instant = .now) -> Int? {
        guard rate > 0 else { return nil }
        return buckets.withLock { buckets in
            if buckets.count > 100_000 { buckets.removeAll(keepingCapacity: true) }
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return nil
        }
    }
}
