import CLibGit2
import Foundation

extension Repository {
    /// Fetches `branch` from `remote` (a configured remote's name, a path, or a `file://`, `git://`, `https://`,
    /// `ssh://` or `user@host:path` URL) into `trackingReference` (by default `refs/remotes/origin/<branch>`,
    /// force-updated as `git fetch` does), and returns the fetched commit. Touches no local branch. A branch the
    /// remote no longer has is `.notFound`, and its tracking reference is removed (never a stale answer).
    @discardableResult
    public func fetch(_ branch: String, from remote: String, into trackingReference: String? = nil,
                      access: RemoteAccess = RemoteAccess()) throws(GitError) -> ObjectID {
        let tracking = trackingReference ?? "refs/remotes/origin/\(branch)"
        let operation = "fetching '\(branch)' from \(RemoteURL.redacted(remote))"
        let handle = try open(remote: remote, operation: operation)
        defer { git_remote_free(handle) }
        let session = try RemoteSession(access: access, url: Self.url(of: handle))
        var options = git_fetch_options()
        try LibGit2.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), operation)
        options.callbacks = try session.callbacks()
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        let source = Self.branchReference(branch)
        let result = withExtendedLifetime(session) {
            Self.withStrings(["+\(source):\(tracking)"]) { refspecs in
                git_remote_fetch(handle, &refspecs, &options, "wgc: fetch \(branch)")
            }
        }
        try session.check(result, operation)
        // libgit2 fetches nothing, successfully, for a branch the remote lacks, leaving an old tracking ref.
        guard try Self.advertises(handle, source, operation: operation) else {
            try deleteReference(tracking, operation: operation)
            throw GitError(.notFound, operation: operation, message: "the remote has no branch '\(branch)'")
        }
        guard let fetched = try referenceTarget(tracking) else {
            throw GitError(.notFound, operation: operation, message: "the remote has no branch '\(branch)'")
        }
        return fetched
    }

    /// Pushes `branch` to the same branch of `remote`, never forcing: when the remote's branch has commits this
    /// one lacks (someone else pushed), the push is rejected with `.pushRejected` and nothing changes there. A
    /// remote on this machine (a path or `file://`) is updated with a compare-and-swap of its branch, as a git
    /// server does, so a push racing another is rejected rather than overwriting it.
    public func push(_ branch: String, to remote: String, access: RemoteAccess = RemoteAccess()) throws(GitError) {
        let operation = "pushing '\(branch)' to \(RemoteURL.redacted(remote))"
        let handle = try open(remote: remote, operation: operation)
        defer { git_remote_free(handle) }
        let url = Self.pushURL(of: handle)
        if let path = Self.localPath(of: url) {
            try pushLocally(branch, to: path, through: handle, operation: operation)
            return
        }
        try send(["\(Self.branchReference(branch)):\(Self.branchReference(branch))"], through: handle, url: url,
                 access: access, operation: operation)
    }

    /// Moves the local `branch` forward to `target`, which must have the branch's commit in its history. A branch
    /// that does not exist yet is created. Refuses (`.nonFastForward`) when the branch has commits `target` lacks,
    /// and (`.branchMoved`) when another writer moved the branch meanwhile.
    public func fastForward(_ branch: String, to target: ObjectID) throws(GitError) {
        let reference = Self.branchReference(branch)
        let operation = "fast-forwarding '\(branch)' to \(target.short)"
        try refuseCheckedOut(reference, operation: operation)
        let current = try referenceTarget(reference)
        if let current {
            if current == target { return }
            guard try isDescendant(target, of: current) else {
                throw GitError(.nonFastForward, operation: operation,
                               message: "'\(branch)' is at \(current.short), which \(target.short) does not contain "
                               + "(the history was rewritten or the branch has local commits)")
            }
        }
        try moveBranch(reference, to: target, expected: current, message: "wgc: fast-forward", operation: operation)
    }

    /// Sends objects and updates `refspecs` on the remote through libgit2's transport.
    private func send(_ refspecs: [String], through handle: OpaquePointer, url: String, access: RemoteAccess,
                      operation: String) throws(GitError) {
        let session = try RemoteSession(access: access, url: url)
        var options = git_push_options()
        try LibGit2.check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), operation)
        options.callbacks = try session.callbacks()
        let result = withExtendedLifetime(session) {
            Self.withStrings(refspecs) { refspecs in git_remote_push(handle, &refspecs, &options) }
        }
        if result == GIT_ENONFASTFORWARD.rawValue {
            throw GitError(.pushRejected, operation: operation,
                           message: "the remote's branch has commits this repository lacks (fetch, then retry)",
                           code: result)
        }
        try session.check(result, operation)
        if !session.rejections.isEmpty {
            throw GitError(.pushRejected, operation: operation,
                           message: "the remote refused " + session.rejections.joined(separator: "; "))
        }
    }

    /// libgit2's local transport writes the remote's branch without checking its old value, so: send the objects
    /// to a reference of their own, then move the branch there with a compare-and-swap from the value that was
    /// checked to be an ancestor.
    private func pushLocally(_ branch: String, to path: String, through handle: OpaquePointer,
                             operation: String) throws(GitError) {
        let reference = Self.branchReference(branch)
        guard let new = try referenceTarget(reference) else {
            throw GitError(.notFound, operation: operation, message: "there is no branch '\(branch)' to push")
        }
        let target = try Repository(at: path)
        try target.refuseCheckedOut(reference, operation: operation)
        let old = try target.referenceTarget(reference)
        if let old, old != new, !(try Self.contains(self, new, ancestor: old)) {
            throw GitError(.pushRejected, operation: operation,
                           message: "the remote's '\(branch)' has commits this repository lacks (fetch, then retry)")
        }
        if old == new { return }
        let incoming = "refs/wgc/incoming/" + UUID().uuidString.lowercased()
        try send(["+\(reference):\(incoming)"], through: handle, url: path, access: RemoteAccess(credentials: .none),
                 operation: operation)
        defer { try? target.deleteReference(incoming, operation: operation) }
        do {
            try target.moveBranch(reference, to: new, expected: old, message: "push", operation: operation)
        } catch where error.kind == .branchMoved {
            throw GitError(.pushRejected, operation: operation,
                           message: "the remote's '\(branch)' moved while pushing; nothing was changed there")
        }
    }

    /// Whether `commit` has `ancestor` in its history; false when this repository does not even have `ancestor`.
    private static func contains(_ repository: Repository, _ commit: ObjectID, ancestor: ObjectID) throws(GitError) -> Bool {
        var oid = ancestor.oid
        var object: OpaquePointer?
        guard git_commit_lookup(&object, repository.pointer, &oid) == 0 else {
            git_error_clear()
            return false
        }
        git_commit_free(object)
        return try repository.isDescendant(commit, of: ancestor)
    }

    /// Removes a reference; one that does not exist is fine.
    func deleteReference(_ name: String, operation: String) throws(GitError) {
        var reference: OpaquePointer?
        let found = git_reference_lookup(&reference, pointer, name)
        if found == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return
        }
        try LibGit2.check(found, operation)
        defer { git_reference_free(reference) }
        try LibGit2.check(git_reference_delete(reference), operation)
    }

    /// Whether the remote advertised `reference` in the fetch that just ran.
    private static func advertises(_ handle: OpaquePointer, _ reference: String,
                                   operation: String) throws(GitError) -> Bool {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try LibGit2.check(git_remote_ls(&heads, &count, handle), operation)
        guard let heads else { return false }
        for index in 0..<count {
            if let head = heads[index], String(cString: head.pointee.name) == reference { return true }
        }
        return false
    }

    private func open(remote: String, operation: String) throws(GitError) -> OpaquePointer {
        var handle: OpaquePointer?
        if git_remote_lookup(&handle, pointer, remote) == 0, let handle { return handle }
        git_error_clear()
        let result = git_remote_create_anonymous(&handle, pointer, remote)
        try LibGit2.check(result, operation)
        return handle!
    }

    static func url(of remote: OpaquePointer) -> String {
        git_remote_url(remote).map { String(cString: $0) } ?? ""
    }

    /// Where a push goes: the remote's push URL when it has one.
    static func pushURL(of remote: OpaquePointer) -> String {
        git_remote_pushurl(remote).map { String(cString: $0) } ?? url(of: remote)
    }

    /// The folder of a remote on this machine (a path or a `file://` URL), nil for a network remote.
    static func localPath(of url: String) -> String? {
        if url.lowercased().hasPrefix("file://") { return String(url.dropFirst("file://".count)) }
        if url.contains("://") { return nil }
        if url.hasPrefix("/") || url.hasPrefix("./") || url.hasPrefix("../") { return url }
        // scp-like `host:path` is ssh; anything else is a path relative to the current folder.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    /// Runs `body` with a `git_strarray` of `strings`, valid for the call only.
    static func withStrings<Result>(_ strings: [String], _ body: (inout git_strarray) -> Result) -> Result {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafeMutablePointer<CChar>?] = copies
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return body(&array)
        }
    }
}
