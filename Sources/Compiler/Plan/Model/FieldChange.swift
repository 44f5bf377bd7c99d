/// One field of an object as it was and as it will be, spelled as the inventory spells it (lists joined with
/// ", "); nil when the field is unset or the list empty. An added object lists its fields with only `after`, a
/// removed one with only `before`, leaving out those at their usual value (`enabled: true`, `hold_time: 90`).
public struct FieldChange: Sendable, Codable, Equatable {
    /// The inventory's field name (`public_key`, `hold_time`), or a derived one (`delegated_prefixes`).
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    enum CodingKeys: String, CodingKey {
        case field, before, after
    }

    /// A missing value is `null`, not an absent key: every field change has the same three keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
    }
}
