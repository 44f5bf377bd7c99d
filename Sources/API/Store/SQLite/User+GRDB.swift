import GRDB

/// A user is a row of the SQLite store's `users` table.
extension User: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "users"

    /// The columns queries filter and order by.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let username = Column(CodingKeys.username)
        static let isActive = Column(CodingKeys.isActive)
        static let isSuperuser = Column(CodingKeys.isSuperuser)
        static let createdAt = Column(CodingKeys.createdAt)
    }
}
