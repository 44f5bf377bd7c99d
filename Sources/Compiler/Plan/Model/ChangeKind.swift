/// How an object of a node differs between the plan's base and head.
public enum ChangeKind: String, Sendable, Codable, Equatable {
    case added
    case removed
    case changed
    /// Only nodes are listed unchanged, so that a plan says plainly that nothing happens to them.
    case unchanged
}
