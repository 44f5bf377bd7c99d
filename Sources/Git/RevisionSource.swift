import Compiler

/// An inventory as it is in one commit of a repository, read from the commit's tree without a checkout.
/// Compiling it gives exactly the bytes that compiling a checkout of that commit gives, as long as the checkout
/// applies no filters: files are read as committed, without `.gitattributes` eol, `filter` (LFS) or encoding
/// conversions, which would depend on the machine's git configuration.
public struct RevisionSource: InventorySource {
    /// The repository folder (work tree or bare).
    public var repositoryPath: String
    public var commit: ObjectID
    /// The inventory's folder (or file) relative to the repository root; "" is the whole tree.
    public var folder: String

    public init(repositoryPath: String, commit: ObjectID, folder: String) {
        self.repositoryPath = repositoryPath
        self.commit = commit
        self.folder = folder
    }

    public var description: String { "\(folder.isEmpty ? "." : folder) at \(commit.short)" }

    /// Opens its own handle, so sources of two revisions can be read on two threads at once.
    public func files() throws -> [SourceFile] {
        try Repository(at: repositoryPath).inventoryFiles(at: commit, folder: folder)
    }
}
