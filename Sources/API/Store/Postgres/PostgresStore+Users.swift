import Foundation
import PostgresNIO

/// Users in PostgreSQL.
extension PostgresStore {
    /// Held by every transaction that may take away an active superuser, so that two replicas demoting the last
    /// two at once cannot both succeed.
    static let superuserLock: Int64 = 0x7767_635F_7375_7065  // "wgc_supe"

    static let userColumns = """
        id, username, email, password_hash, is_active, is_superuser, last_login, created_at, updated_at, \
        token_generation, tokens_valid_after
        """

    public func user(id: String) async throws -> User? {
        try await perform("reading a user") {
            let id = id.lowercased()
            return try await Self.users(client.query(
                "SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id)", logger: logger)).first
        }
    }

    public func user(username: String) async throws -> User? {
        try await perform("reading a user") {
            try await Self.users(client.query(
                "SELECT \(unescaped: Self.userColumns) FROM users WHERE username = \(username)", logger: logger)).first
        }
    }

    public func list(limit: Int, offset: Int) async throws -> [User] {
        try await perform("listing users") {
            try await Self.users(client.query("""
                SELECT \(unescaped: Self.userColumns) FROM users ORDER BY created_at, username
                LIMIT \(limit) OFFSET \(offset)
                """, logger: logger))
        }
    }

    public func insert(_ user: User) async throws {
        do {
            try await client.query("""
                INSERT INTO users (\(unescaped: Self.userColumns)) VALUES (\(user.id), \(user.username), \(user.email),
                \(user.passwordHash), \(user.isActive), \(user.isSuperuser), \(user.lastLogin), \(user.createdAt),
                \(user.updatedAt), \(user.tokenGeneration), \(user.tokensValidAfter))
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw UserStoreError.duplicateUsername(user.username)
        } catch {
            throw PostgresStoreError(error, operation: "creating a user", server: url)
        }
    }

    public func update(id: String, changes: UserChanges, passwordHash hash: String?) async throws -> User {
        try await perform("changing a user") {
            try await transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.superuserLock))", logger: logger)
                guard var user = try await Self.lockedUser(id, connection, logger: logger) else {
                    throw UserStoreError.notFound
                }
                let others = try await Self.otherActiveSuperusers(than: user.id, connection, logger: logger)
                if let refusal = LastSuperuserRule.refusal(of: .update(changes), to: user,
                                                           otherActiveSuperusers: others) {
                    throw refusal
                }
                let now = Date()
                if let email = changes.email { user.email = email }
                if let isActive = changes.isActive { user.isActive = isActive }
                if let isSuperuser = changes.isSuperuser { user.isSuperuser = isSuperuser }
                if let hash { user.passwordHash = hash }
                try await connection.query("""
                    UPDATE users SET email = \(user.email), is_active = \(user.isActive),
                    is_superuser = \(user.isSuperuser), password_hash = \(user.passwordHash), updated_at = \(now)
                    WHERE id = \(user.id)
                    """, logger: logger)
                if hash != nil || changes.isActive == false {
                    try await Self.revokeAllTokens(of: user.id, at: now, connection, logger: logger)
                }
                return try await Self.lockedUser(user.id, connection, logger: logger) ?? user
            }
        }
    }

    public func delete(id: String) async throws {
        try await perform("deleting a user") {
            try await transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.superuserLock))", logger: logger)
                guard let user = try await Self.lockedUser(id.lowercased(), connection, logger: logger) else {
                    throw UserStoreError.notFound
                }
                let others = try await Self.otherActiveSuperusers(than: user.id, connection, logger: logger)
                if let refusal = LastSuperuserRule.refusal(of: .deletion, to: user, otherActiveSuperusers: others) {
                    throw refusal
                }
                try await connection.query("DELETE FROM users WHERE id = \(user.id)", logger: logger)
            }
        }
    }

    public func recordLogin(id: String, at date: Date) async throws {
        try await perform("recording a login") {
            try await client.query("UPDATE users SET last_login = \(date) WHERE id = \(id)", logger: logger)
        }
    }

    /// The user `id`, its row locked until the transaction ends.
    static func lockedUser(_ id: String, _ connection: PostgresConnection, logger: Logger) async throws -> User? {
        try await users(connection.query(
            "SELECT \(unescaped: userColumns) FROM users WHERE id = \(id) FOR UPDATE", logger: logger)).first
    }

    static func otherActiveSuperusers(than id: String, _ connection: PostgresConnection, logger: Logger) async throws
        -> Int {
        let rows = try await connection.query(
            "SELECT COUNT(*) FROM users WHERE is_active AND is_superuser AND id <> \(id)", logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// Every token of the user stops working: the generation moves and its refresh tokens are revoked.
    static func revokeAllTokens(of userID: String, at date: Date, _ connection: PostgresConnection,
                                logger: Logger) async throws {
        try await connection.query("""
            UPDATE users SET token_generation = token_generation + 1, tokens_valid_after = \(date)
            WHERE id = \(userID)
            """, logger: logger)
        try await connection.query("""
            UPDATE refresh_tokens SET revoked_at = \(date) WHERE user_id = \(userID) AND revoked_at IS NULL
            """, logger: logger)
    }

    /// Users from rows of `userColumns`.
    static func users(_ rows: PostgresRowSequence) async throws -> [User] {
        var users: [User] = []
        let decoded = rows.decode((String, String, String?, String, Bool, Bool, Date?, Date, Date, Int, Date).self)
        for try await (id, username, email, hash, active, superuser, lastLogin, created, updated, generation,
                       validAfter) in decoded {
            users.append(User(id: id, username: username, email: email, passwordHash: hash, isActive: active,
                              isSuperuser: superuser, lastLogin: lastLogin, createdAt: created, updatedAt: updated,
                              tokenGeneration: generation, tokensValidAfter: validAfter))
        }
        return users
    }
}
