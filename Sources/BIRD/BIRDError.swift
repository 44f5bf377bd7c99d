/// A failed exchange with BIRD's control socket: what kind of failure, the command when there was one, and
/// BIRD's reply code and message when BIRD answered with an error. `kind` is what callers branch on.
public struct BIRDError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, in the terms callers act on.
    public enum Kind: String, Sendable {
        /// No control socket at the path, or nobody listening on it.
        case notRunning = "not-running"
        /// BIRD stayed silent for longer than the timeout.
        case timeout = "timeout"
        /// The socket failed for another reason (permission denied, connection reset, …).
        case connectionFailed = "connection-failed"
        /// BIRD sent something that is not its reply format, or closed the connection mid-reply.
        case protocolError = "protocol-error"
        /// BIRD answered the command with an error (8xxx run-time or 9xxx parse error).
        case commandFailed = "command-failed"
        /// wgc refused to send the command: it would not mean what the caller asked (a newline, a name
        /// that is not a BIRD symbol, a file name BIRD cannot quote).
        case invalidCommand = "invalid-command"
    }

    public var kind: Kind
    /// What wgc was saying or doing, e.g. the command `restart peer_b`.
    public var command: String?
    /// BIRD's reply code (8003, 9001, …) for `.commandFailed`; nil otherwise.
    public var code: Int?
    /// BIRD's message, or wgc's own for failures that are not BIRD's reply.
    public var message: String
    /// The control socket's path.
    public var socketPath: String

    public init(_ kind: Kind, message: String, socketPath: String, command: String? = nil, code: Int? = nil) {
        self.kind = kind
        self.message = message
        self.socketPath = socketPath
        self.command = command
        self.code = code
    }

    public var description: String {
        switch (command, code) {
        case let (command?, code?): "BIRD refused '\(command)': \(message) (\(BIRDReply.format(code: code)))"
        case let (command?, nil): "'\(command)': \(message)"
        default: message
        }
    }

    static func notRunning(_ socketPath: String) -> BIRDError {
        BIRDError(.notRunning, message: "BIRD is not running (no control socket at \(socketPath))",
                  socketPath: socketPath)
    }
}
