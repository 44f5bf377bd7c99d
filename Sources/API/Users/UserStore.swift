import Foundation
import GRDB
import Sodium

/// The API's users in one SQLite file (`users.sqlite` in the state directory, mode 0600): accounts with their
/// argon2id hashes, refresh tokens and revoked access tokens.
public final class UserStore: Sendable {
    public static let fileName = "users.sqlite"
    let database: DatabasePool

    /// Opens (creating it 0600 and migrating it when needed) the database at `path`.
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        database = try DatabasePool(path: path, configuration: configuration)
        try UserMigrations.migrator.migrate(database)
    }

    /// The store of a state directory, created 0700 when missing.
    public convenience init(stateDirectory: String) throws {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try self.init(path: (stateDirectory as NSString).appendingPathComponent(Self.fileName))
    }

    public func count() async throws -> Int {
        try await database.read { db in try User.fetchCount(db) }
    }

    /// Whether the database answers a query (the readiness probe).
    public func isReachable() async -> Bool {
        (try? await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    public func user(id: String) async throws -> User? {
        try await database.read { db in try User.fetchOne(db, key: id.lowercased()) }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { db in try User.filter(User.Columns.username == username).fetchOne(db) }
    }

    /// Users in creation order.
    public func list(limit: Int, offset: Int) async throws -> [User] {
        try await database.read { db in
            try User.order(User.Columns.createdAt, User.Columns.username).limit(limit, offset: offset).fetchAll(db)
        }
    }

    public func create(_ new: NewUser) async throws -> User {
        guard let hash = Sodium.hashPassword(new.password) else { throw UserStoreError.hashingFailed }
        let now = Date()
        let user = User(id: UUID().uuidString.lowercased(), username: new.username, email: new.email,
                        passwordHash: hash, isActive: new.isActive, isSuperuser: new.isSuperuser, lastLogin: nil,
                        createdAt: now, updatedAt: now, tokenGeneration: 0, tokensValidAfter: now)
        do {
            try await database.write { db in try user.insert(db) }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw UserStoreError.duplicateUsername(new.username)
        }
        return user
    }

    /// Applies `changes`; a new password or a deactivation invalidates every token the user holds, and the last
    /// active superuser can be neither deactivated nor demoted.
    public func update(id: String, changes: UserChanges) async throws -> User {
        let hash = try changes.password.map { password in
            guard let hashed = Sodium.hashPassword(password) else { throw UserStoreError.hashingFailed }
            return hashed
        }
        return try await database.write { db in
            guard var user = try User.fetchOne(db, key: id.lowercased()) else { throw UserStoreError.notFound }
            let losesSuperuser = (changes.isActive == false || changes.isSuperuser == false)
                && user.isActive && user.isSuperuser
            if losesSuperuser, try Self.otherActiveSuperusers(than: user.id, db) == 0 {
                throw UserStoreError.lastSuperuser
            }
            let now = Date()
            if let email = changes.email { user.email = email }
            if let isActive = changes.isActive { user.isActive = isActive }
            if let isSuperuser = changes.isSuperuser { user.isSuperuser = isSuperuser }
            if let hash { user.passwordHash = hash }
            user.updatedAt = now
            try user.update(db)
            if hash != nil || changes.isActive == false { try Self.revokeAllTokens(of: user.id, at: now, db) }
            return try User.fetchOne(db, key: user.id) ?? user
        }
    }

    /// Deletes a user and its refresh tokens; the last active superuser stays.
    public func delete(id: String) async throws {
        try await database.write { db in
            guard let user = try User.fetchOne(db, key: id.lowercased()) else { throw UserStoreError.notFound }
            if user.isActive && user.isSuperuser, try Self.otherActiveSuperusers(than: user.id, db) == 0 {
                throw UserStoreError.lastSuperuser
            }
            _ = try User.deleteOne(db, key: user.id)
        }
    }

    public func recordLogin(id: String, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE users SET last_login = ? WHERE id = ?", arguments: [date, id])
        }
    }

    static func otherActiveSuperusers(than id: String, _ db: Database) throws -> Int {
        try User.filter(User.Columns.isActive == true && User.Columns.isSuperuser == true && User.Columns.id != id)
            .fetchCount(db)
    }
}
