import Compiler
import Foundation
import Git

/// The compiled HEAD of the served branch, held in memory for reads. Each `current()` looks at the branch (at
/// most once per `refreshInterval`) and recompiles when its commit moved, also when someone committed or pulled
/// outside the server. A commit that does not validate is not served: the last valid inventory stays, and
/// `rejection` says why. Writes go through it too (`write(author:derive:)`), one at a time.
public actor InventoryHead {
    public nonisolated let repositoryPath: String
    /// The inventory's folder, relative to the repository's root.
    public nonisolated let folder: String
    public nonisolated let branch: String
    /// How long a look at the branch stays good; zero looks on every read.
    public nonisolated let refreshInterval: Duration
    /// The remote every commit is pushed to, if any.
    public nonisolated let push: String?

    let repository: Repository
    private(set) var snapshot: InventorySnapshot?
    /// The served commit's files as loaded, for checking a write without reading the others again.
    private(set) var loaded: LoadedInventory?
    /// The commit last looked at, served or rejected: it is not compiled again.
    private var examined: ObjectID?
    private var lastLook: ContinuousClock.Instant?
    private var history = FileHistory()
    /// Why the branch's newest commit is not served, when it is not.
    public private(set) var rejection: HeadRejection?
    /// How many commits this server's writes made (for its metrics).
    public private(set) var commitsMade = 0

    public init(repository: String, folder: String, branch: String = "main", push: String? = nil,
                refreshInterval: Duration = .zero) throws {
        self.repository = try Repository(at: repository)
        repositoryPath = repository
        self.folder = Repository.normalise(folder)
        self.branch = branch
        self.push = push
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

    func refresh(force: Bool = false) {
        let now = ContinuousClock.now
        if !force, let lastLook, snapshot != nil, now < lastLook + refreshInterval { return }
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

    /// Past this many changed files a full read is as cheap as following the change.
    static let incrementalLimit = 2_000

    private func load(_ commit: ObjectID) {
        do {
            if let loaded, let served = snapshot.flatMap({ ObjectID(hex: $0.commit) }),
               let delta = try repository.inventoryDelta(from: served, to: commit, folder: folder),
               delta.count <= Self.incrementalLimit {
                let changed = loaded.changing(written: delta.written, deleted: delta.deleted)
                try check(commit, changed)
                return
            }
            let source = RevisionSource(repositoryPath: repositoryPath, commit: commit, folder: folder)
            try check(commit, LoadedInventory(files: try source.inventoryFiles()))
        } catch {
            rejection = HeadRejection(commit: commit.hex, diagnostics: [], reason: "\(error)")
        }
    }

    /// Serves `commit` when its inventory validates; otherwise says why and keeps serving the last valid one.
    private func check(_ commit: ObjectID, _ loaded: LoadedInventory) throws {
        var loaded = loaded
        let checked = loaded.check()
        guard checked.isValid(strict: false) else {
            rejection = Self.rejection(of: commit, checked.diagnostics)
            return
        }
        try serve(commit, loaded: loaded, inventory: checked.inventory)
    }

    /// Serves a commit this server wrote on `parent`, whose inventory the write already checked and whose changed
    /// files (relative to the inventory's folder) it knows.
    func adopt(_ commit: ObjectID, parent: ObjectID, written: [String], deleted: [String], loaded: LoadedInventory,
               inventory: Inventory) throws -> InventorySnapshot {
        examined = commit
        lastLook = ContinuousClock.now
        commitsMade += 1
        let times = try history.advance(to: commit, from: parent, written: written, deleted: deleted, in: repository)
        try serve(commit, loaded: loaded, inventory: inventory, times: times)
        return snapshot!
    }

    private func serve(_ commit: ObjectID, loaded: LoadedInventory, inventory: Inventory,
                       times known: ResourceTimes? = nil) throws {
        let times = try known ?? history.times(at: commit, in: repository, folder: folder)
        let replaced = (snapshot, self.loaded)
        snapshot = InventorySnapshot(commit: commit.hex, inventory: inventory, times: times)
        self.loaded = loaded
        rejection = nil
        // Freeing the replaced inventory (tens of thousands of values) is left to another thread, off the path of
        // the write that is about to answer.
        Task.detached(priority: .background) { withExtendedLifetime(replaced) {} }
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
