/// What one agent cycle did, for the log, `--once`'s exit status and the state file.
public struct CycleReport: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// The router already runs the branch's revision, and nothing had drifted.
        case unchanged
        /// A new revision was applied and verified.
        case applied
        /// The revision was already applied, but the live state had drifted from it and was put back.
        case repaired
        /// What a dry run found it would do (nothing was touched).
        case planned
        /// The revision does not validate; the router keeps the last good one.
        case invalid
        /// The revision was refused before anything changed.
        case refused
        /// Applying or verifying failed; the router was returned to the last good revision.
        case rolledBack = "rolled-back"
        /// The branch still points at a revision that failed before: it is not retried until the branch moves.
        case waiting
        /// Something outside the revision failed (fetch, a dead daemon, a missing key file).
        case failed
    }

    public var outcome: Outcome
    /// The commit the cycle was about, when it got that far.
    public var commit: String?
    public var reason: String?
    public var changes: [String]
    /// An invalid revision's errors, `file:line:column: error[code]: message`.
    public var diagnostics: [String]

    public init(_ outcome: Outcome, commit: String?, reason: String? = nil, changes: [String] = [],
                diagnostics: [String] = []) {
        self.outcome = outcome
        self.commit = commit
        self.reason = reason
        self.changes = changes
        self.diagnostics = diagnostics
    }

    /// `--once`'s exit status: 0 applied or nothing to do, 1 refused or rolled back, 2 environment errors.
    public var exitStatus: Int32 {
        switch outcome {
        case .unchanged, .applied, .repaired, .planned: return 0
        case .invalid, .refused, .rolledBack, .waiting: return 1
        case .failed: return 2
        }
    }
}
