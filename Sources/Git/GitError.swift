/// A failed git operation: what wgc was doing, and libgit2's own class, code and message when it came from
/// libgit2. `kind` is what callers branch on; the rest is for people.
public struct GitError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, in the terms callers act on.
    public enum Kind: String, Sendable {
        /// The path is not inside a git repository.
        case notARepository = "not-a-repository"
        /// A revision, branch or remote that does not exist.
        case notFound = "not-found"
        /// A path that the revision's tree does not hold.
        case noSuchPath = "no-such-path"
        /// The branch to fast-forward has commits the target lacks.
        case nonFastForward = "non-fast-forward"
        /// A compare-and-swap update found the branch at another commit than expected.
        case branchMoved = "branch-moved"
        /// The branch's lock file exists: another writer is updating it, or one crashed and left the file.
        case locked = "locked"
        /// The remote refused the pushed update (it moved, or a hook said no).
        case pushRejected = "push-rejected"
        /// Authentication failed or no credentials were available.
        case authentication = "authentication"
        /// The ssh server's host key is unknown or not the one on record.
        case hostKey = "host-key"
        /// A path, file or change that cannot be committed as given.
        case invalidChange = "invalid-change"
        /// Anything else libgit2 reported.
        case other = "git-error"
    }

    public var kind: Kind
    /// What wgc was doing, e.g. "resolving revision 'main~3'".
    public var operation: String
    /// The message, libgit2's when it came from libgit2.
    public var message: String
    /// libgit2's return code (`GIT_ENOTFOUND` is -3, …), 0 when the error is wgc's own.
    public var code: Int32
    /// libgit2's error class (`GIT_ERROR_REFERENCE` is 4, …), 0 when the error is wgc's own.
    public var errorClass: Int32

    public init(_ kind: Kind, operation: String, message: String, code: Int32 = 0, errorClass: Int32 = 0) {
        self.kind = kind
        self.operation = operation
        self.message = message
        self.code = code
        self.errorClass = errorClass
    }

    public var description: String {
        message.isEmpty ? operation : "\(operation): \(message)"
    }
}
