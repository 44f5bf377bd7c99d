import Compiler
import Foundation
import Git

extension InventoryHead {
    /// How many times a write is derived again on a HEAD that moved under it before it answers 409.
    static let writeAttempts = 5

    /// Derives `change` from the HEAD, checks the inventory it leaves (re-parsing only the files it touches),
    /// and commits it on top of that HEAD with a compare-and-swap of the branch; pushes it with `--push`. When the
    /// branch moved meanwhile (a commit from outside, or a push rejected because the remote moved), the change is
    /// derived again on the new HEAD. Returns once the commit is on disk (and pushed).
    ///
    /// Errors: 422 `VALIDATION_FAILED` with the compiler's diagnostics, nothing committed; what `derive` throws
    /// (404, 409); 409 `CONFLICT` when the branch kept moving; 503 when the HEAD does not validate.
    public func write(author: Signature, derive: @Sendable (WriteBase) throws -> InventoryChange) throws
        -> WriteOutcome {
        for _ in 0..<Self.writeAttempts {
            // The HEAD the attempt read is released when `attempt` returns, so that replacing it below frees it
            // on another thread (see `serve`), not on this write's path.
            switch try attempt(author: author, derive: derive) {
            case .moved:
                continue
            case .unchanged(let outcome):
                return outcome
            case .committed(let commit, let parent, let after, let inventory, let change):
                if let push {
                    guard try pushed(commit, replacing: parent, to: push) else { continue }
                }
                let served = try adopt(commit, parent: parent, written: change.written, deleted: change.deleted,
                                       loaded: after, inventory: inventory)
                return WriteOutcome(commit: commit.hex, committed: true, snapshot: served, resourceID: change.resourceID)
            }
        }
        throw APIError(.conflict, "CONFLICT", "the branch '\(branch)' kept moving while this change was written "
                       + "(\(Self.writeAttempts) attempts); nothing was committed, try again")
    }

    /// What one attempt at a write came to.
    private enum Attempt {
        /// The branch moved under it: derive again.
        case moved
        /// Nothing to commit: the answer is the HEAD as it is.
        case unchanged(WriteOutcome)
        case committed(ObjectID, parent: ObjectID, LoadedInventory, Inventory, Committed)
    }

    /// What a committed attempt changed: files relative to the inventory's folder, and the resource answered.
    private struct Committed {
        var written: [String]
        var deleted: [String]
        var resourceID: String?
    }

    /// Derives `change` from the HEAD as it is now, checks it and commits it with a compare-and-swap.
    private func attempt(author: Signature, derive: @Sendable (WriteBase) throws -> InventoryChange) throws
        -> Attempt {
        let (snapshot, loaded, parent) = try headForWriting()
        let base = WriteBase(snapshot: snapshot, loaded: loaded) { [repository, folder] path in
            try repository.fileBytes(at: parent, path: Self.repositoryPath(of: path, in: folder))
        }
        let change = try derive(base)
        let written = change.edits.compactMap { edit -> SourceFile? in
            guard case .write(let path, let bytes) = edit else { return nil }
            return SourceFile(path: path, bytes: bytes)
        }
        let deleted = change.edits.compactMap { edit -> String? in
            guard case .delete(let path) = edit else { return nil }
            return path
        }
        var after = loaded.changing(written: written, deleted: deleted)
        let checked = after.check()
        guard checked.isValid(strict: false) else { throw Self.rejection(checked.diagnostics, folder: folder) }
        let treeChanges = change.edits.map { edit -> TreeChange in
            switch edit {
            case .write(let path, let bytes): .write(path: Self.repositoryPath(of: path, in: folder), contents: bytes)
            case .delete(let path): .delete(path: Self.repositoryPath(of: path, in: folder))
            }
        }
        let outcome: CommitOutcome?
        do {
            outcome = try repository.commit(treeChanges, on: branch, expectedParent: parent, author: author,
                                            message: change.message)
        } catch {
            outcome = try Self.retryable(error)
        }
        guard let outcome else { return .moved }
        guard case .committed(let commit) = outcome else {
            return .unchanged(WriteOutcome(commit: snapshot.commit, committed: false, snapshot: snapshot,
                                           resourceID: change.resource?.id))
        }
        return .committed(commit, parent: parent, after, checked.inventory,
                          Committed(written: written.map(\.path), deleted: deleted, resourceID: change.resource?.id))
    }

    /// nil for a branch that moved (derive again); the API's answer for every other failure to commit.
    private static func retryable(_ error: GitError) throws -> CommitOutcome? {
        switch error.kind {
        case .branchMoved: return nil
        case .locked: throw APIError(.conflict, "REPOSITORY_BUSY", error.message)
        default: throw APIError(.internalServerError, "GIT_ERROR", "committing failed: \(error.message)")
        }
    }

    /// The HEAD as it is now (not as the last read saw it), which must validate for a write to build on it.
    private func headForWriting() throws -> (InventorySnapshot, LoadedInventory, ObjectID) {
        refresh(force: true)
        guard let snapshot, let loaded, rejection == nil, let commit = ObjectID(hex: snapshot.commit) else {
            throw APIError(.serviceUnavailable, "INVENTORY_INVALID",
                           "writes wait for a valid HEAD: \(rejection?.reason ?? "not loaded yet")")
        }
        return (snapshot, loaded, commit)
    }

    /// Pushes `commit`; when the remote moved (or another writer is moving it), puts the local branch back on the
    /// remote's commit (the write is then derived again on it) and answers false.
    private func pushed(_ commit: ObjectID, replacing parent: ObjectID, to remote: String) throws -> Bool {
        let failure: GitError
        do {
            try repository.push(branch, to: remote)
            return true
        } catch {
            failure = error
        }
        guard failure.kind == .pushRejected || failure.kind == .locked,
              let remoteHead = try? repository.fetch(branch, from: remote) else {
            try? repository.moveBranch(branch, from: commit, to: parent)
            throw APIError(.serviceUnavailable, "PUSH_FAILED", "could not push to the remote: \(failure.message); "
                           + "nothing was committed")
        }
        try repository.moveBranch(branch, from: commit, to: remoteHead)
        return false
    }

    /// A path of the inventory's folder as the repository's tree names it.
    static func repositoryPath(of path: String, in folder: String) -> String {
        folder.isEmpty ? path : folder + "/" + path
    }

    /// 422 with the errors the change would bring, where each is.
    static func rejection(_ diagnostics: [Diagnostic], folder: String) -> APIError {
        let errors = diagnostics.filter { $0.severity == .error }
        let first = errors.first.map { ": " + DiagnosticRenderer.line($0) } ?? ""
        return APIError(.unprocessableContent, "VALIDATION_FAILED",
                        "the change does not validate (\(errors.count) error\(errors.count == 1 ? "" : "s"))\(first); "
                        + "nothing was committed",
                        diagnostics: errors.map { APIDiagnostic($0, folder: folder) })
    }
}

extension APIDiagnostic {
    init(_ diagnostic: Diagnostic, folder: String) {
        self.init(code: diagnostic.code.rawValue, severity: diagnostic.severity.rawValue, message: diagnostic.message,
                  file: InventoryHead.repositoryPath(of: diagnostic.location.file, in: folder),
                  line: diagnostic.location.line, column: diagnostic.location.column)
    }
}
