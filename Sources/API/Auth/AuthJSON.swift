import Hummingbird

/// `POST /auth/login`.
struct LoginBody: StrictJSONBody {
    static let fields: Set<String> = ["username", "password"]
    var username: String
    var password: String
}

/// The answer to a login or a refresh: the reference's `access_token`, `token_type`, `user`, plus the refresh
/// token and the access token's lifetime in seconds.
struct TokenResponse: ResponseEncodable {
    var accessToken: String
    var tokenType = "bearer"
    var expiresIn: Int
    var refreshToken: String
    var user: LoginUser

    init(_ issued: IssuedTokens, user: User, lifetime: Double) {
        accessToken = issued.access
        refreshToken = issued.refresh
        expiresIn = Int(lifetime)
        self.user = LoginUser(id: user.id, username: user.username, email: user.email, isActive: user.isActive,
                              isSuperuser: user.isSuperuser)
    }
}

/// The user in a login answer, as the reference shows it.
struct LoginUser: Encodable {
    var id: String
    var username: String
    var email: String?
    var isActive: Bool
    var isSuperuser: Bool

    enum CodingKeys: String, CodingKey {
        case id, username, email, isActive, isSuperuser
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encode(email, forKey: .email)
        try container.encode(isActive, forKey: .isActive)
        try container.encode(isSuperuser, forKey: .isSuperuser)
    }
}
