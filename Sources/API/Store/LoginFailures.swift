import Foundation

/// The failed logins under one key (a client address, a username) in a window: how many, and the oldest.
public struct LoginFailures: Sendable, Equatable {
    public var count: Int
    public var oldest: Date?

    public init(count: Int, oldest: Date?) {
        self.count = count
        self.oldest = oldest
    }
}
