/// A WireGuard client, as a peer of one of the node's servers, added, removed or changed. `delegated_prefixes`
/// among its fields are the allocations routed to the client.
public struct PeerChange: Sendable, Codable, Equatable {
    public var client: String
    /// The server and interface the peer is on, as of head when it still exists.
    public var server: String
    public var interface: String
    public var change: ChangeKind
    public var fields: [FieldChange]

    public init(client: String, server: String, interface: String, change: ChangeKind, fields: [FieldChange]) {
        self.client = client
        self.server = server
        self.interface = interface
        self.change = change
        self.fields = fields
    }
}
