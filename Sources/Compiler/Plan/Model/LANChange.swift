/// A LAN interface of the node, as radvd advertises it: its prefix and RDNSS servers before and after.
public struct LANChange: Sendable, Codable, Equatable {
    public var interface: String
    public var change: ChangeKind
    public var fields: [FieldChange]

    public init(interface: String, change: ChangeKind, fields: [FieldChange]) {
        self.interface = interface
        self.change = change
        self.fields = fields
    }
}
