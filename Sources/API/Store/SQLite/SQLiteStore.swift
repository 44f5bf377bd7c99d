import Foundation
import GRDB

/// The store of one server: one SQLite file (`users.sqlite` in the state directory, mode 0600) through GRDB,
/// holding the users with their argon2id hashes, tokens, failed logins and the audit log.
public final class SQLiteStore: APIStore {
    public static let fileName = "users.sqlite"
    let database: DatabasePool
    public let location: String

    /// Opens (creating it 0600 and migrating it when needed) the database at `path`.
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        // Another process on the same file (`wgc users create` beside the server) waits its turn to write.
        configuration.busyMode = .timeout(10)
        database = try DatabasePool(path: path, configuration: configuration)
        location = path
        try SQLiteMigrations.migrator.migrate(database)
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

    public func isReachable() async -> Bool {
        (try? await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    public func user(id: String) async throws -> User? {
        try await database.read { db in try User.fetchOne(db, key: id.lowercased()) }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { db in try User.filter(User.Columns.username == username).fetchOne(db) }
    }

    public func list(limit: Int, offset: Int) async throws -> [User] {
        try await database.read { db in
            try User.order(User.Columns.createdAt, User.Columns.username).limit(limit, offset: offset).fetchAll(db)
        }
    }

    public func insert(_ user: User) async throws {
        do {
            try await database.write { db in try user.insert(db) }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw UserStoreError.duplicateUsername(user.username)
        }
    }

    public func update(id: String, changes: UserChanges, passwordHash hash: String?) async throws -> User {
        try await database.write { db in
            guard var user = try User.fetchOne(db, key: id) else { throw UserStoreError.notFound }
            let others = try Self.otherActiveSuperusers(than: user.id, db)
            if let refusal = LastSuperuserRule.refusal(of: .update(changes), to: user, otherActiveSuperusers: others) {
                throw refusal
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

    public func delete(id: String) async throws {
        try await database.write { db in
            guard let user = try User.fetchOne(db, key: id.lowercased()) else { throw UserStoreError.notFound }
            let others = try Self.otherActiveSuperusers(than: user.id, db)
            if let refusal = LastSuperuserRule.refusal(of: .deletion, to: user, otherActiveSuperusers: others) {
                throw refusal
            }
            _ = try User.deleteOne(db, key: user.id)
        }
    }

    public func recordLogin(id: String, at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE users SET last_login = ? WHERE id = ?", arguments: [date, id])
        }
    }

    /// SQLite needs no closing: the pool goes with the store.
    public func close() async {}

    static func otherActiveSuperusers(than id: String, _ db: Database) throws -> Int {
        try User.filter(User.Columns.isActive == true && User.Columns.isSuperuser == true && User.Columns.id != id)
            .fetchCount(db)
    }
}
