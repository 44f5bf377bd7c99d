/// How far the parser follows a file before refusing it, so that a crafted file costs bounded stack, memory
/// and time. Every tree the parser returns is at most `maxDepth` deep, even through aliases, so walking or
/// releasing it never recurses deeper than that.
public struct YAMLLimits: Sendable, Equatable {
    /// The most collections nested inside each other, counting the document's root collection as 1.
    public var maxDepth: Int
    /// The longest scalar, in bytes of UTF-8.
    public var maxScalarBytes: Int
    /// The most nodes one file may write out (an alias is one node here), so that memory and time stay
    /// proportional to what an inventory needs, not to how densely a file can pack nodes.
    public var maxNodes: Int
    /// What aliases may repeat in one file, in nodes plus scalar bytes: an alias of a node costs what the node
    /// holds, with its own aliases expanded. Stops anchors that reference anchors from growing exponentially.
    public var maxAliasExpansion: Int

    public init(maxDepth: Int, maxScalarBytes: Int, maxNodes: Int, maxAliasExpansion: Int) {
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.maxNodes = maxNodes
        self.maxAliasExpansion = maxAliasExpansion
    }
}
