import Foundation
import Git
import Testing

/// Fetch over git's smart HTTP protocol with a user name and password (or token), against `git http-backend` on
/// loopback. (https is the same transport inside TLS, which libgit2 leaves to the system's TLS library.)
@Suite("Git: http remotes", .enabled(if: SmartHTTPServer.available, "needs python3 and git-http-backend"),
       .timeLimit(.minutes(3)))
struct HTTPRemoteTests {
    @Test("fetch with a user name and password; a wrong password fails once, as an authentication error")
    func fetchWithPassword() throws {
        let (remote, _, _, second) = try RemoteTests.remote()
        try remote.git("symbolic-ref", "HEAD", "refs/heads/main")
        let server = try SmartHTTPServer(projectRoot: remote.folder.path)
        defer { server.stop() }
        let url = server.url("remote.git")
        let mirror = try GitWorkspace(bare: true)
        let repository = try Git.Repository(at: mirror.path)

        let wrong = #expect(throws: GitError.self) {
            try repository.fetch("main", from: url,
                                 access: RemoteAccess(credentials: .userPassword(username: server.username,
                                                                                 password: "wrong")))
        }
        #expect(wrong?.kind == .authentication)
        #expect(wrong?.description.contains(server.password) == false)
        let none = #expect(throws: GitError.self) {
            try repository.fetch("main", from: url, access: RemoteAccess(credentials: .none))
        }
        #expect(none?.operation.contains(url) == true)

        let fetched = try repository.fetch(
            "main", from: url,
            access: RemoteAccess(credentials: .userPassword(username: server.username, password: server.password)))
        #expect(fetched.hex == second)
    }
}
