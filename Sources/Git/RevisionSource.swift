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
        let slots = Slots(count: workers)
        let path = repositoryPath
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            slots.set(worker, Result {
                let repository = try Repository(at: path)
                return try stride(from: worker, to: listing.count, by: workers).map {
                    try repository.sourceFile(listing[$0])
                }
            })
        }
        var files: [SourceFile] = []
        files.reserveCapacity(listing.count)
        for slot in slots.values { files += try slot!.get() }
        return files
    }
}

/// One result per worker, each written by its own thread.
private final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[SourceFile], any Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<[SourceFile], any Error>) { lock.withLock { results[index] = result } }
    var values: [Result<[SourceFile], any Error>?] { lock.withLock { results } }
}
