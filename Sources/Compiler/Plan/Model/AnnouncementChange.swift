/// A BGP announcement of the node added, removed or changed. What it does to each session shows in the
/// sessions' exports.
public struct AnnouncementChange: Sendable, Codable, Equatable {
    public var name: String
    public var change: ChangeKind
    public var fields: [FieldChange]

    public init(name: String, change: ChangeKind, fields: [FieldChange]) {
        self.name = name
        self.change = change
        self.fields = fields
    }
}
