/// A prefix pool of the node added, removed, changed, or whose usage changed (allocations or LAN prefixes
/// came or went). Usage is counted as allocations.json counts it; nil on the side where the pool does not exist.
public struct PoolChange: Sendable, Codable, Equatable {
    public var name: String
    /// The pool's prefix, as of head when it still exists.
    public var prefix: String
    /// The length usage is counted in (`max_prefix_length`), as of head when the pool still exists.
    public var defaultLength: Int
    public var change: ChangeKind
    public var fields: [FieldChange]
    public var usageBefore: PoolUsage?
    public var usageAfter: PoolUsage?

    public init(name: String, prefix: String, defaultLength: Int, change: ChangeKind, fields: [FieldChange],
                usageBefore: PoolUsage?, usageAfter: PoolUsage?) {
        self.name = name
        self.prefix = prefix
        self.defaultLength = defaultLength
        self.change = change
        self.fields = fields
        self.usageBefore = usageBefore
        self.usageAfter = usageAfter
    }

    enum CodingKeys: String, CodingKey {
        case name, prefix, change, fields
        case defaultLength = "default_length"
        case usageBefore = "usage_before"
        case usageAfter = "usage_after"
    }

    /// The usage of the side without the pool is `null` rather than absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(defaultLength, forKey: .defaultLength)
        try container.encode(change, forKey: .change)
        try container.encode(fields, forKey: .fields)
        try container.encode(usageBefore, forKey: .usageBefore)
        try container.encode(usageAfter, forKey: .usageAfter)
    }
}
