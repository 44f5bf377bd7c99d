/// What an audit log entry records.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    /// A login that got tokens.
    case login
    /// A login refused: unknown user, wrong password, deactivated account or too many failures.
    case loginFailed = "login_failed"
    /// A write through the API that did what it was asked (its commit, when it made one).
    case write
    /// A write that was refused or failed; it may still name a commit (made, but not pushed).
    case writeFailed = "write_failed"
}

/// How a write ended, as the write path tells `AuditLog.recordWrite`.
public enum AuditWriteOutcome: Sendable, Equatable {
    case succeeded
    /// Refused or failed, and why (never a secret).
    case failed(reason: String)
}
