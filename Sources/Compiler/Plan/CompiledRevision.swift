/// One side of a plan: an inventory as checked, and its compiled files (empty when it does not validate).
public struct CompiledRevision: Sendable {
    /// What the user named, e.g. `main` or `HEAD~1`.
    public var revision: String
    /// The resolved commit, when the revision comes from git.
    public var commit: String?
    public var checked: CheckedInventory
    /// `InventoryCompiler.emit` output, paths `<node>/...`.
    public var files: [CompiledFile]
    /// Whether the inventory validates: no errors, and with `strict` no warnings either.
    public var isValid: Bool

    public init(revision: String, commit: String?, checked: CheckedInventory, files: [CompiledFile],
                strict: Bool = false) {
        self.revision = revision
        self.commit = commit
        self.checked = checked
        self.files = files
        isValid = checked.isValid(strict: strict)
    }

    /// Checks the inventory in `files` and, when it validates, compiles it (`strict` treats warnings as errors).
    public static func compile(revision: String, commit: String?, files: [SourceFile], strict: Bool = false,
                               options: CompileOptions = CompileOptions(),
                               extraVRPs: [SourceFile] = []) -> CompiledRevision {
        compile(revision: revision, commit: commit, checked: InventoryCompiler.check(files: files, extraVRPs: extraVRPs),
                strict: strict, options: options)
    }

    /// Checks `loaded` (from what its last check kept, when it can: see `LoadedInventory.check()`) and, when it
    /// validates, compiles it.
    public static func compile(revision: String, commit: String?, loaded: inout LoadedInventory, strict: Bool = false,
                               options: CompileOptions = CompileOptions()) -> CompiledRevision {
        compile(revision: revision, commit: commit, checked: loaded.check(), strict: strict, options: options)
    }

    private static func compile(revision: String, commit: String?, checked: CheckedInventory, strict: Bool,
                                options: CompileOptions) -> CompiledRevision {
        let valid = checked.isValid(strict: strict)
        return CompiledRevision(revision: revision, commit: commit, checked: checked,
                                files: valid ? InventoryCompiler.emit(checked.inventory, options: options) : [],
                                strict: strict)
    }

    /// Diagnostics name files from the repository root, not from the inventory's `folder` inside it.
    public mutating func locateDiagnostics(in folder: String) {
        guard !folder.isEmpty else { return }
        for index in checked.diagnostics.indices {
            checked.diagnostics[index].location.file = folder + "/" + checked.diagnostics[index].location.file
        }
    }

    var planRevision: PlanRevision {
        let errors = checked.diagnostics.filter { $0.severity == .error }.count
        return PlanRevision(revision: revision, commit: commit, isValid: isValid, errors: errors,
                            warnings: checked.diagnostics.count - errors)
    }
}
