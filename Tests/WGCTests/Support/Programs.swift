import Agent
import Foundation
import Testing

/// Runs real programs (bird, radvd, wg, ip) for tests, with a time limit so no test can hang.
enum Programs {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var combined: String { stdout + stderr }
    }

    static func path(_ name: String) -> String? {
        for folder in ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"] {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func available(_ names: String...) -> Bool { names.allSatisfy { path($0) != nil } }

    static var isRoot: Bool { getuid() == 0 }

    /// Runs a program to completion with posix_spawn and waitpid. (Foundation's Process waits for every
    /// inheritor of an internal descriptor, so it hangs on programs that leave a daemon behind, like
    /// wireguard-go and wg-quick.) Output goes to files, so no pipe can fill and block the program.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, timeout: TimeInterval = 30,
                    environment: [String: String]? = nil) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wgc-run-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in").path
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))

        let pid = try spawn(arguments, stdin: inPath, stdout: outPath, stderr: errPath, environment: environment)
        guard let exitStatus = wait(pid, timeout: timeout) else {
            kill(pid, SIGKILL)
            _ = wait(pid, timeout: 5)
            throw TimeoutError(command: arguments.joined(separator: " "))
        }
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Output(status: exitStatus, stdout: stdout, stderr: stderr)
    }

    /// Starts a program without waiting for it; its output goes to `log`.
    static func spawn(_ arguments: [String], stdin: String = "/dev/null", stdout: String, stderr: String,
                      environment: [String: String]? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let executable = arguments[0].hasPrefix("/") ? arguments[0] : (path(arguments[0]) ?? arguments[0])
        let env = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { _, new in new }
            .map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The test runner blocks some signals; a daemon under test must not inherit that, or SIGTERM never
        // reaches it and every stop waits out its grace period.
        var pid: pid_t = 0
        let spawned = SpawnSignals.withDefaults { posix_spawn(&pid, executable, &actions, $0, &argv, &envp) }
        guard spawned == 0 else { throw SpawnError(command: arguments.joined(separator: " "), code: spawned) }
        return pid
    }

    /// Waits for `pid` to exit; its exit status (128 + signal when killed), or nil on timeout.
    static func wait(_ pid: pid_t, timeout: TimeInterval) -> Int32? {
        let finished = DispatchSemaphore(value: 0)
        let status = StatusBox()
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
            status.value = raw
            finished.signal()
        }
        guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
        let raw = status.value
        return (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    /// SIGTERM, then SIGKILL if the program has not exited within `grace` seconds.
    static func stop(_ pid: pid_t, grace: TimeInterval = 5) {
        kill(pid, SIGTERM)
        if wait(pid, timeout: grace) == nil {
            kill(pid, SIGKILL)
            _ = wait(pid, timeout: grace)
        }
    }

    private final class StatusBox: @unchecked Sendable {
        var value: Int32 = 0
    }

    struct SpawnError: Error, CustomStringConvertible {
        var command: String
        var code: Int32
        var description: String { "cannot start \(command): \(String(cString: strerror(code)))" }
    }

    struct TimeoutError: Error, CustomStringConvertible {
        var command: String
        var description: String { "timed out: \(command)" }
    }
}

/// Paths of the repository, found from this file's location.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var example: String { root.appendingPathComponent("examples/inventory").path }
    static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }
}

/// A temporary folder removed when the test ends, pass or fail.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wgc-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ contents: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file.path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
