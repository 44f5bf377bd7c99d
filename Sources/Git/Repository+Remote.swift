import CLibGit2
import Glibc

extension Repository {
    /// Fetches `branch` from `remote` (a configured remote's name, a path, or a `file://`, `git://`, `https://`,
    /// `ssh://` or `user@host:path` URL) into `trackingReference` (by default `refs/remotes/origin/<branch>`,
    /// force-updated as `git fetch` does), and returns the fetched commit. Touches no local branch.
    @discardableResult
    public func fetch(_ branch: String, from remote: String, into trackingReference: String? = nil,
                      access: RemoteAccess = RemoteAccess()) throws(GitError) -> ObjectID {
        let tracking = trackingReference ?? "refs/remotes/origin/\(branch)"
        let operation = "fetching '\(branch)' from \(remote)"
        let handle = try open(remote: remote, operation: operation)
        defer { git_remote_free(handle) }
        let session = try RemoteSession(access: access, url: Self.url(of: handle))
        var options = git_fetch_options()
        try LibGit2.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), operation)
        options.callbacks = try session.callbacks()
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        let refspec = "+\(Self.branchReference(branch)):\(tracking)"
        let result = withExtendedLifetime(session) {
            Self.withStrings([refspec]) { refspecs in
                git_remote_fetch(handle, &refspecs, &options, "wgc: fetch \(branch)")
            }
        }
        try session.check(result, operation)
        guard let fetched = try referenceTarget(tracking) else {
            throw GitError(.notFound, operation: operation, message: "the remote has no branch '\(branch)'")
        }
        return fetched
    }

    /// Pushes `branch` to the same branch of `remote`, never forcing: when the remote's branch has commits this
    /// one lacks (someone else pushed), the push is rejected with `.pushRejected` and nothing changes there.
    public func push(_ branch: String, to remote: String, access: RemoteAccess = RemoteAccess()) throws(GitError) {
        let operation = "pushing '\(branch)' to \(remote)"
        let handle = try open(remote: remote, operation: operation)
        defer { git_remote_free(handle) }
        let session = try RemoteSession(access: access, url: Self.url(of: handle))
        var options = git_push_options()
        try LibGit2.check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), operation)
        options.callbacks = try session.callbacks()
        let reference = Self.branchReference(branch)
        let result = withExtendedLifetime(session) {
            Self.withStrings(["\(reference):\(reference)"]) { refspecs in
                git_remote_push(handle, &refspecs, &options)
            }
        }
        if result == GIT_ENONFASTFORWARD.rawValue {
            throw GitError(.pushRejected, operation: operation,
                           message: "the remote's '\(branch)' has commits this repository lacks (fetch, then retry)",
                           code: result)
        }
        try session.check(result, operation)
        if !session.rejections.isEmpty {
            throw GitError(.pushRejected, operation: operation,
                           message: "the remote refused " + session.rejections.joined(separator: "; "))
        }
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
