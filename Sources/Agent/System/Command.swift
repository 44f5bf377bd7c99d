import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program the agent drives (radvd, wireguard-go) to completion with a time limit, its output captured in
/// a file (a daemon that forks keeps no pipe of ours open, which would make waiting for it hang).
public struct Command: Sendable {
    public var arguments: [String]
    public var timeout: Duration

    public init(_ arguments: [String], timeout: Duration = .seconds(30)) {
        self.arguments = arguments
        self.timeout = timeout
    }

    /// The program's exit status and what it printed (stdout and stderr together).
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    public func run() throws -> Result {
        let logPath = FileManager.default.temporaryDirectory.path + "/wgc-command-\(getpid())-\(UUID().uuidString)"
        defer { unlink(logPath) }
        let pid = try Self.spawn(arguments, output: logPath)
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { throw AgentError.system("waiting for \(arguments[0])", errno) }
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw AgentError(.environment, "\(arguments.joined(separator: " ")) did not finish within \(timeout)")
            }
            usleep(2_000)
        }
        let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exit, output: output)
    }

    /// Starts `arguments` with stdin from /dev/null and stdout+stderr appended to `output`; the program is looked
    /// up in the usual system folders when not given as a path.
    static func spawn(_ arguments: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let executable = executablePath(arguments[0])
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = SpawnSignals.withDefaults { posix_spawn(&pid, executable, &actions, $0, &argv, environ) }
        guard result == 0 else { throw AgentError.system("starting \(arguments[0])", result) }
        return pid
    }

    /// `name` itself when it holds a slash, else the first executable of that name in the system folders.
    public static func executablePath(_ name: String) -> String {
        guard !name.contains("/") else { return name }
        for folder in ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"] {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return name
    }
}
