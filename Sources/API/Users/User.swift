import Foundation

/// A person who may call the API, with its argon2id password hash.
/// `tokenGeneration` moves on every password change, deactivation or forced logout, which invalidates every
/// token issued before (the tokens carry the generation they were issued under).
public struct User: Codable, Sendable, Equatable {
    /// A lowercase UUID.
    public var id: String
    public var username: String
    public var email: String?
    public var passwordHash: String
    public var isActive: Bool
    public var isSuperuser: Bool
    public var lastLogin: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var tokenGeneration: Int
    /// When `tokenGeneration` last moved: tokens issued before are refused.
    public var tokensValidAfter: Date

    enum CodingKeys: String, CodingKey {
        case id, username, email
        case passwordHash = "password_hash"
        case isActive = "is_active"
        case isSuperuser = "is_superuser"
        case lastLogin = "last_login"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case tokenGeneration = "token_generation"
        case tokensValidAfter = "tokens_valid_after"
    }
}

/// What a new user is made of; the password arrives in clear and leaves the store only as its hash.
public struct NewUser: Sendable {
    public var username: String
    public var email: String?
    public var password: String
    public var isActive: Bool
    public var isSuperuser: Bool

    public init(username: String, email: String? = nil, password: String, isActive: Bool = true,
                isSuperuser: Bool = false) {
        self.username = username
        self.email = email
        self.password = password
        self.isActive = isActive
        self.isSuperuser = isSuperuser
    }
}

/// The fields a PATCH may change; nil leaves a field as it is.
public struct UserChanges: Sendable {
    public var email: String?
    public var password: String?
    public var isActive: Bool?
    public var isSuperuser: Bool?

    public init(email: String? = nil, password: String? = nil, isActive: Bool? = nil, isSuperuser: Bool? = nil) {
        self.email = email
        self.password = password
        self.isActive = isActive
        self.isSuperuser = isSuperuser
    }
}
