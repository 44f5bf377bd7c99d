import Foundation

/// An OpenSSH server on 127.0.0.1 for one test: its own host key, config and authorized key (a client key made
/// here), serving git over ssh to the user running the test. Stopped by `stop()`.
final class SSHServer {
    let port: Int
    let folder: TemporaryFolder
    /// The client's private key, which the server accepts.
    var clientKey: String { folder.path + "/client" }
    /// A known_hosts file listing this server's real host key.
    var knownHosts: String { folder.path + "/known_hosts" }
    private let pid: pid_t

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") && Programs.isRoot }

    init() throws {
        folder = try TemporaryFolder()
        port = try Loopback.freePort()
        let path = folder.path
        for key in ["host", "client"] {
            try Self.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", "\(path)/\(key)"])
        }
        try FileManager.default.copyItem(atPath: "\(path)/client.pub", toPath: "\(path)/authorized_keys")
        let hostKey = try String(contentsOfFile: "\(path)/host.pub", encoding: .utf8).split(separator: " ")
        _ = try folder.write("known_hosts", "[127.0.0.1]:\(port) \(hostKey[0]) \(hostKey[1])\n")
        _ = try folder.write("sshd_config", """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(path)/host
            AuthorizedKeysFile \(path)/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            PidFile \(path)/sshd.pid

            """)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        pid = try Programs.spawn(["/usr/sbin/sshd", "-D", "-e", "-f", "\(path)/sshd_config"],
                                 stdout: "\(path)/log", stderr: "\(path)/log")
        do {
            try Loopback.waitUntilListening(port: port, pid: pid, log: "\(path)/log")
        } catch {
            stop()
            throw error
        }
    }

    /// The ssh URL of a repository at `path` on this machine.
    func url(_ path: String) -> String {
        "ssh://\(NSUserName())@127.0.0.1:\(port)\(path)"
    }

    func stop() {
        Programs.stop(pid)
    }

    private static func run(_ arguments: [String]) throws {
        let output = try Programs.run(arguments)
        guard output.status == 0 else {
            throw GitCommandError(command: arguments.joined(separator: " "), output: output.combined)
        }
    }
}
