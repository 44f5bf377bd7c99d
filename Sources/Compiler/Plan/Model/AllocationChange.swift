/// A prefix of one of the node's pools given to a client, taken away, moved to another prefix, or changed.
public struct AllocationChange: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        case added
        /// The prefix is no longer allocated: the client loses it.
        case released
        /// The same client has a different prefix of the same pool instead.
        case moved
        /// Same prefix, another client or another `auto_announce`.
        case changed
    }

    /// The prefix as of head (as of base when released).
    public var prefix: String
    /// The client as of head (as of base when released).
    public var client: String
    public var pool: String
    public var change: Kind
    public var fields: [FieldChange]

    public init(prefix: String, client: String, pool: String, change: Kind, fields: [FieldChange]) {
        self.prefix = prefix
        self.client = client
        self.pool = pool
        self.change = change
        self.fields = fields
    }
}
