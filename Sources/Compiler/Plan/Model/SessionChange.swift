/// A BGP session of the node added, removed or changed, with the prefixes it exports before and after (what
/// bird.conf's export filter for the session lets out). A session whose exports change is changed even when
/// none of its own fields is.
public struct SessionChange: Sendable, Codable, Equatable {
    public var name: String
    public var change: ChangeKind
    public var fields: [FieldChange]
    public var exports: Exports

    public init(name: String, change: ChangeKind, fields: [FieldChange], exports: Exports) {
        self.name = name
        self.change = change
        self.fields = fields
        self.exports = exports
    }

    /// Exported prefixes in prefix order; empty on the side where the session does not exist.
    public struct Exports: Sendable, Codable, Equatable {
        public var before: [String]
        public var after: [String]

        public init(before: [String], after: [String]) {
            self.before = before
            self.after = after
        }

        public var added: [String] { after.filter { !before.contains($0) } }
        public var withdrawn: [String] { before.filter { !after.contains($0) } }
        public var isChanged: Bool { before != after }
    }
}
