import Compiler
import Git

extension InventoryHead {
    /// Compiles the branch's newest commit now, from git, whatever was compiled before, and then lets the head
    /// serve it if it validates. 503 `INVENTORY_UNAVAILABLE` when the branch or its files cannot be read.
    func validateNewest() throws -> ValidationOutcome {
        let commit: ObjectID
        let checked: CheckedInventory
        do {
            guard let target = try repository.branchTarget(branch) else {
                throw APIError(.serviceUnavailable, "INVENTORY_UNAVAILABLE", "branch '\(branch)' does not exist")
            }
            commit = target
            let files = try RevisionSource(repositoryPath: repositoryPath, commit: commit, folder: folder).files()
            checked = LoadedInventory(files: files).checked()
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.serviceUnavailable, "INVENTORY_UNAVAILABLE", "reading '\(branch)' failed: \(error)")
        }
        refresh(force: true)
        return ValidationOutcome(commit: commit.hex, valid: checked.isValid(strict: false),
                                 diagnostics: checked.diagnostics.sortedForDisplay())
    }

    /// Fetches the branch from the push remote and fast-forwards the local branch to it when it only adds
    /// commits, then serves the new HEAD if it validates. Runs on the head, so no write interleaves.
    /// 409 `NO_REMOTE` without `--push`; 409 `DIVERGED` when both sides have commits the other lacks; 503
    /// `FETCH_FAILED` when the remote cannot be read.
    func syncWithRemote() throws -> SyncOutcome {
        guard let push else {
            throw APIError(.conflict, "NO_REMOTE",
                           "no remote is configured to sync with (start wgc serve with --push REMOTE)")
        }
        let remote: ObjectID
        do {
            remote = try repository.fetch(branch, from: push)
        } catch {
            throw APIError(.serviceUnavailable, "FETCH_FAILED", "could not fetch '\(branch)': \(error.message)")
        }
        let local: ObjectID?
        let result: SyncOutcome.Result
        do {
            local = try repository.branchTarget(branch)
            if local == remote {
                result = .upToDate
            } else if let local, try repository.isDescendant(local, of: remote) {
                result = .ahead
            } else if let local {
                guard try repository.isDescendant(remote, of: local) else {
                    throw APIError(.conflict, "DIVERGED",
                                   "'\(branch)' (\(local.short)) and the remote's (\(remote.short)) each have commits "
                                   + "the other lacks; nothing was changed: merge them in git, then sync again")
                }
                try repository.moveBranch(branch, from: local, to: remote)
                result = .fastForwarded
            } else {
                throw APIError(.conflict, "CONFLICT", "branch '\(branch)' does not exist here")
            }
        } catch let error as APIError {
            throw error
        } catch let error as GitError where error.kind == .branchMoved {
            throw APIError(.conflict, "CONFLICT", "the branch moved while it was synced; try again")
        } catch {
            throw APIError(.internalServerError, "GIT_ERROR", "syncing failed: \(error)")
        }
        refresh(force: true)
        return SyncOutcome(result: result, before: local?.hex, remote: remote.hex, served: snapshot?.commit,
                           rejection: rejection?.reason)
    }
}

/// The branch's newest commit compiled: whether it validates, and every diagnostic.
struct ValidationOutcome: Sendable {
    var commit: String
    var valid: Bool
    var diagnostics: [Diagnostic]
}

/// What `sync` did, and what is served after it.
struct SyncOutcome: Sendable {
    enum Result: String, Encodable, Sendable {
        case upToDate = "up_to_date"
        case fastForwarded = "fast_forwarded"
        /// The local branch has commits the remote lacks (a push failed earlier); nothing changed.
        case ahead
    }

    var result: Result
    var before: String?
    var remote: String
    var served: String?
    var rejection: String?
}
