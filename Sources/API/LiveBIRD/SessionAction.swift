import BIRD

/// What the API can do to a BGP session in the running BIRD, and what BIRD's answer means for the client.
enum SessionAction: String, Sendable {
    /// `reload NAME`: re-run the session's import and export filters, the session itself untouched.
    case reload
    /// `restart NAME`: take the session down and up again.
    case restart

    /// Sends the command for protocol `name`; returns BIRD's message.
    func run(protocol name: String, on connection: BIRDConnection) throws(BIRDError) -> String {
        switch self {
        case .reload: try connection.reload(protocol: name)
        case .restart: try connection.restart(protocol: name)
        }
    }

    /// Sends the command for each protocol in turn on one connection. Once BIRD is out of reach the rest are not
    /// tried (each would wait out the timeout) and carry the same error.
    func run(protocols names: [String], on connection: BIRDConnection) -> [Result<String, BIRDError>] {
        var results: [Result<String, BIRDError>] = []
        for name in names {
            if case .failure(let error)? = results.last, error.isUnavailable {
                results.append(.failure(error))
                continue
            }
            do throws(BIRDError) {
                results.append(.success(try run(protocol: name, on: connection)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// The message for the client when BIRD's answer `message` means the action was done, else the API error.
    /// BIRD answers a disabled protocol with `NAME: already disabled` and does nothing: that is no success. A
    /// reload of a protocol that is not up answers nothing, as it has no routes to filter again.
    func outcome(of message: String, protocol name: String) -> Result<String, APIError> {
        if message.hasSuffix(": already disabled") {
            return .failure(APIError(.conflict, "SESSION_DISABLED",
                                     "\(name) is disabled in the node's BIRD, so it was not \(rawValue)ed"))
        }
        if message.isEmpty, self == .reload {
            return .success("\(name) is not up: BIRD has no routes of it to reload")
        }
        return .success(message)
    }
}
