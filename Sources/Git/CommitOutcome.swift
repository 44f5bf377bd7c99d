/// What `Repository.commit` did.
public enum CommitOutcome: Sendable, Equatable {
    /// A new commit, and the branch now points at it.
    case committed(ObjectID)
    /// The changes left the tree as it was: no commit, the branch is where it was.
    case unchanged(ObjectID)

    public var commit: ObjectID {
        switch self {
        case .committed(let id), .unchanged(let id): id
        }
    }
}
