/// What BIRD did with `configure`, `configure undo` and `configure confirm`.
public enum BIRDReconfiguration: Sendable, Equatable {
    /// The new configuration is active (0003).
    case reconfigured
    /// The new configuration is being applied; protocols are still restarting or shutting down (0004).
    case inProgress
    /// Another reconfiguration is in progress; this one waits for it (0005).
    case queued
    /// Another reconfiguration is in progress and the one queued after it was dropped (0017).
    case queueCleared
    /// BIRD is shutting down and ignored the request (0006).
    case shuttingDown
    /// The unconfirmed configuration is now confirmed; no undo will happen (0018).
    case confirmed
    /// There was nothing to undo or confirm (0019).
    case nothingToDo
    /// BIRD could not read the configuration and kept the old one (8002).
    case rejected(BIRDConfigurationProblem)

    /// Reads the final line of a configure reply; nil for a code that is not one of the above.
    init?(code: Int) {
        switch code {
        case 3: self = .reconfigured
        case 4: self = .inProgress
        case 5: self = .queued
        case 17: self = .queueCleared
        case 6: self = .shuttingDown
        case 18: self = .confirmed
        case 19: self = .nothingToDo
        default: return nil
        }
    }
}
