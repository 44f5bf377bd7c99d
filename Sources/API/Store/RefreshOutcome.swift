/// What presenting a refresh token led to.
public enum RefreshOutcome: Sendable, Equatable {
    /// The token was current: it is now revoked and the new one stored in its place.
    case rotated(User)
    /// The token had already been exchanged: every token of its user is now revoked.
    case reused
    /// No such token (its user deleted), or one revoked by a logout or a password change.
    case unknown
}
