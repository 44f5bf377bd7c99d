import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// WireGuard interfaces run by wireguard-go and driven through its UAPI socket (`<socketDirectory>/<name>.sock`,
/// https://www.wireguard.com/xplatform/). The socket is a file path, so one instance reaches interfaces in any
/// network namespace; `wireguardGo` is the command that starts one, e.g. `["ip", "netns", "exec", "ns1",
/// "wireguard-go"]`.
public struct UserspaceWireGuard: WireGuardBackend {
    /// Where wireguard-go puts its sockets; wireguard-go itself always uses `/var/run/wireguard`.
    public var socketDirectory: String
    /// The command, without the interface name, that starts wireguard-go.
    public var wireguardGo: [String]
    /// Variables added to wgc's own environment for wireguard-go (e.g. `LOG_LEVEL`).
    public var environment: [String: String]
    /// The most any one operation may take.
    public var timeout: Duration

    public init(socketDirectory: String = "/var/run/wireguard", wireguardGo: [String] = ["wireguard-go"],
                environment: [String: String] = [:], timeout: Duration = .seconds(30)) {
        self.socketDirectory = socketDirectory
        self.wireguardGo = wireguardGo
        self.environment = environment
        self.timeout = timeout
    }

    /// Where the interface's socket is.
    public func socketPath(_ interface: String) -> String {
        socketDirectory + "/" + interface + ".sock"
    }

    public func status(of interface: String) throws -> WireGuardDeviceStatus? {
        let operation = "reading its status"
        guard let socket = try connect(interface, operation) else { return nil }
        let reply = try socket.exchange(Array("get=1\n\n".utf8))
        return try UAPIReply(reply, interface: interface, operation: operation).deviceStatus()
    }

    public func apply(_ change: WireGuardChange, to interface: String) throws {
        let operation = "applying a change"
        let request = try UAPISetRequest(change, interface: interface, operation: operation)
        guard let socket = try connect(interface, operation) else { throw noSuchInterface(interface, operation) }
        guard !change.isEmpty else { return }
        let reply = try socket.exchange(request.bytes)
        try UAPIReply(reply, interface: interface, operation: operation).checkErrno()
    }

    /// Starts wireguard-go for `interface` and waits until its socket answers. A socket file left by a daemon
    /// that died is removed first.
    public func create(_ interface: String) throws {
        let operation = "creating it"
        if try connect(interface, operation) != nil {
            throw WireGuardError(.interfaceExists, interface: interface, operation: operation,
                                 message: "wireguard-go already answers at \(socketPath(interface))")
        }
        try removeStaleSocket(interface, operation)
        let deadline = ContinuousClock.now + timeout
        try WireGuardGoLauncher(command: wireguardGo, environment: environment).launch(interface, timeout: timeout)
        // wireguard-go binds the socket before it exits, but its background copy may still be starting.
        while try status(of: interface) == nil {
            guard ContinuousClock.now < deadline else {
                throw WireGuardError(.timeout, interface: interface, operation: operation,
                                     message: "nothing answered at \(socketPath(interface)) after wireguard-go started")
            }
            usleep(5_000)
        }
    }

    /// Removes the socket file, which is how wg-quick stops wireguard-go: it watches the file and exits, taking
    /// the interface with it. Returns once the daemon has closed this connection, i.e. exited.
    public func delete(_ interface: String) throws {
        let operation = "deleting it"
        guard let socket = try connect(interface, operation) else {
            try removeStaleSocket(interface, operation)
            return
        }
        try removeStaleSocket(interface, operation)
        try socket.awaitClose()
    }

    public func interfaces() throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: socketDirectory)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        }
        return try names.filter { $0.hasSuffix(".sock") }
            .map { String($0.dropLast(5)) }
            .filter { Self.isValidName($0) }
            .filter { try connect($0, "listing interfaces") != nil }
            .sorted()
    }

    private func connect(_ interface: String, _ operation: String) throws -> UAPISocket? {
        guard Self.isValidName(interface) else {
            throw WireGuardError(.invalidName, interface: interface, operation: operation,
                                 message: "an interface name is 1 to 15 bytes, without '/', spaces or ':'")
        }
        return try UAPISocket.connect(socketPath(interface), interface: interface, operation: operation,
                                      timeout: timeout)
    }

    private func removeStaleSocket(_ interface: String, _ operation: String) throws {
        guard unlink(socketPath(interface)) == 0 || errno == ENOENT else {
            throw WireGuardError.system(errno, interface: interface, operation: operation,
                                        "removing \(socketPath(interface))")
        }
    }

    private func noSuchInterface(_ interface: String, _ operation: String) -> WireGuardError {
        WireGuardError(.noSuchInterface, interface: interface, operation: operation,
                       message: "nothing answers at \(socketPath(interface))", errno: ENOENT)
    }

    /// Linux's rule for interface names (dev_valid_name), which also keeps the name a plain file name.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return (1...15).contains(bytes.count) && name != "." && name != ".."
            && !bytes.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") || $0 <= 32 || $0 == 127 }
    }
}
