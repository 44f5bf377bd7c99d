import BIRD
import Compiler
import Hummingbird

/// What `POST /system/action` may do — this list and nothing else; no action runs a shell.
enum SystemAction: String, CaseIterable, Sendable {
    /// Compile the branch's newest commit now and report every diagnostic.
    case validate
    /// Fetch the branch from the push remote, fast-forward to it, compile.
    case sync
    /// Make the node's BIRD read its configuration file again (`configure`).
    case reload

    /// The service an action acts on, which a body's optional `service` must name if it names one.
    var service: String {
        switch self {
        case .validate, .sync: "inventory"
        case .reload: "bird"
        }
    }

    static var names: String { allCases.map(\.rawValue).sorted().joined(separator: ", ") }
}

/// The body of `POST /system/action`: `{"action": "validate"}`, optionally with the `service` it acts on.
struct SystemActionBody: StrictJSONBody {
    static let fields: Set<String> = ["action", "service"]
    var action: String
    var service: String?

    /// The allowed action it names; 400 `UNKNOWN_ACTION` for any other, 400 `UNKNOWN_SERVICE` for a service that
    /// is not the action's.
    func allowed() throws -> SystemAction {
        guard let action = SystemAction(rawValue: action) else {
            throw APIError(.badRequest, "UNKNOWN_ACTION",
                           "unknown action '\(action.prefix(64))'; the actions are: \(SystemAction.names)")
        }
        if let service, service != action.service {
            throw APIError(.badRequest, "UNKNOWN_SERVICE",
                           "action '\(action.rawValue)' acts on service '\(action.service)', "
                           + "not '\(service.prefix(64))'")
        }
        return action
    }
}

/// The answer to an action: whether it succeeded, in words, and what it found.
struct SystemActionAnswer: ResponseEncodable, Sendable {
    var action: String
    var success: Bool
    var message: String
    /// `validate`: the commit compiled, whether it validates, its diagnostics (errors and warnings).
    var commit: String?
    var valid: Bool?
    var diagnostics: [APIDiagnostic]?
    /// `sync`: what happened, the commits before and fetched, the commit served after it, and why the fetched
    /// one is not served, when it is not.
    var result: SyncOutcome.Result?
    var before: String?
    var remote: String?
    var served: String?
    var rejection: String?
    /// `reload`: BIRD's reply code.
    var birdCode: Int?

    init(_ action: SystemAction, success: Bool, message: String) {
        self.action = action.rawValue
        self.success = success
        self.message = message
    }

    static func validated(_ outcome: ValidationOutcome, folder: String) -> SystemActionAnswer {
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        let warnings = outcome.diagnostics.count - errors
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        var answer = SystemActionAnswer(
            .validate, success: outcome.valid,
            message: "commit \(outcome.commit.prefix(12)) \(outcome.valid ? "validates" : "does not validate") "
                + "(\(counts))")
        answer.commit = outcome.commit
        answer.valid = outcome.valid
        answer.diagnostics = outcome.diagnostics.map { APIDiagnostic($0, folder: folder) }
        return answer
    }

    static func synced(_ outcome: SyncOutcome) -> SystemActionAnswer {
        let message: String
        switch outcome.result {
        case .upToDate: message = "already at the remote's commit \(outcome.remote.prefix(12))"
        case .fastForwarded: message = "fast-forwarded to the remote's commit \(outcome.remote.prefix(12))"
        case .ahead: message = "the local branch has commits the remote lacks; nothing changed"
        }
        var answer = SystemActionAnswer(.sync, success: true,
                                        message: message + (outcome.rejection.map { "; not served: " + $0 } ?? ""))
        answer.result = outcome.result
        answer.before = outcome.before
        answer.remote = outcome.remote
        answer.served = outcome.served
        answer.rejection = outcome.rejection
        return answer
    }

    /// BIRD's reply to `configure`: 0003 done, 0004 in progress and 0005 queued are successes; 0006 (shutting
    /// down) is 503, 8002 (the file does not parse, the old configuration kept) 409 `BIRD_CONFIG_REJECTED`.
    static func reloaded(_ reply: BIRDReply, socketPath: String) throws -> SystemActionAnswer {
        let words: [Int: String] = [3: "BIRD reconfigured", 4: "BIRD is reconfiguring",
                                    5: "BIRD queued the reconfiguration after the one in progress",
                                    17: "BIRD replaced the queued reconfiguration with this one"]
        switch reply.code {
        case 6:
            throw APIError(.serviceUnavailable, APIError.birdUnavailable, "BIRD is shutting down: \(reply.message)")
        case 8002:
            throw APIError(.conflict, "BIRD_CONFIG_REJECTED",
                           "BIRD kept its running configuration: \(reply.message)")
        case let code where reply.isError:
            throw BIRDError(.commandFailed, message: reply.message, socketPath: socketPath, command: "configure",
                            code: code).apiError
        default:
            guard let word = words[reply.code] else {
                throw APIError(.badGateway, "BIRD_PROTOCOL_ERROR",
                               "BIRD answered 'configure' with \(reply.code): \(reply.message)")
            }
            var answer = SystemActionAnswer(.reload, success: true, message: "\(word) (BIRD: \(reply.message))")
            answer.birdCode = reply.code
            return answer
        }
    }
}
