import Logging
import PostgresNIO

/// The PostgreSQL store's tables, one migration per change, applied in order under an advisory lock so that
/// replicas starting together apply each once; `wgc_schema` records which ran.
enum PostgresSchema {
    /// Held while migrating; any number that no other program on the database uses.
    static let migrationLock: Int64 = 0x7767_635F_7363_6865  // "wgc_sche"

    static let migrations: [(name: String, statements: [String])] = [
        ("v1: users, tokens, failed logins, audit log", [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT, password_hash TEXT NOT NULL,
                is_active BOOLEAN NOT NULL, is_superuser BOOLEAN NOT NULL, last_login TIMESTAMPTZ,
                created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
                token_generation BIGINT NOT NULL DEFAULT 0, tokens_valid_after TIMESTAMPTZ NOT NULL)
            """,
            // One row per refresh token ever issued: rotation marks the old one revoked and rotated, and
            // presenting a rotated one again is the reuse that revokes the whole user.
            """
            CREATE TABLE refresh_tokens (
                jti TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                session_id TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL, revoked_at TIMESTAMPTZ,
                rotated BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            "CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)",
            "CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)",
            // Access tokens revoked before they expire (logout); rows go once `expires_at` passed.
            "CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY, expires_at TIMESTAMPTZ NOT NULL)",
            "CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at)",
            "CREATE TABLE login_failures (key TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)",
            "CREATE INDEX login_failures_key_at ON login_failures (key, at)",
            "CREATE INDEX login_failures_at ON login_failures (at)",
            """
            CREATE TABLE audit_log (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, timestamp TIMESTAMPTZ NOT NULL, username TEXT,
                action TEXT NOT NULL, address TEXT, method TEXT, route TEXT, resource TEXT, detail TEXT,
                commit_id TEXT)
            """,
            "CREATE INDEX audit_log_username ON audit_log (username)",
            "CREATE INDEX audit_log_action ON audit_log (action)",
        ]),
    ]

    /// Applies the migrations `connection`'s database lacks, in one transaction.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS wgc_schema (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            for (index, migration) in migrations.enumerated() {
                let version = index + 1
                let applied = try await connection.query("SELECT 1 FROM wgc_schema WHERE version = \(version)",
                                                         logger: logger).collect()
                guard applied.isEmpty else { continue }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let name = migration.name
                try await connection.query("INSERT INTO wgc_schema (version, name) VALUES (\(version), \(name))",
                                           logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
