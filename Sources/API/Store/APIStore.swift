import Foundation

/// Where the API keeps what is not in git: users, refresh tokens, revoked access tokens, failed logins and the
/// audit log. `SQLiteStore` keeps them in one file of the state directory (one server); `PostgresStore` in a
/// PostgreSQL database that several replicas of `wgc serve` share. Both pass the same store tests.
public protocol APIStore: Sendable {
    /// Where the store is, for messages: a file's path, or `postgres://user@host:port/db` (never a password).
    var location: String { get }

    // MARK: Users

    func count() async throws -> Int
    /// Whether the database answers a query (the readiness probe).
    func isReachable() async -> Bool
    func user(id: String) async throws -> User?
    func user(username: String) async throws -> User?
    /// Users in creation order.
    func list(limit: Int, offset: Int) async throws -> [User]
    /// Adds `user`; `UserStoreError.duplicateUsername` when its name is taken.
    func insert(_ user: User) async throws
    /// Applies `changes` (the password already hashed into `passwordHash`) in one transaction: a new password or
    /// a deactivation revokes every token of the user; the last active superuser is neither deactivated nor
    /// demoted (`UserStoreError.lastSuperuser`).
    func update(id: String, changes: UserChanges, passwordHash: String?) async throws -> User
    /// Deletes a user and its refresh tokens; the last active superuser stays.
    func delete(id: String) async throws
    func recordLogin(id: String, at date: Date) async throws

    // MARK: Tokens

    func storeRefreshToken(jti: String, userID: String, sessionID: String, expiresAt: Date) async throws
    /// Revokes refresh token `jti` and stores `newJTI` for the same session, in one transaction; a `jti` that was
    /// already exchanged is a stolen token replayed (or the thief's copy used first), so its user loses every
    /// token.
    func rotateRefreshToken(jti: String, newJTI: String, expiresAt: Date) async throws -> RefreshOutcome
    /// Logout: the session's refresh tokens and the access token `accessJTI` stop working.
    func revokeSession(_ sessionID: String, accessJTI: String, accessExpiresAt: Date) async throws
    /// The user an access token names, when the token is still good: not revoked, same token generation.
    func holder(ofAccessToken jti: String, userID: String, generation: Int) async throws -> User?

    // MARK: Failed logins

    /// Counts a failed login at `date` under each of `keys`, and forgets every failure older than `forgetBefore`.
    func recordLoginFailure(under keys: [String], at date: Date, forgetBefore: Date) async throws
    /// The failures under `key` since `date`.
    func loginFailures(under key: String, since date: Date) async throws -> LoginFailures
    /// Forgets the failures under `key` (a login under it succeeded).
    func forgetLoginFailures(under key: String) async throws

    // MARK: Audit log

    /// Appends `record`, then drops all but the newest `retention` entries.
    func appendAudit(_ record: AuditRecord, retention: Int) async throws
    /// Entries newest first, optionally only those of `user` or of `action`.
    func auditEntries(limit: Int, offset: Int, user: String?, action: AuditAction?) async throws -> [AuditEntry]
    func auditCount(user: String?, action: AuditAction?) async throws -> Int

    /// Lets go of the database's connections; the store answers nothing after.
    func close() async
}
