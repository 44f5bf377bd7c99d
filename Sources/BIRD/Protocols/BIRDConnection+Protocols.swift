extension BIRDConnection {
    /// `show protocols all`, or only the protocol `name`: every protocol with its details.
    public func protocols(named name: String? = nil) throws(BIRDError) -> [BIRDProtocolStatus] {
        var command = "show protocols all"
        if let name { command += " " + (try BIRDArgument.symbol(name, socketPath: socketPath)) }
        let reply = try run(command)
        guard let protocols = BIRDProtocolsParser.protocols(in: reply) else { throw unexpected(reply, to: command) }
        return protocols
    }

    /// `reload [in|out] NAME`: re-runs the protocol's filters on its routes, without resetting the session.
    /// Returns BIRD's message (e.g. `peer_b: reloading`).
    @discardableResult
    public func reload(protocol name: String, direction: BIRDReloadDirection = .both) throws(BIRDError) -> String {
        let words = ["reload", direction.word, try BIRDArgument.symbol(name, socketPath: socketPath)]
        return try protocolCommand(words.compactMap { $0 }.joined(separator: " "))
    }

    /// `restart NAME`: takes the protocol down and up again (a BGP session is reset). Returns BIRD's message
    /// (`peer_b: restarted`, or `peer_b: already disabled`).
    @discardableResult
    public func restart(protocol name: String) throws(BIRDError) -> String {
        try protocolCommand("restart " + BIRDArgument.symbol(name, socketPath: socketPath))
    }

    /// `enable NAME`. Returns BIRD's message (`NAME: enabled` or `NAME: already enabled`).
    @discardableResult
    public func enable(protocol name: String) throws(BIRDError) -> String {
        try protocolCommand("enable " + BIRDArgument.symbol(name, socketPath: socketPath))
    }

    /// `disable NAME`. Returns BIRD's message (`NAME: disabled` or `NAME: already disabled`).
    @discardableResult
    public func disable(protocol name: String) throws(BIRDError) -> String {
        try protocolCommand("disable " + BIRDArgument.symbol(name, socketPath: socketPath))
    }

    /// Protocol commands answer one line per matching protocol, then an empty `0000`.
    private func protocolCommand(_ command: String) throws(BIRDError) -> String {
        let reply = try run(command)
        return reply.lines.dropLast().map(\.text).joined(separator: "\n")
    }
}

/// Which way `reload` re-runs the filters: imported routes, exported routes, or both.
public enum BIRDReloadDirection: Sendable {
    case both, `in`, out

    var word: String? {
        switch self {
        case .both: nil
        case .in: "in"
        case .out: "out"
        }
    }
}
