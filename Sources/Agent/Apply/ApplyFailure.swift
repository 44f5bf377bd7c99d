/// A revision that could not be applied: refused before anything changed, or rolled back after a part failed.
public struct ApplyFailure: Error, CustomStringConvertible, Sendable {
    public var reason: String
    /// False: nothing was touched (a key mismatch, a config BIRD or radvd rejects). True: the router was
    /// returned to the last good revision.
    public var rolledBack: Bool

    public init(_ reason: String, rolledBack: Bool) {
        self.reason = reason
        self.rolledBack = rolledBack
    }

    public var description: String { reason }
}
