extension BIRDConnection {
    /// `configure check "FILE"`: whether BIRD would accept the file, without applying it.
    /// Returns the problem BIRD reports, or nil when the file is valid.
    public func checkConfiguration(file: String) throws(BIRDError) -> BIRDConfigurationProblem? {
        let command = "configure check " + (try BIRDArgument.quotedFile(file, socketPath: socketPath))
        let reply = try send(command)
        if reply.code == 8002 { return BIRDConfigurationProblem(birdMessage: reply.message, file: file) }
        guard !reply.isError else { throw failure(reply, command) }
        guard reply.code == 20 else { throw unexpected(reply, to: command) }
        return nil
    }

    /// `configure "FILE"`, with `timeout N` when `confirmTimeout` is given: BIRD then undoes the change by
    /// itself unless `confirm()` comes within that time (rounded up to whole seconds, at least one).
    public func configure(file: String, confirmTimeout: Duration? = nil) throws(BIRDError) -> BIRDReconfiguration {
        var command = "configure " + (try BIRDArgument.quotedFile(file, socketPath: socketPath))
        if let confirmTimeout { command += " timeout \(Self.wholeSeconds(confirmTimeout))" }
        let reply = try send(command)
        if reply.code == 8002 { return .rejected(BIRDConfigurationProblem(birdMessage: reply.message, file: file)) }
        return try outcome(of: reply, to: command)
    }

    /// `configure confirm`: keeps the configuration applied with a timeout. `.confirmed`, or `.nothingToDo`
    /// when nothing was waiting for confirmation.
    public func confirm() throws(BIRDError) -> BIRDReconfiguration {
        let command = "configure confirm"
        return try outcome(of: send(command), to: command)
    }

    /// `configure undo`: goes back to the configuration before the last `configure`, confirmed or not (confirming
    /// only cancels the timer). BIRD keeps one older configuration: `.nothingToDo` when there is none, as after
    /// an undo.
    public func undo() throws(BIRDError) -> BIRDReconfiguration {
        let command = "configure undo"
        return try outcome(of: send(command), to: command)
    }

    /// `configure status`.
    public func configurationStatus() throws(BIRDError) -> BIRDConfigurationStatus {
        let command = "configure status"
        let reply = try run(command)
        guard let status = BIRDConfigurationStatus(reply) else { throw unexpected(reply, to: command) }
        return status
    }

    private func outcome(of reply: BIRDReply, to command: String) throws(BIRDError) -> BIRDReconfiguration {
        guard !reply.isError else { throw failure(reply, command) }
        guard let outcome = BIRDReconfiguration(code: reply.code) else { throw unexpected(reply, to: command) }
        return outcome
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds + (attoseconds > 0 ? 1 : 0))
    }
}
