import Foundation
import PostgresNIO

/// Refresh tokens (rotation, reuse detection) and revoked access tokens in PostgreSQL.
extension PostgresStore {
    public func storeRefreshToken(jti: String, userID: String, sessionID: String, expiresAt: Date) async throws {
        try await perform("storing a refresh token") {
            try await client.query("""
                INSERT INTO refresh_tokens (jti, user_id, session_id, expires_at)
                VALUES (\(jti), \(userID), \(sessionID), \(expiresAt))
                """, logger: logger)
        }
    }

    public func rotateRefreshToken(jti: String, newJTI: String, expiresAt: Date) async throws -> RefreshOutcome {
        try await perform("rotating a refresh token") {
            try await transaction { connection in
                // FOR UPDATE: of two replicas presenting the same token at once, the second sees it rotated.
                let rows = try await connection.query("""
                    SELECT user_id, session_id, revoked_at, rotated FROM refresh_tokens WHERE jti = \(jti) FOR UPDATE
                    """, logger: logger)
                var found: (userID: String, sessionID: String, revokedAt: Date?, rotated: Bool)?
                for try await row in rows.decode((String, String, Date?, Bool).self) { found = row }
                guard let found else { return .unknown }
                let now = Date()
                if found.rotated {
                    try await Self.revokeAllTokens(of: found.userID, at: now, connection, logger: logger)
                    return .reused
                }
                guard found.revokedAt == nil,
                      let user = try await Self.lockedUser(found.userID, connection, logger: logger)
                else { return .unknown }
                try await connection.query("""
                    UPDATE refresh_tokens SET revoked_at = \(now), rotated = TRUE WHERE jti = \(jti)
                    """, logger: logger)
                try await connection.query("""
                    INSERT INTO refresh_tokens (jti, user_id, session_id, expires_at)
                    VALUES (\(newJTI), \(found.userID), \(found.sessionID), \(expiresAt))
                    """, logger: logger)
                return .rotated(user)
            }
        }
    }

    public func revokeSession(_ sessionID: String, accessJTI: String, accessExpiresAt: Date) async throws {
        try await perform("revoking a session") {
            try await transaction { connection in
                let now = Date()
                try await connection.query("""
                    UPDATE refresh_tokens SET revoked_at = \(now)
                    WHERE session_id = \(sessionID) AND revoked_at IS NULL
                    """, logger: logger)
                try await connection.query("""
                    INSERT INTO revoked_tokens (jti, expires_at) VALUES (\(accessJTI), \(accessExpiresAt))
                    ON CONFLICT (jti) DO NOTHING
                    """, logger: logger)
                try await connection.query("DELETE FROM revoked_tokens WHERE expires_at < \(now)", logger: logger)
            }
        }
    }

    public func holder(ofAccessToken jti: String, userID: String, generation: Int) async throws -> User? {
        try await perform("checking a token") {
            try await Self.users(client.query("""
                SELECT \(unescaped: Self.userColumns) FROM users
                WHERE id = \(userID) AND token_generation = \(generation)
                AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = \(jti))
                """, logger: logger)).first
        }
    }
}
