import Foundation

/// Why the agent could not do something, in words an operator can act on; never holds a secret.
public struct AgentError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable, Codable {
        /// The environment is not usable: a missing key file, a folder that cannot be written, a dead daemon.
        case environment
        /// The revision cannot be applied as it is (its server key does not match the router's, BIRD rejects it).
        case refused
        /// Applying or verifying failed part-way; the node was rolled back.
        case applyFailed = "apply-failed"
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func system(_ operation: String, _ code: Int32) -> AgentError {
        AgentError(.environment, "\(operation): \(String(cString: strerror(code)))")
    }
}
