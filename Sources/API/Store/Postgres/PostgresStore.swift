import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The store of replicas: a PostgreSQL database (postgres-nio) that every `wgc serve` behind a load balancer
/// shares, so a user made, a token revoked or a login failed on one is seen by all. Transactions that check a
/// rule across rows (the last superuser, a refresh token's single use) lock what they read.
public final class PostgresStore: APIStore {
    public let url: DatabaseURL
    public var location: String { url.description }
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    /// How long connecting may take before the server counts as unreachable.
    static let connectTimeout: Duration = .seconds(10)

    /// Connects to `url`, creates or upgrades the tables, and keeps a pool of connections for the requests.
    /// Throws `PostgresStoreError` (host and port named, never the password) when the server cannot be reached,
    /// refuses the login or the database.
    public init(url: DatabaseURL, logger: Logger) async throws {
        self.url = url
        self.logger = logger
        let tls = try Self.tls(url.tls)
        do {
            let connection = try await PostgresConnection.connect(configuration: Self.connection(url, tls: tls),
                                                                  id: 0, logger: logger)
            do {
                try await PostgresSchema.migrate(connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw PostgresStoreError(error, operation: "connecting", server: url)
        }
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.username,
                                                         password: url.password, database: url.database,
                                                         tls: Self.clientTLS(url.tls))
        configuration.options.connectTimeout = Self.connectTimeout
        // The pool's own messages (a connection made, one dropped when the store closes) are not the operator's
        // concern; failures reach the requests that needed the connection.
        var background = logger
        background.logLevel = .warning
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        running = Task { await client.run() }
    }

    public func close() async {
        running.cancel()
        await running.value
    }

    public func isReachable() async -> Bool {
        let probe = Task { try await perform("answering a probe") { try await self.scalar("SELECT 1") } }
        let timeout = Task {
            try await Task.sleep(for: .seconds(5))
            probe.cancel()
        }
        defer { timeout.cancel() }
        return (try? await probe.value) == 1
    }

    public func count() async throws -> Int {
        try await perform("counting users") { try await scalar("SELECT COUNT(*) FROM users") }
    }

    // MARK: Plumbing

    /// `body`, its postgres-nio errors turned into `PostgresStoreError` saying what was being done; the store's
    /// own errors (`UserStoreError`) pass through.
    func perform<Value>(_ operation: String, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as UserStoreError {
            throw error
        } catch {
            throw PostgresStoreError(error, operation: operation, server: url)
        }
    }

    /// `body` in a transaction on one connection: committed when it returns, rolled back when it throws.
    func transaction<Value: Sendable>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// The first column of the first row of `query`, a whole number.
    func scalar(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await client.query(query, logger: logger).decode(Int.self) { return value }
        return 0
    }

    private static func tls(_ mode: DatabaseURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    private static func clientTLS(_ mode: DatabaseURL.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    private static func connection(_ url: DatabaseURL, tls: PostgresConnection.Configuration.TLS)
        -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.username,
                                                             password: url.password, database: url.database,
                                                             tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout.components.seconds))
        return configuration
    }
}
