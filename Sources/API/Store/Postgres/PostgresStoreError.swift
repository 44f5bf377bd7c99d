import PostgresNIO

/// Why the PostgreSQL store failed: what it was doing, the server (host and port, never the password), and the
/// reason — the server's own message and SQLSTATE when it answered, else why no connection could be made.
public struct PostgresStoreError: Error, CustomStringConvertible {
    public enum Code: Sendable {
        /// No connection: nothing listens, the name does not resolve, TLS failed, or it took too long.
        case unreachable
        /// The server answered with an error (a login refused, a missing database, a failed statement).
        case server
        /// Anything else that interrupted the work (a closed connection, a value of an unexpected type).
        case failed
    }

    public var code: Code
    /// What was being done, e.g. `connecting`, `creating a user`.
    public var operation: String
    /// The server as `postgres://user@host:port/database`.
    public var server: String
    public var reason: String
    /// The server's SQLSTATE, when it answered.
    public var sqlState: String?

    public var description: String {
        switch code {
        case .unreachable: "cannot reach PostgreSQL at \(server) (\(operation)): \(reason)"
        case .server: "PostgreSQL at \(server) refused \(operation): \(reason)"
                + (sqlState.map { " (SQLSTATE \($0))" } ?? "")
        case .failed: "PostgreSQL at \(server) failed while \(operation): \(reason)"
        }
    }

    /// `error` as thrown by postgres-nio, made readable. Its own description is deliberately generic, so the
    /// server's fields and the underlying connection error are read out here.
    init(_ error: any Error, operation: String, server: DatabaseURL) {
        self.operation = operation
        self.server = server.description
        guard let error = error as? PSQLError else {
            code = .failed
            reason = "\(error)"
            return
        }
        if let info = error.serverInfo, let message = info[.message] {
            code = .server
            reason = message + (info[.detail].map { ": " + $0 } ?? "")
            sqlState = info[.sqlState]
            return
        }
        switch error.code {
        case .connectionError, .sslUnsupported, .failedToAddSSLHandler:
            code = .unreachable
            reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
        default:
            code = .failed
            reason = "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }
}
