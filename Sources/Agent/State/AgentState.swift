import Foundation

/// What the agent knows between runs, kept as JSON in the state folder: the last revision applied (the one to
/// return to), the last one tried and how that went, a bounded history, and what wgc itself put on the router
/// (so it removes its own addresses and never anyone else's).
public struct AgentState: Codable, Sendable, Equatable {
    public static let historyLimit = 50
    /// Change lines kept per attempt: a full apply of thousands of peers is summed up, not stored line by line.
    public static let changesLimit = 100

    public var node: String
    /// The last good revision: what the node runs, and what a failure or a reboot returns to.
    public var applied: AppliedRevision?
    public var lastAttempt: Attempt?
    /// Newest first, at most `historyLimit`.
    public var history: [Attempt] = []
    /// Set while a revision is being applied; still set after a restart means the agent was killed part-way.
    public var applying: String?
    /// Interface addresses wgc added, by interface, as `address/length`.
    public var managedAddresses: [String: [String]] = [:]

    public init(node: String) { self.node = node }

    /// Records `attempt` as the last one and in the history.
    public mutating func record(_ attempt: Attempt) {
        var attempt = attempt
        if let changes = attempt.changes, changes.count > Self.changesLimit {
            attempt.changes = Array(changes.prefix(Self.changesLimit))
                + ["… and \(changes.count - Self.changesLimit) more changes"]
        }
        lastAttempt = attempt
        history.insert(attempt, at: 0)
        if history.count > Self.historyLimit { history.removeLast(history.count - Self.historyLimit) }
        if attempt.outcome == .applied {
            applied = AppliedRevision(commit: attempt.commit, appliedAt: attempt.finishedAt)
        }
    }
}

/// A revision the node runs, since when.
public struct AppliedRevision: Codable, Sendable, Equatable {
    public var commit: String
    public var appliedAt: Date
}

/// One try at a revision and how it ended.
public struct Attempt: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// Applied and verified; now the last good revision.
        case applied
        /// The revision does not validate; nothing was touched.
        case invalid
        /// Refused before anything changed (a key mismatch, BIRD's config check).
        case refused
        /// Applying or verifying failed; the node was returned to the last good revision.
        case rolledBack = "rolled-back"
        /// Something outside the revision failed (a dead BIRD, a missing key file); it is tried again next cycle.
        case failed
    }

    public var commit: String
    public var outcome: Outcome
    public var startedAt: Date
    public var finishedAt: Date
    /// Why it was not applied, for every outcome but `applied`.
    public var reason: String?
    /// The inventory's diagnostics (`file:line:column: error[code]: message`) for an invalid revision.
    public var diagnostics: [String]?
    /// What changed, in a few words per part (peers added, BIRD reconfigured…).
    public var changes: [String]?

    public init(commit: String, outcome: Outcome, startedAt: Date, finishedAt: Date, reason: String? = nil,
                diagnostics: [String]? = nil, changes: [String]? = nil) {
        self.commit = commit
        self.outcome = outcome
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.reason = reason
        self.diagnostics = diagnostics
        self.changes = changes
    }
}
