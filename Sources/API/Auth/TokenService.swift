import Foundation
import JWTKit

/// Signs and checks wgc's HS256 tokens: short-lived access tokens and longer refresh tokens, the latter stored by
/// `jti` in the user store so that they can be rotated and revoked.
public struct TokenService: Sendable {
    let keys: JWTKeyCollection
    /// Seconds an access token lives (15 minutes unless a test says otherwise).
    public let accessLifetime: TimeInterval
    public let refreshLifetime: TimeInterval

    public init(secret: [UInt8], accessLifetime: TimeInterval = 15 * 60,
                refreshLifetime: TimeInterval = 7 * 24 * 3600) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
    }

    /// A new access and refresh token for `user` in login session `sessionID`; the refresh token is not stored
    /// here (see `APIStore.storeRefreshToken` and `rotateRefreshToken`).
    func issue(for user: User, sessionID: String, now: Date = Date()) async throws -> IssuedTokens {
        let access = payload(.access, user: user, sessionID: sessionID, now: now)
        let refresh = payload(.refresh, user: user, sessionID: sessionID, now: now)
        return IssuedTokens(access: try await keys.sign(access), refresh: try await keys.sign(refresh),
                            accessPayload: access, refreshPayload: refresh)
    }

    /// The claims of `token` when its signature is good, it has not expired and it is of `kind`.
    func verify(_ token: String, as kind: TokenPayload.Kind) async -> TokenPayload? {
        guard let payload = try? await keys.verify(token, as: TokenPayload.self), payload.typ == kind else {
            return nil
        }
        return payload
    }

    private func payload(_ kind: TokenPayload.Kind, user: User, sessionID: String, now: Date) -> TokenPayload {
        let lifetime = kind == .access ? accessLifetime : refreshLifetime
        return TokenPayload(sub: .init(value: user.id), jti: .init(value: UUID().uuidString.lowercased()),
                            exp: .init(value: now.addingTimeInterval(lifetime)), iat: .init(value: now), typ: kind,
                            sid: sessionID, gen: user.tokenGeneration)
    }
}

/// A freshly signed token pair with its claims.
struct IssuedTokens: Sendable {
    var access: String
    var refresh: String
    var accessPayload: TokenPayload
    var refreshPayload: TokenPayload
}
