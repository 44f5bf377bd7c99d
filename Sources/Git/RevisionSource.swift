import Compiler
import Foundation

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

    /// Lists the tree, then reads the blobs on every core, each thread with its own repository handle (libgit2's
    /// are not shared between threads): inflating git's compressed objects is most of the time spent here.
    public func files() throws -> [SourceFile] {
        let listing = try Repository(at: repositoryPath).inventoryFiles(at: commit, folder: folder)
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, listing.count / 4))
        let path = repositoryPath
        let shares = (0..<workers).map { worker in
            Array(stride(from: worker, to: listing.count, by: workers).map { listing[$0] })
        }
        return try shares.parallelMap { share in Result { try Repository(at: path).read(share) } }
            .flatMap { try $0.get() }
    }
}
