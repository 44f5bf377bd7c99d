import Compiler
import Foundation
import Git

/// Where an agent's revisions come from: one branch of a remote (a URL or a path), fetched into a bare
/// repository in the state folder. Git stays the truth; the local copy is what lets a router re-apply its last
/// good revision at boot before the network is up.
public struct RevisionFeed: Sendable {
    public var remote: String
    public var branch: String
    /// The inventory's folder inside the repository ("" for the root).
    public var folder: String
    public var repositoryPath: String
    public var access: RemoteAccess

    public init(remote: String, branch: String, folder: String, repositoryPath: String,
                access: RemoteAccess = RemoteAccess()) {
        self.remote = remote
        self.branch = branch
        self.folder = Repository.normalise(folder)
        self.repositoryPath = repositoryPath
        self.access = access
    }

    var trackingReference: String { "refs/remotes/origin/\(branch)" }

    /// Fetches the branch and returns its commit.
    public func fetch() throws -> ObjectID {
        try Repository.openOrCreateBare(at: repositoryPath).fetch(branch, from: remote, into: trackingReference,
                                                                    access: access)
    }

    /// Compiles the inventory of `commit` from the local copy.
    public func compile(_ commit: ObjectID, options: CompileOptions) throws -> CompiledRevision {
        try CompiledRevision.compile(repository: repositoryPath, commit: commit, name: commit.short, folder: folder,
                                     options: options)
    }

    /// Most files a move of the branch may change and still be read as a change of `followed`; more is read whole.
    static let followLimit = 2_000

    /// Compiles `commit` from the local copy, as `compile(_:options:)` does, reading only the files that differ from
    /// the `followed` revision and validating only what they change when it can; `followed` is then `commit`.
    public func compile(_ commit: ObjectID, options: CompileOptions, following followed: inout FollowedRevision?)
        throws -> CompiledRevision {
        let repository = try Repository(at: repositoryPath)
        let previous = followed
        followed = nil
        var loaded: LoadedInventory
        do {
            loaded = try Self.load(commit, following: previous, from: repository, at: repositoryPath, folder: folder)
        } catch {
            followed = previous
            throw error
        }
        var compiled = CompiledRevision.compile(revision: commit.short, commit: commit.hex, loaded: &loaded,
                                                options: options)
        compiled.locateDiagnostics(in: folder)
        followed = FollowedRevision(commit: commit, loaded: loaded)
        // The revision before is let go of last, and elsewhere.
        releaseInBackground(consume previous)
        return compiled
    }

    /// `commit`'s inventory: the `previous` revision's changed by the files that differ, or read whole.
    private static func load(_ commit: ObjectID, following previous: FollowedRevision?, from repository: Repository,
                             at repositoryPath: String, folder: String) throws -> LoadedInventory {
        if let previous, previous.commit == commit { return previous.loaded }
        if let previous, let delta = try repository.inventoryDelta(from: previous.commit, to: commit, folder: folder),
           delta.count <= followLimit {
            return previous.loaded.changing(written: delta.written, deleted: delta.deleted)
        }
        let source = RevisionSource(repositoryPath: repositoryPath, commit: commit, folder: folder)
        return LoadedInventory(files: try source.inventoryFiles())
    }

    /// Compiles a commit given as hex (from the state file); nil when the local copy no longer has it.
    public func compile(hex: String, options: CompileOptions) throws -> CompiledRevision? {
        guard let commit = ObjectID(hex: hex) else { return nil }
        return try compile(commit, options: options)
    }
}
