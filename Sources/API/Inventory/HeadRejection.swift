import Compiler

/// Why the branch's newest commit is not being served: it does not validate, or it could not be read. The
/// last valid inventory is served meanwhile.
public struct HeadRejection: Sendable {
    /// The commit that was refused (nil when the branch itself could not be resolved).
    public var commit: String?
    /// The compiler's errors, when the commit was read but does not validate.
    public var diagnostics: [Diagnostic]
    /// One line for a log or an answer: the first problem, and how many there are.
    public var reason: String
}
