import Foundation
import Git
import Testing

/// Fetch and push over ssh against a real OpenSSH server on loopback: a key file, the ssh agent, and the
/// server's host key checked against a known_hosts file.
@Suite("Git: ssh remotes", .enabled(if: SSHServer.available, "needs root and /usr/sbin/sshd (openssh-server)"),
       .timeLimit(.minutes(3)))
struct SSHRemoteTests {
    @Test("fetch with a key file, the host key checked, then push a commit back")
    func fetchAndPushWithKeyFile() throws {
        let (remote, _, _, second) = try RemoteTests.remote()
        let server = try SSHServer()
        defer { server.stop() }
        let access = RemoteAccess(credentials: .sshKey(username: nil, privateKey: server.clientKey, publicKey: nil,
                                                       passphrase: nil),
                                  knownHostsFile: server.knownHosts)
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)
        let fetched = try repository.fetch("main", from: server.url(remote.path), access: access)
        #expect(fetched.hex == second)
        try repository.fastForward("main", to: fetched)
        let pushed = try repository.commit([.write(path: "inventory/b.yaml", contents: Array("b: 1\n".utf8))],
                                           on: "main", expectedParent: fetched,
                                           author: Signature(name: "Ada", email: "ada@example.net"), message: "b")
        try repository.push("main", to: server.url(remote.path), access: access)
        #expect(try remote.git("rev-parse", "main") == pushed.commit.hex)
    }

    @Test("fetch with the keys of a running ssh-agent")
    func fetchWithAgent() throws {
        let (remote, _, _, second) = try RemoteTests.remote()
        let server = try SSHServer()
        defer { server.stop() }
        let socket = server.folder.path + "/agent.sock"
        let agent = try Programs.spawn(["ssh-agent", "-D", "-a", socket], stdout: server.folder.path + "/agent.log",
                                       stderr: server.folder.path + "/agent.log")
        defer {
            kill(agent, SIGKILL)
            _ = Programs.wait(agent, timeout: 10)
        }
        var added = try Programs.run(["ssh-add", server.clientKey], environment: ["SSH_AUTH_SOCK": socket])
        for _ in 0..<100 where added.status != 0 {  // the agent's socket appears a moment after it starts
            usleep(20_000)
            added = try Programs.run(["ssh-add", server.clientKey], environment: ["SSH_AUTH_SOCK": socket])
        }
        #expect(added.status == 0, "\(added.combined)")
        setenv("SSH_AUTH_SOCK", socket, 1)
        defer { unsetenv("SSH_AUTH_SOCK") }
        let mirror = try GitWorkspace(bare: true)
        let fetched = try Git.Repository(at: mirror.path).fetch(
            "main", from: server.url(remote.path),
            access: RemoteAccess(credentials: .sshAgent(username: nil), knownHostsFile: server.knownHosts))
        #expect(fetched.hex == second)
    }

    @Test("a host key that is not on record, or not the recorded one, is refused before anything is fetched")
    func refusesUnknownOrChangedHostKey() throws {
        let (remote, _, _, _) = try RemoteTests.remote()
        let server = try SSHServer()
        defer { server.stop() }
        let credentials = Credentials.sshKey(username: nil, privateKey: server.clientKey, publicKey: nil, passphrase: nil)
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)

        let empty = try server.folder.write("empty_known_hosts", "")
        let unknown = #expect(throws: GitError.self) {
            try repository.fetch("main", from: server.url(remote.path),
                                 access: RemoteAccess(credentials: credentials, knownHostsFile: empty))
        }
        #expect(unknown?.kind == .hostKey)
        #expect(unknown?.message.contains("[127.0.0.1]:\(server.port) is not in") == true)

        let other = try server.folder.write("other_known_hosts",
            "[127.0.0.1]:\(server.port) ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")
        let changed = #expect(throws: GitError.self) {
            try repository.fetch("main", from: server.url(remote.path),
                                 access: RemoteAccess(credentials: credentials, knownHostsFile: other))
        }
        #expect(changed?.kind == .hostKey)
        #expect(changed?.message.contains("impersonating") == true)
        #expect(try repository.referenceTarget("refs/remotes/origin/main") == nil)
    }

    @Test("a key the server does not accept fails once, as an authentication error")
    func refusedKeyIsAnAuthenticationError() throws {
        let (remote, _, _, _) = try RemoteTests.remote()
        let server = try SSHServer()
        defer { server.stop() }
        let stranger = server.folder.path + "/stranger"
        #expect(try Programs.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger]).status == 0)
        let mirror = try GitWorkspace(bare: true)
        let refused = #expect(throws: GitError.self) {
            try Git.Repository(at: mirror.path).fetch(
                "main", from: server.url(remote.path),
                access: RemoteAccess(credentials: .sshKey(username: nil, privateKey: stranger, publicKey: nil,
                                                          passphrase: nil),
                                     knownHostsFile: server.knownHosts))
        }
        #expect(refused?.kind == .authentication)
    }

    @Test("a URL without a user name takes the credentials' user; an @revoked host key is refused")
    func userFromCredentialsAndRevokedKey() throws {
        let (remote, _, _, second) = try RemoteTests.remote()
        let server = try SSHServer()
        defer { server.stop() }
        let url = "ssh://127.0.0.1:\(server.port)\(remote.path)"
        let credentials = Credentials.sshKey(username: NSUserName(), privateKey: server.clientKey, publicKey: nil,
                                             passphrase: nil)
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)
        let fetched = try repository.fetch("main", from: url,
                                           access: RemoteAccess(credentials: credentials,
                                                                knownHostsFile: server.knownHosts))
        #expect(fetched.hex == second)

        let listed = try String(contentsOfFile: server.knownHosts, encoding: .utf8)
        let key = listed.split(separator: " ").dropFirst().joined(separator: " ")
        let revoked = try server.folder.write("revoked_known_hosts", listed + "@revoked * " + key)
        let refused = #expect(throws: GitError.self) {
            try repository.fetch("main", from: url, access: RemoteAccess(credentials: credentials,
                                                                         knownHostsFile: revoked))
        }
        #expect(refused?.kind == .hostKey)
        #expect(refused?.message.contains("@revoked") == true)
    }
}
