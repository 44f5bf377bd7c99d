import JWTKit

/// The claims of wgc's tokens: who (`sub`), which token (`jti`), until when (`exp`), which login session (`sid`),
/// and the user's token generation at issue (`gen`), so that a password change or deactivation voids it.
struct TokenPayload: JWTPayload, Equatable {
    /// Access tokens open the API; refresh tokens only buy a new pair.
    enum Kind: String, Codable, Sendable {
        case access, refresh
    }

    var sub: SubjectClaim
    var jti: IDClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var typ: Kind
    var sid: String
    var gen: Int

    func verify(using algorithm: some JWTAlgorithm) throws {
        try exp.verifyNotExpired()
    }
}
