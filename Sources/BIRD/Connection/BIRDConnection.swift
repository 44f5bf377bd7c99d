/// One open connection to BIRD's control socket. Opening it reads BIRD's greeting; `send` writes one command
/// and reads its whole reply. Every wait is bounded by `timeout`; the socket closes when the connection goes.
/// Not for use from several threads at once.
public final class BIRDConnection {
    /// The control socket's path.
    public var socketPath: String { socket.path }
    /// BIRD's version from its greeting (`0001 BIRD 2.0.12 ready.`), e.g. `2.0.12`.
    public private(set) var version = ""

    private let socket: ControlSocket
    private var parser = BIRDReplyParser()
    private var pending: [UInt8] = []
    private var pendingStart = 0

    /// The longest line wgc accepts; BIRD's own lines are far shorter.
    private static let maximumLineLength = 1 << 20

    /// Connects and reads the greeting; `.notRunning` when no BIRD listens at `socketPath`.
    public init(socketPath: String, timeout: Duration = .seconds(10)) throws(BIRDError) {
        socket = try ControlSocket(path: socketPath, timeout: timeout)
        let greeting = try readReply(command: nil)
        let words = greeting.message.split(separator: " ")
        guard greeting.code == 1, words.count >= 2, words[0] == "BIRD" else {
            throw BIRDError(.protocolError, message: "unexpected greeting '\(greeting.rendered)'",
                            socketPath: socketPath)
        }
        version = String(words[1])
    }

    /// Sends one command line and returns BIRD's reply, errors included (see `BIRDReply.isError`).
    /// A command with a line break is refused: BIRD would read it as two commands.
    public func send(_ command: String) throws(BIRDError) -> BIRDReply {
        guard !command.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw BIRDError(.invalidCommand, message: "a command must be one line", socketPath: socketPath,
                            command: command.split(whereSeparator: \.isNewline).first.map(String.init))
        }
        try socket.write(Array((command + "\n").utf8), command: command)
        return try readReply(command: command)
    }

    /// Sends a command and returns its reply when it is not an error; BIRD's error is `.commandFailed`.
    @discardableResult
    func run(_ command: String) throws(BIRDError) -> BIRDReply {
        let reply = try send(command)
        guard !reply.isError else { throw failure(reply, command) }
        return reply
    }

    /// BIRD's error reply as `.commandFailed`.
    func failure(_ reply: BIRDReply, _ command: String) -> BIRDError {
        BIRDError(.commandFailed, message: reply.message, socketPath: socketPath, command: command, code: reply.code)
    }

    /// A reply whose code is none of `expected` is a `.protocolError`: wgc would misread it.
    func unexpected(_ reply: BIRDReply, to command: String) -> BIRDError {
        BIRDError(.protocolError, message: "unexpected reply '\(reply.rendered)'", socketPath: socketPath,
                  command: command)
    }

    private func readReply(command: String?) throws(BIRDError) -> BIRDReply {
        while true {
            while let line = nextLine() {
                do throws(BIRDReplyParser.Malformed) {
                    if let reply = try parser.consume(line[...]) { return reply }
                } catch {
                    throw BIRDError(.protocolError, message: "\(error.reason): '\(error.line)'",
                                    socketPath: socketPath, command: command)
                }
            }
            guard pending.count - pendingStart <= Self.maximumLineLength else {
                throw BIRDError(.protocolError, message: "a line longer than \(Self.maximumLineLength) bytes",
                                socketPath: socketPath, command: command)
            }
            let bytes = try socket.read(command: command)
            guard !bytes.isEmpty else {
                throw BIRDError(.protocolError, message: "BIRD closed the connection before the end of its reply",
                                socketPath: socketPath, command: command)
            }
            pending.removeFirst(pendingStart)
            pendingStart = 0
            pending.append(contentsOf: bytes)
        }
    }

    private func nextLine() -> String? {
        guard let newline = pending[pendingStart...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: pending[pendingStart..<newline], as: UTF8.self)
        pendingStart = newline + 1
        return line
    }
}
