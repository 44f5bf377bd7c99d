/// One change to a tree, for `Repository.commit`: a file written (added or replaced) or deleted.
public enum FileChange: Sendable, Equatable {
    case write(path: String, contents: [UInt8])
    case delete(path: String)

    public var path: String {
        switch self {
        case .write(let path, _), .delete(let path): path
        }
    }

    /// Why `path` cannot be committed, or nil when it can: relative, no empty, `.` or `..` components, no
    /// `.git` folder, no NUL.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "the path is empty" }
        if path.hasPrefix("/") { return "the path is absolute" }
        if path.utf8.contains(0) { return "the path contains a NUL byte" }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return "the path has an empty component" }
            if component == "." || component == ".." { return "the path has a '\(component)' component" }
            if component.lowercased() == ".git" { return "the path is inside a .git folder" }
        }
        return nil
    }
}

/// Who wrote a commit: a name, an e-mail address and when (now, unless given).
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since 1970 and the offset from UTC in minutes; nil is now, in UTC.
    public var time: (seconds: Int64, offsetMinutes: Int32)?

    public init(name: String, email: String, time: (seconds: Int64, offsetMinutes: Int32)? = nil) {
        self.name = name
        self.email = email
        self.time = time
    }

    public static func == (lhs: Signature, rhs: Signature) -> Bool {
        lhs.name == rhs.name && lhs.email == rhs.email && lhs.time?.seconds == rhs.time?.seconds
            && lhs.time?.offsetMinutes == rhs.time?.offsetMinutes
    }
}

/// What `Repository.commit` did.
public enum CommitOutcome: Sendable, Equatable {
    /// A new commit, and the branch now points at it.
    case committed(ObjectID)
    /// The changes left the tree as it was: no commit, the branch is where it was.
    case unchanged(ObjectID)

    public var commit: ObjectID {
        switch self {
        case .committed(let id), .unchanged(let id): id
        }
    }
}
