/// Where BIRD's control socket is and how long to wait for it. Each call opens its own connection; use
/// `withConnection` to run several commands on one.
public struct BIRDClient: Sendable {
    public var socketPath: String
    /// The longest BIRD may stay silent while wgc waits for it to accept, read or answer.
    public var timeout: Duration

    public init(socketPath: String = "/run/bird/bird.ctl", timeout: Duration = .seconds(10)) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// Opens a connection, runs `body` with it and closes it.
    public func withConnection<Result>(
        _ body: (BIRDConnection) throws(BIRDError) -> Result
    ) throws(BIRDError) -> Result {
        try body(BIRDConnection(socketPath: socketPath, timeout: timeout))
    }

    /// Sends one command; see `BIRDConnection.send(_:)`.
    public func send(_ command: String) throws(BIRDError) -> BIRDReply {
        try withConnection { connection throws(BIRDError) in try connection.send(command) }
    }

    public func status() throws(BIRDError) -> BIRDStatus {
        try withConnection { connection throws(BIRDError) in try connection.status() }
    }

    public func checkConfiguration(file: String) throws(BIRDError) -> BIRDConfigurationProblem? {
        try withConnection { connection throws(BIRDError) in try connection.checkConfiguration(file: file) }
    }

    public func configure(file: String, confirmTimeout: Duration? = nil) throws(BIRDError) -> BIRDReconfiguration {
        try withConnection { connection throws(BIRDError) in
            try connection.configure(file: file, confirmTimeout: confirmTimeout)
        }
    }

    public func confirm() throws(BIRDError) -> BIRDReconfiguration {
        try withConnection { connection throws(BIRDError) in try connection.confirm() }
    }

    public func undo() throws(BIRDError) -> BIRDReconfiguration {
        try withConnection { connection throws(BIRDError) in try connection.undo() }
    }

    public func configurationStatus() throws(BIRDError) -> BIRDConfigurationStatus {
        try withConnection { connection throws(BIRDError) in try connection.configurationStatus() }
    }

    public func protocols(named name: String? = nil) throws(BIRDError) -> [BIRDProtocolStatus] {
        try withConnection { connection throws(BIRDError) in try connection.protocols(named: name) }
    }

    @discardableResult
    public func reload(protocol name: String, direction: BIRDReloadDirection = .both) throws(BIRDError) -> String {
        try withConnection { connection throws(BIRDError) in
            try connection.reload(protocol: name, direction: direction)
        }
    }

    @discardableResult
    public func restart(protocol name: String) throws(BIRDError) -> String {
        try withConnection { connection throws(BIRDError) in try connection.restart(protocol: name) }
    }

    @discardableResult
    public func enable(protocol name: String) throws(BIRDError) -> String {
        try withConnection { connection throws(BIRDError) in try connection.enable(protocol: name) }
    }

    @discardableResult
    public func disable(protocol name: String) throws(BIRDError) -> String {
        try withConnection { connection throws(BIRDError) in try connection.disable(protocol: name) }
    }
}
