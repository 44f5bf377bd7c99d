import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts wireguard-go for one interface. wireguard-go creates the TUN device and binds the UAPI socket, then
/// re-executes itself in the background with both handed over and exits 0, so a zero exit means the socket
/// exists. posix_spawn, not Foundation's Process: Process waits for every inheritor of its pipes, which would
/// include the daemon.
struct WireGuardGoLauncher {
    var command: [String]
    var environment: [String: String]

    /// Runs `command + [interface]` to its exit; throws with its output when it fails or outlives `timeout`.
    func launch(_ interface: String, timeout: Duration) throws {
        let operation = "starting \(command.last ?? "wireguard-go")"
        let log = try OutputFile(interface: interface, operation: operation)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, log.descriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, log.descriptor, 2)

        let arguments = command + [interface]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            .map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp)
        guard spawned == 0 else {
            throw WireGuardError(.launchFailed, interface: interface, operation: operation,
                                 message: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))",
                                 errno: spawned)
        }
        guard let status = Self.wait(pid, until: .now + timeout) else {
            kill(pid, SIGKILL)
            _ = Self.wait(pid, until: .now + .seconds(5))
            throw WireGuardError(.timeout, interface: interface, operation: operation,
                                 message: "\(arguments.joined(separator: " ")) did not exit in time")
        }
        guard status == 0 else {
            let output = log.contents()
            throw WireGuardError(.launchFailed, interface: interface, operation: operation,
                                 message: "\(arguments.joined(separator: " ")) exited with \(status): \(output)")
        }
    }

    /// The exit status (128 + signal when killed), or nil if `pid` is still running at `deadline`. Polls, since
    /// a child's exit has no descriptor to wait on without pidfd.
    private static func wait(_ pid: pid_t, until deadline: ContinuousClock.Instant) -> Int32? {
        var raw: Int32 = 0
        while true {
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { return -1 }
            guard ContinuousClock.now < deadline else { return nil }
            usleep(2_000)
        }
        return (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    /// An unlinked temporary file for the program's output: nothing to clean up, whatever happens.
    private final class OutputFile {
        let descriptor: Int32

        init(interface: String, operation: String) throws {
            var template = Array("/tmp/wgc-wireguard-go-XXXXXX".utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                throw WireGuardError.system(errno, interface: interface, operation: operation, "temporary file")
            }
            _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }

        /// What the program printed, without wireguard-go's boxed banner about the kernel module.
        func contents() -> String {
            let size = Int(lseek(descriptor, 0, SEEK_END))
            guard size > 0 else { return "(no output)" }
            var bytes = [UInt8](repeating: 0, count: min(size, 4096))
            let count = pread(descriptor, &bytes, bytes.count, 0)
            let text = String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self)
            return text.split(separator: "\n")
                .filter { line in !"┌│└".contains(where: { line.hasPrefix(String($0)) }) }
                .joined(separator: "\n")
        }

        deinit {
            close(descriptor)
        }
    }
}
