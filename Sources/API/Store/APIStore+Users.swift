import Foundation
import Sodium

/// What both stores do alike: passwords are hashed (argon2id) before a store sees them.
extension APIStore {
    public func create(_ new: NewUser) async throws -> User {
        guard let hash = Sodium.hashPassword(new.password) else { throw UserStoreError.hashingFailed }
        let now = Date()
        let user = User(id: UUID().uuidString.lowercased(), username: new.username, email: new.email,
                        passwordHash: hash, isActive: new.isActive, isSuperuser: new.isSuperuser, lastLogin: nil,
                        createdAt: now, updatedAt: now, tokenGeneration: 0, tokensValidAfter: now)
        try await insert(user)
        return user
    }

    /// Applies `changes`; a new password or a deactivation invalidates every token the user holds, and the last
    /// active superuser can be neither deactivated nor demoted.
    public func update(id: String, changes: UserChanges) async throws -> User {
        let hash = try changes.password.map { password in
            guard let hashed = Sodium.hashPassword(password) else { throw UserStoreError.hashingFailed }
            return hashed
        }
        return try await update(id: id.lowercased(), changes: changes, passwordHash: hash)
    }

    public func recordLogin(id: String) async throws {
        try await recordLogin(id: id, at: Date())
    }
}
