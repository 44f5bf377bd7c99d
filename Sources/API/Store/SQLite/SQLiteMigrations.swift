import GRDB

/// The schema of `users.sqlite` (users, tokens, the audit log, failed logins), one migration per change; GRDB
/// records which ran.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users and tokens") { db in
            try db.create(table: "users") { table in
                table.primaryKey("id", .text)
                table.column("username", .text).notNull().unique()
                table.column("email", .text)
                table.column("password_hash", .text).notNull()
                table.column("is_active", .boolean).notNull()
                table.column("is_superuser", .boolean).notNull()
                table.column("last_login", .datetime)
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("token_generation", .integer).notNull().defaults(to: 0)
                table.column("tokens_valid_after", .datetime).notNull()
            }
            // One row per refresh token ever issued: rotation marks the old one revoked, and presenting a revoked
            // one again is the reuse that revokes the whole user.
            try db.create(table: "refresh_tokens") { table in
                table.primaryKey("jti", .text)
                table.column("user_id", .text).notNull().indexed()
                    .references("users", onDelete: .cascade)
                table.column("session_id", .text).notNull().indexed()
                table.column("expires_at", .datetime).notNull()
                table.column("revoked_at", .datetime)
                // Set when the token was exchanged for a new one; only such a token presented again is a reuse.
                table.column("rotated", .boolean).notNull().defaults(to: false)
            }
            // Access tokens revoked before they expire (logout); rows can go once `expires_at` passed.
            try db.create(table: "revoked_tokens") { table in
                table.primaryKey("jti", .text)
                table.column("expires_at", .datetime).notNull().indexed()
            }
        }
        migrator.registerMigration("v2: audit log") { db in
            // One row per login attempt and per write through the API, never a password or a token; only the
            // newest rows are kept (see `AuditLog.retention`). `id` only grows, so it orders by time.
            try db.create(table: "audit_log") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("timestamp", .datetime).notNull()
                table.column("username", .text).indexed()
                table.column("action", .text).notNull().indexed()
                table.column("address", .text)
                table.column("method", .text)
                table.column("route", .text)
                table.column("resource", .text)
                table.column("detail", .text)
                table.column("commit_id", .text)
            }
        }
        migrator.registerMigration("v3: failed logins") { db in
            // One row per failed login and key (`address:…`, `username:…`); rows older than the limiter's window
            // are deleted as new ones come.
            try db.create(table: "login_failures") { table in
                table.column("key", .text).notNull()
                table.column("at", .datetime).notNull().indexed()
            }
            try db.create(index: "login_failures_key_at", on: "login_failures", columns: ["key", "at"])
        }
        return migrator
    }
}
