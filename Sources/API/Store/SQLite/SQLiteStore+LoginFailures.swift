import Foundation
import GRDB

/// Failed logins in SQLite, for `LoginRateLimiter`.
extension SQLiteStore {
    public func recordLoginFailure(under keys: [String], at date: Date, forgetBefore: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE at < ?", arguments: [forgetBefore])
            for key in keys {
                try db.execute(sql: "INSERT INTO login_failures (key, at) VALUES (?, ?)", arguments: [key, date])
            }
        }
    }

    public func loginFailures(under key: String, since date: Date) async throws -> LoginFailures {
        try await database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures "
                                       + "WHERE key = ? AND at >= ?", arguments: [key, date])
            return LoginFailures(count: row?["n"] ?? 0, oldest: row?["oldest"])
        }
    }

    public func forgetLoginFailures(under key: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE key = ?", arguments: [key])
        }
    }
}
