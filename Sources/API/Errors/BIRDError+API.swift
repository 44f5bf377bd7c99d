import BIRD

extension APIError {
    /// The `error_code` of a 503 when BIRD's control socket is not configured or BIRD does not answer on it.
    static let birdUnavailable = "BIRD_UNAVAILABLE"
}

extension BIRDError {
    /// Whether BIRD could not be reached at all (as opposed to answering badly or refusing).
    var isUnavailable: Bool { [.notRunning, .timeout, .connectionFailed].contains(kind) }

    /// The answer to a client. BIRD out of reach is 503 `BIRD_UNAVAILABLE`. BIRD refusing a well-formed command
    /// is a 409, since the request was fine but the running BIRD disagrees with the compiled HEAD (the change not
    /// applied yet, or the session on another node): `BIRD_UNKNOWN_PROTOCOL` for its parse errors (9xxx), which
    /// for wgc's commands mean an unknown protocol name, `BIRD_REFUSED` for its run-time errors (8xxx). A reply wgc
    /// cannot read is a 502.
    var apiError: APIError {
        switch kind {
        case .notRunning, .timeout, .connectionFailed:
            return APIError(.serviceUnavailable, APIError.birdUnavailable, "BIRD is unavailable: \(description)")
        case .commandFailed where (code ?? 0) >= 9000:
            return APIError(.conflict, "BIRD_UNKNOWN_PROTOCOL", "\(description); the node's BIRD does not run this "
                            + "session's configuration (not applied yet, or the session is on another node)")
        case .commandFailed:
            return APIError(.conflict, "BIRD_REFUSED", description)
        case .protocolError:
            return APIError(.badGateway, "BIRD_PROTOCOL_ERROR", "BIRD's answer could not be read: \(description)")
        case .invalidCommand:
            return APIError(.internalServerError, "INTERNAL_ERROR", "wgc refused to send BIRD: \(description)")
        }
    }
}
