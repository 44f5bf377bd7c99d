import Compiler
import Git

/// The inventory of the revision an agent compiled last, kept as loaded and checked: when the branch moves by a
/// few files, the next revision reads those files and validates only what they change (`LoadedInventory`).
public struct FollowedRevision: Sendable {
    public var commit: ObjectID
    var loaded: LoadedInventory

    /// Whether this revision was validated from the one before rather than in full.
    public var wasCheckedIncrementally: Bool { loaded.lastCheckWasIncremental }
}
