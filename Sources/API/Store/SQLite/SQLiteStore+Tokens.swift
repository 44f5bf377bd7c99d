import Foundation
import GRDB

/// Refresh tokens (rotation, reuse detection) and revoked access tokens in SQLite.
extension SQLiteStore {
    public func storeRefreshToken(jti: String, userID: String, sessionID: String, expiresAt: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO refresh_tokens (jti, user_id, session_id, expires_at) VALUES (?, ?, ?, ?)
                """, arguments: [jti, userID, sessionID, expiresAt])
        }
    }

    /// Revokes refresh token `jti` and stores `newJTI` for the same session, in one transaction; a `jti` that was
    /// already exchanged is a stolen token replayed (or the thief's copy used first), so its user loses every token.
    public func rotateRefreshToken(jti: String, newJTI: String, expiresAt: Date) async throws -> RefreshOutcome {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM refresh_tokens WHERE jti = ?", arguments: [jti])
            else { return .unknown }
            let userID: String = row["user_id"]
            let now = Date()
            if row["rotated"] as Bool {
                try Self.revokeAllTokens(of: userID, at: now, db)
                return .reused
            }
            guard row["revoked_at"] as Date? == nil else { return .unknown }
            guard let user = try User.fetchOne(db, key: userID) else { return .unknown }
            try db.execute(sql: "UPDATE refresh_tokens SET revoked_at = ?, rotated = 1 WHERE jti = ?",
                           arguments: [now, jti])
            try db.execute(sql: """
                INSERT INTO refresh_tokens (jti, user_id, session_id, expires_at) VALUES (?, ?, ?, ?)
                """, arguments: [newJTI, userID, row["session_id"] as String, expiresAt])
            return .rotated(user)
        }
    }

    /// Logout: the session's refresh tokens and the access token `jti` stop working.
    public func revokeSession(_ sessionID: String, accessJTI: String, accessExpiresAt: Date) async throws {
        try await database.write { db in
            let now = Date()
            try db.execute(sql: "UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL",
                           arguments: [now, sessionID])
            try db.execute(sql: "INSERT OR IGNORE INTO revoked_tokens (jti, expires_at) VALUES (?, ?)",
                           arguments: [accessJTI, accessExpiresAt])
            try db.execute(sql: "DELETE FROM revoked_tokens WHERE expires_at < ?", arguments: [now])
        }
    }

    /// The user an access token names, when the token is still good: not revoked, same token generation.
    public func holder(ofAccessToken jti: String, userID: String, generation: Int) async throws -> User? {
        try await database.read { db in
            guard let user = try User.fetchOne(db, key: userID), user.tokenGeneration == generation else { return nil }
            let revoked = try Bool.fetchOne(db, sql: "SELECT 1 FROM revoked_tokens WHERE jti = ?", arguments: [jti])
            return revoked == nil ? user : nil
        }
    }

    /// Every token of the user stops working: the generation moves and its refresh tokens are revoked.
    static func revokeAllTokens(of userID: String, at date: Date, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE users SET token_generation = token_generation + 1, tokens_valid_after = ? WHERE id = ?
            """, arguments: [date, userID])
        try db.execute(sql: "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                       arguments: [date, userID])
    }
}
