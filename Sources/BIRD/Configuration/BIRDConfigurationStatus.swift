/// What `configure status` says: whether a reconfiguration is still being applied, and whether the current
/// configuration is unconfirmed (it will be undone unless confirmed within `undoIn` seconds).
public struct BIRDConfigurationStatus: Sendable, Equatable {
    /// Where BIRD is with its configuration.
    public enum State: Sendable, Equatable {
        /// The configuration is fully applied (0003 `Daemon is up and running`).
        case done
        /// A reconfiguration is being applied (0004).
        case inProgress
        /// A reconfiguration is being applied and another waits after it (0005).
        case queued
        /// BIRD is shutting down (0006).
        case shuttingDown
    }

    public var state: State
    /// Seconds until BIRD undoes the unconfirmed configuration; nil when there is nothing to confirm.
    public var undoIn: Double?

    public init(state: State, undoIn: Double?) {
        self.state = state
        self.undoIn = undoIn
    }

    /// Reads the reply to `configure status`; nil when no line says the state.
    init?(_ reply: BIRDReply) {
        let states: [Int: State] = [3: .done, 4: .inProgress, 5: .queued, 6: .shuttingDown]
        guard let state = reply.lines.lazy.compactMap({ states[$0.code] }).first else { return nil }
        // 2.0.12 prints "Configuration unconfirmed, undo in 29.998 s".
        let undo = reply.texts(withCode: 22).first.flatMap { text in
            text.split(separator: " ").compactMap { Double($0) }.first
        }
        self.init(state: state, undoIn: undo)
    }
}
