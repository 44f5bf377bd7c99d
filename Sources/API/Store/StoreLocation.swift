import Foundation
import Logging

/// Where `wgc serve` keeps its store: SQLite in the state directory unless `--database` names a PostgreSQL
/// database that replicas share.
public enum StoreLocation: Sendable {
    case sqlite(stateDirectory: String)
    case postgres(DatabaseURL)

    /// `database` is `--database`: nil or empty for SQLite, else a `postgres://` URL.
    public init(database: String?, stateDirectory: String) throws {
        guard let database, !database.isEmpty else {
            self = .sqlite(stateDirectory: stateDirectory)
            return
        }
        self = .postgres(try DatabaseURL(database))
    }

    /// Opens the store, creating or upgrading its tables; a PostgreSQL server that cannot be reached or refuses
    /// throws `PostgresStoreError` naming its host and port.
    public func open(logger: Logger) async throws -> any APIStore {
        switch self {
        case .sqlite(let stateDirectory): try SQLiteStore(stateDirectory: stateDirectory)
        case .postgres(let url): try await PostgresStore(url: url, logger: logger)
        }
    }
}
