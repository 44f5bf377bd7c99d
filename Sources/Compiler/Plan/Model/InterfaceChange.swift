/// A WireGuard server of the node (one wg-quick interface) added, removed or changed.
public struct InterfaceChange: Sendable, Codable, Equatable {
    /// The WireGuardServer's name.
    public var server: String
    /// The interface name (`wg0`), as of head when the server still exists.
    public var interface: String
    public var change: ChangeKind
    public var fields: [FieldChange]

    public init(server: String, interface: String, change: ChangeKind, fields: [FieldChange]) {
        self.server = server
        self.interface = interface
        self.change = change
        self.fields = fields
    }
}
