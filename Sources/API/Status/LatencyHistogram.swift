/// A histogram of durations in microseconds with a bounded relative error, for percentiles that are read off
/// recorded values rather than guessed from a few wide buckets. Values below 64 µs are counted exactly; above, each
/// power of two is split into 32 buckets, so a percentile is at most 1/32 (3.1 %) above the true value (it is the
/// bucket's upper bound). Recording is a few arithmetic operations, with no allocation.
struct LatencyHistogram: Sendable {
    /// Exact below `1 << precisionBits`; 32 buckets per power of two above.
    private static let precisionBits = 6
    private static let exact = 1 << precisionBits
    private static let half = exact / 2
    /// Up to 2^40 µs (12.7 days): longer durations are counted in the last bucket.
    private static let bucketCount = exact + (40 - precisionBits) * half

    private var counts = [UInt64](repeating: 0, count: bucketCount)
    private(set) var count: UInt64 = 0
    private(set) var sum: UInt64 = 0
    private(set) var maximum: UInt64 = 0

    mutating func record(microseconds value: UInt64) {
        counts[min(Self.index(of: value), Self.bucketCount - 1)] += 1
        count += 1
        sum &+= value
        maximum = max(maximum, value)
    }

    /// The mean in microseconds; nil before anything was recorded.
    var mean: Double? { count == 0 ? nil : Double(sum) / Double(count) }

    /// The value (µs) that `percent` of the recorded values do not exceed, as the upper bound of its bucket and never
    /// above the largest value recorded; nil before anything was recorded.
    func percentile(_ percent: Double) -> UInt64? {
        guard count > 0 else { return nil }
        let rank = max(1, UInt64((percent / 100 * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, bucket) in counts.enumerated() where bucket > 0 {
            seen += bucket
            if seen >= rank { return min(Self.upperBound(of: index), maximum) }
        }
        return maximum
    }

    static func index(of value: UInt64) -> Int {
        guard value >= UInt64(exact) else { return Int(value) }
        let shift = (64 - value.leadingZeroBitCount) - precisionBits
        let top = Int(value >> UInt64(shift))  // in half..<exact
        return exact + (shift - 1) * half + (top - half)
    }

    static func upperBound(of index: Int) -> UInt64 {
        guard index >= exact else { return UInt64(index) }
        let shift = (index - exact) / half + 1
        let top = UInt64((index - exact) % half + half)
        return ((top + 1) << UInt64(shift)) - 1
    }
}
