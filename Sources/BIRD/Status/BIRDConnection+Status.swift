extension BIRDConnection {
    /// `show status`.
    public func status() throws(BIRDError) -> BIRDStatus {
        let command = "show status"
        let reply = try run(command)
        guard let status = BIRDStatus(reply) else { throw unexpected(reply, to: command) }
        return status
    }
}
