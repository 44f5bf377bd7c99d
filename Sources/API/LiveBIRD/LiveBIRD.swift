import BIRD
import NIOPosix

/// The node's running BIRD as the API acts on it, through its control socket; `client` is nil when `wgc serve`
/// was given no socket. Every exchange runs on NIO's blocking thread pool, since BIRD's client waits in poll(2).
struct LiveBIRD: Sendable {
    let client: BIRDClient?

    /// A client of the socket at `socketPath`, waiting at most `timeout` for BIRD at each step.
    init(socketPath: String?, timeout: Duration = .seconds(5)) {
        client = socketPath.map { BIRDClient(socketPath: $0, timeout: timeout) }
    }

    /// Runs `body` on one connection. 503 `BIRD_UNAVAILABLE` without a socket or when BIRD cannot be reached;
    /// any other `BIRDError` that `body` lets out becomes its API error (see `BIRDError.apiError`).
    func withConnection<Value: Sendable>(
        _ body: @escaping @Sendable (BIRDConnection) throws(BIRDError) -> Value
    ) async throws -> Value {
        guard let client else {
            throw APIError(.serviceUnavailable, APIError.birdUnavailable,
                           "no BIRD control socket is configured (wgc serve --bird-socket)")
        }
        do {
            return try await NIOThreadPool.singleton.runIfActive { try client.withConnection(body) }
        } catch let error as BIRDError {
            throw error.apiError
        }
    }

    /// `show protocols all`, then `show status`'s clock, on one connection. In that order, so that the clock is
    /// never before a state change the protocols show: asked the other way round, a session established between
    /// the two answers would have no uptime (its change after the clock) and be reported as changed at the next
    /// look, when it was not.
    func protocolsAndClock() async throws -> (protocols: [BIRDProtocolStatus], clock: String) {
        try await withConnection { connection throws(BIRDError) in
            let protocols = try connection.protocols()
            return (protocols, try connection.status().serverTime)
        }
    }
}
