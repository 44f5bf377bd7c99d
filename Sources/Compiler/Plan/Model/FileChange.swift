/// A generated file of the node added, removed or changed, with its unified diff (`--- a/PATH`, `+++ b/PATH`;
/// `/dev/null` for the missing side). `manifest.json` is never listed: it changes whenever anything does.
public struct FileChange: Sendable, Codable, Equatable {
    /// The path in the compile output, `<node>/...`.
    public var path: String
    public var change: ChangeKind
    public var diff: String

    public init(path: String, change: ChangeKind, diff: String) {
        self.path = path
        self.change = change
        self.diff = diff
    }
}
