import Foundation
import PostgresNIO

/// Failed logins in PostgreSQL: every replica counts into the same rows, so the limit holds across them.
extension PostgresStore {
    public func recordLoginFailure(under keys: [String], at date: Date, forgetBefore: Date) async throws {
        try await perform("counting a failed login") {
            try await client.query("DELETE FROM login_failures WHERE at < \(forgetBefore)", logger: logger)
            try await client.query("INSERT INTO login_failures (key, at) SELECT unnest(\(keys)::text[]), \(date)",
                                   logger: logger)
        }
    }

    public func loginFailures(under key: String, since date: Date) async throws -> LoginFailures {
        try await perform("reading failed logins") {
            let rows = try await client.query(
                "SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = \(key) AND at >= \(date)", logger: logger)
            for try await (count, oldest) in rows.decode((Int, Date?).self) {
                return LoginFailures(count: count, oldest: oldest)
            }
            return LoginFailures(count: 0, oldest: nil)
        }
    }

    public func forgetLoginFailures(under key: String) async throws {
        try await perform("forgetting failed logins") {
            try await client.query("DELETE FROM login_failures WHERE key = \(key)", logger: logger)
        }
    }
}
