/// One change to a tree, for `Repository.commit`: a file written (added or replaced) or deleted.
public enum TreeChange: Sendable, Equatable {
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
