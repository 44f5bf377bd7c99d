import CLibGit2

/// Process-wide libgit2 set-up and the one place its return codes become `GitError`s.
enum LibGit2 {
    /// `git_libgit2_init` runs once per process, the first time any git object is made. Objects are not re-hashed
    /// on every read (git does not either; see `shim.h`): it would double the time to read an inventory from a tree.
    private static let initialised: Bool = {
        guard git_libgit2_init() >= 0, wgc_git_disable_strict_hash_verification() >= 0 else { return false }
        return true
    }()

    static func ensureInitialised() {
        precondition(initialised, "libgit2 failed to initialise")
    }

    /// Throws when `result` is negative, reading libgit2's last error on this thread at once, before any other
    /// libgit2 call can replace it.
    static func check(_ result: Int32, _ operation: @autoclosure () -> String, kind: GitError.Kind? = nil) throws(GitError) {
        guard result < 0 else { return }
        throw error(result, operation(), kind: kind)
    }

    static func error(_ result: Int32, _ operation: String, kind: GitError.Kind? = nil) -> GitError {
        var message = ""
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            message = last.pointee.message.map { String(cString: $0) } ?? ""
            errorClass = last.pointee.klass
        }
        return GitError(kind ?? self.kind(of: result, errorClass: errorClass), operation: operation, message: message,
                        code: result, errorClass: errorClass)
    }

    private static func kind(of code: Int32, errorClass: Int32) -> GitError.Kind {
        switch git_error_code(rawValue: code) {
        case GIT_ENOTFOUND: return .notFound
        case GIT_ENONFASTFORWARD: return .nonFastForward
        case GIT_EMODIFIED: return .branchMoved
        case GIT_EAUTH: return .authentication
        case GIT_ECERTIFICATE: return .hostKey
        case GIT_ELOCKED: return .locked
        default: return .other
        }
    }
}
