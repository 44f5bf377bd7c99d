import Compiler

extension CompiledRevision {
    /// Reads the inventory in `folder` of `commit` (no checkout) and compiles it. Diagnostics name files from the
    /// repository root. With `missingIsEmpty`, a commit without the folder is an empty network (the base of the
    /// pull request that adds it); otherwise a folder without inventory files is an error.
    public static func compile(repository: String, commit: ObjectID, name: String, folder: String,
                               strict: Bool = false, missingIsEmpty: Bool = false,
                               options: CompileOptions = CompileOptions()) throws -> CompiledRevision {
        let source = RevisionSource(repositoryPath: repository, commit: commit, folder: folder)
        let files: [SourceFile]
        do {
            files = missingIsEmpty ? try source.files() : try source.inventoryFiles()
        } catch let error as GitError where missingIsEmpty && error.kind == .noSuchPath {
            files = []
        }
        var compiled = CompiledRevision.compile(revision: name, commit: commit.hex, files: files, strict: strict,
                                                options: options)
        compiled.locateDiagnostics(in: folder)
        return compiled
    }
}
