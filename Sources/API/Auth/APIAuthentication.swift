import Foundation
import Sodium

/// Everything that decides who a caller is: the store, the token service and the login rate limiter, and
/// the audit log that every login attempt goes into. `wgc serve` builds one and hands it to `APIServer.router`.
public struct APIAuthentication: Sendable {
    public let store: any APIStore
    public let tokens: TokenService
    public let limiter: LoginRateLimiter
    /// The audit log in the store; the write path records its writes here too.
    public let audit: AuditLog
    /// How many requests a signed-in user may make.
    public let requests: RequestRateLimiter

    public init(store: any APIStore, tokens: TokenService, limiter: LoginRateLimiter = LoginRateLimiter(),
                requests: RequestRateLimiter = RequestRateLimiter()) {
        self.store = store
        self.tokens = tokens
        self.limiter = limiter
        self.requests = requests
        audit = AuditLog(store: store)
    }

    /// Checked when the username is unknown, so that an unknown user costs the same time as a wrong password.
    private static let decoyHash = Sodium.hashPassword("wgc decoy password") ?? ""

    /// The user whose credentials these are, or the error to answer: 429 when the address or the username had too
    /// many failures, 401 `INVALID_CREDENTIALS` for an unknown user or a wrong password alike, 403 when inactive.
    /// Each attempt goes into the audit log; a refused one with the reason that the client is not told.
    func login(username: String, password: String, address: String) async throws -> User {
        let keys = ["address:" + address, "username:" + username]
        if let wait = try await limiter.retryAfter(keys, in: store) {
            try await audit.recordFailedLogin(username: username, address: address, reason: "too many failed logins")
            throw APIError.tooManyLogins(retryAfter: wait)
        }
        let user = try await store.user(username: username)
        let matches = password.utf8.count <= UserValidation.maxPasswordBytes
            && Sodium.verifyPassword(password, hash: user?.passwordHash ?? Self.decoyHash)
        guard let user, matches else {
            try await limiter.recordFailure(keys, in: store)
            try await audit.recordFailedLogin(username: username, address: address,
                                              reason: user == nil ? "unknown user" : "wrong password")
            throw APIError(.unauthorized, "INVALID_CREDENTIALS", "wrong username or password")
        }
        guard user.isActive else {
            try await audit.recordFailedLogin(username: username, address: address, reason: "account deactivated")
            throw APIError(.forbidden, "USER_INACTIVE", "this account is deactivated")
        }
        try await limiter.reset("username:" + username, in: store)
        let now = Date()
        try await store.recordLogin(id: user.id, at: now)
        try await audit.recordLogin(user: user.username, address: address)
        var loggedIn = user
        loggedIn.lastLogin = now
        return loggedIn
    }

    /// A new token pair for a new login session of `user`, its refresh token stored.
    func startSession(for user: User) async throws -> IssuedTokens {
        let issued = try await tokens.issue(for: user, sessionID: UUID().uuidString.lowercased())
        try await store.storeRefreshToken(jti: issued.refreshPayload.jti.value, userID: user.id,
                                          sessionID: issued.refreshPayload.sid,
                                          expiresAt: issued.refreshPayload.exp.value)
        return issued
    }

    /// Exchanges a refresh token for a new pair (same session), revoking it; a replayed one revokes the user.
    func refresh(_ token: String) async throws -> (User, IssuedTokens) {
        guard let claims = await tokens.verify(token, as: .refresh) else { throw APIError.notAuthenticated }
        guard let current = try await store.user(id: claims.sub.value), current.isActive,
              current.tokenGeneration == claims.gen
        else { throw APIError.notAuthenticated }
        let issued = try await tokens.issue(for: current, sessionID: claims.sid)
        let outcome = try await store.rotateRefreshToken(jti: claims.jti.value, newJTI: issued.refreshPayload.jti.value,
                                                         expiresAt: issued.refreshPayload.exp.value)
        switch outcome {
        case .rotated(let user): return (user, issued)
        case .reused: throw APIError(.unauthorized, "TOKEN_REUSED",
                                     "this refresh token was already used; every session of its user is now closed")
        case .unknown: throw APIError.notAuthenticated
        }
    }

    /// The user an access token stands for, when it is valid, unrevoked, current and its user active.
    func authenticate(_ token: String) async throws -> (User, TokenPayload)? {
        guard let claims = await tokens.verify(token, as: .access),
              let user = try await store.holder(ofAccessToken: claims.jti.value, userID: claims.sub.value,
                                                generation: claims.gen),
              user.isActive
        else { return nil }
        return (user, claims)
    }
}

extension APIError {
    /// 401 with the `WWW-Authenticate: Bearer` challenge.
    static var notAuthenticated: APIError {
        var error = APIError.unauthorized
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }

    static func tooManyLogins(retryAfter seconds: Int) -> APIError {
        var error = APIError(.tooManyRequests, "TOO_MANY_REQUESTS",
                             "too many failed logins; try again in \(seconds) seconds")
        error.headers[.retryAfter] = String(seconds)
        return error
    }
}
