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

    /// Compiles a commit given as hex (from the state file); nil when the local copy no longer has it.
    public func compile(hex: String, options: CompileOptions) throws -> CompiledRevision? {
        guard let commit = ObjectID(hex: hex) else { return nil }
        return try compile(commit, options: options)
    }
}
