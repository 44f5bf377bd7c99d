import Foundation
import Hummingbird

/// A user as the reference shows it; never the hash. Absent `email` and `last_login` are `null`, not missing.
struct UserResponse: ResponseEncodable, Equatable {
    var id: String
    var username: String
    var email: String?
    var isActive: Bool
    var isSuperuser: Bool
    var lastLogin: Date?
    var createdAt: Date
    var updatedAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username
        email = user.email
        isActive = user.isActive
        isSuperuser = user.isSuperuser
        lastLogin = user.lastLogin
        createdAt = user.createdAt
        updatedAt = user.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, username, email, isActive, isSuperuser, lastLogin, createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encode(email, forKey: .email)
        try container.encode(isActive, forKey: .isActive)
        try container.encode(isSuperuser, forKey: .isSuperuser)
        try container.encode(lastLogin, forKey: .lastLogin)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// `POST /users`.
struct CreateUserBody: StrictJSONBody {
    static let fields: Set<String> = ["username", "email", "password", "is_active", "is_superuser"]
    var username: String
    var email: String?
    var password: String
    var isActive: Bool?
    var isSuperuser: Bool?
}

/// `PATCH /users/{id}`.
struct UpdateUserBody: StrictJSONBody {
    static let fields: Set<String> = ["email", "password", "is_active", "is_superuser"]
    var email: String?
    var password: String?
    var isActive: Bool?
    var isSuperuser: Bool?
}
