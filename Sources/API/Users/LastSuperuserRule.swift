/// The rule that keeps the users manageable: the last active superuser is neither deleted, deactivated nor
/// demoted. Each store counts the other active superusers in its own transaction and asks this rule.
enum LastSuperuserRule {
    /// What a store is about to do to a user.
    enum Change {
        case update(UserChanges)
        case deletion
    }

    /// `UserStoreError.lastSuperuser` when `change` would take `user`, an active superuser, out of the active
    /// superusers while no other is left; nil when the change may go ahead.
    static func refusal(of change: Change, to user: User, otherActiveSuperusers: Int) -> UserStoreError? {
        guard user.isActive && user.isSuperuser, otherActiveSuperusers == 0 else { return nil }
        switch change {
        case .update(let changes):
            return changes.isActive == false || changes.isSuperuser == false ? .lastSuperuser : nil
        case .deletion:
            return .lastSuperuser
        }
    }
}
