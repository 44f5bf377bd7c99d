import Compiler
import Foundation
import Git

/// The compiled HEAD of the served branch, held in memory for reads. Each `current()` looks at the branch (at
/// most once per `refreshInterval`) and recompiles when its commit moved, also when someone committed or pulled
/// outside the server. A commit that does not validate is not served: the last valid inventory stays, and
/// `rejection` says why.
public actor InventoryHead {
    public nonisolated let repositoryPath: String
    /// The inventory's folder, relative to the repository's root.
    public nonisolated let folder: String
    public nonisolated let branch: String
    /// How long a look at the branch stays good; zero looks on every read.
    public nonisolated let refreshInterval: Duration

    private let repository: Repository
    private var snapshot: InventorySnapshot?
    /// The commit last looked at, served or rejected: it is not compiled again.
    private var examined: ObjectID?
    private var lastLook: ContinuousClock.Instant?
    private var history = FileHistory()
    /// Why the branch's newest commit is not served, when it is not.
    public private(set) var rejection: HeadRejection?

    public init(repository: String, folder: String, branch: String = "main",
                refreshInterval: Duration = .zero) throws {
        self.repository = try Repository(at: repository)
        repositoryPath = repository
        self.folder = Repository.normalise(folder)
        self.branch = branch
        self.refreshInterval = refreshInterval
    }

    /// The inventory to answer from; a 503 when no commit of the branch has validated yet.
    public func current() throws -> InventorySnapshot {
        refresh()
        guard let snapshot else {
            throw APIError(.serviceUnavailable, "INVENTORY_UNAVAILABLE",
                           "no valid inventory to serve: \(rejection?.reason ?? "not loaded yet")")
        }
        return snapshot
    }

    /// Whether a valid inventory is loaded (what readiness means for reads).
    public func isLoaded() -> Bool {
        refresh()
        return snapshot != nil
    }

    private func refresh() {
        let now = ContinuousClock.now
        if let lastLook, snapshot != nil, now < lastLook + refreshInterval { return }
        lastLook = now
        let target: ObjectID
        do {
            guard let commit = try repository.branchTarget(branch) else {
                rejection = HeadRejection(commit: nil, diagnostics: [], reason: "branch '\(branch)' does not exist")
                return
            }
            target = commit
        } catch {
            rejection = HeadRejection(commit: nil, diagnostics: [], reason: "\(error)")
            return
        }
        guard target != examined else { return }
        examined = target
        load(target)
    }

    private func load(_ commit: ObjectID) {
        do {
            let checked = try InventoryCompiler.check(RevisionSource(repositoryPath: repositoryPath, commit: commit,
                                                                     folder: folder))
            guard checked.isValid(strict: false) else {
                rejection = Self.rejection(of: commit, checked.diagnostics)
                return
            }
            let times = try history.times(at: commit, in: repository, folder: folder)
            snapshot = InventorySnapshot(commit: commit.hex, inventory: checked.inventory, times: times)
            rejection = nil
        } catch {
            rejection = HeadRejection(commit: commit.hex, diagnostics: [], reason: "\(error)")
        }
    }

    private static func rejection(of commit: ObjectID, _ diagnostics: [Diagnostic]) -> HeadRejection {
        let errors = diagnostics.filter { $0.severity == .error }.sortedForDisplay()
        var reason = "commit \(commit.short) does not validate"
        if let first = errors.first {
            reason += " (\(errors.count) error\(errors.count == 1 ? "" : "s")): " + DiagnosticRenderer.line(first)
        }
        return HeadRejection(commit: commit.hex, diagnostics: errors, reason: reason)
    }
}
