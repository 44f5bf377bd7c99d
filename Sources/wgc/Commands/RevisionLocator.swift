import ArgumentParser
import Compiler
import Foundation
import Git

/// Finds the repository and inventory folder a path names, for verbs that read a revision instead of the files.
enum RevisionLocator {
    /// The inventory at `path` (a folder or file inside a work tree, or a bare repository) as of `revision`.
    static func source(path: String, revision: String) throws -> RevisionSource {
        let repository = try Repository(discovering: path)
        let folder = try folder(of: path, in: repository)
        let commit = try repository.resolve(revision)
        return RevisionSource(repositoryPath: repository.gitDirectory, commit: commit, folder: folder)
    }

    /// `path` relative to the repository's work tree; "" for a bare repository or the work tree's root. The path
    /// need not exist in the checkout (the revision may hold it when the work tree does not).
    static func folder(of path: String, in repository: Repository) throws -> String {
        guard let root = repository.workingDirectory else { return "" }
        guard let relative = repository.relativePath(of: path) else {
            throw SourceError(path: path, message: "is outside the repository at \(root)")
        }
        return relative
    }
}

/// `--rev`: read the inventory from a commit instead of the work tree.
struct RevisionOptions: ParsableArguments {
    @Option(name: .customLong("rev"),
            help: "Read PATH as it is in this revision of its git repository (a branch, tag, SHA or HEAD~1), not from the work tree.")
    var revision: String?
}
