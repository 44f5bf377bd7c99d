import Foundation

/// git's smart HTTP protocol on 127.0.0.1 for one test: `git http-backend` behind HTTP basic auth, served by
/// `Tests/Fixtures/git/smart-http-server.py`. Serves every repository below `projectRoot` at `/git/NAME`.
final class SmartHTTPServer {
    let port: Int
    let username = "ada"
    let password = "correct horse"
    private let pid: pid_t
    private let folder: TemporaryFolder

    static var available: Bool {
        Programs.available("python3") && FileManager.default.isExecutableFile(atPath: "/usr/lib/git-core/git-http-backend")
    }

    init(projectRoot: String) throws {
        folder = try TemporaryFolder()
        port = try Loopback.freePort()
        try FileManager.default.createDirectory(atPath: folder.path + "/cgi-bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/cgi-bin/git-http-backend",
                                                   withDestinationPath: "/usr/lib/git-core/git-http-backend")
        let script = Repository.fixtures.appendingPathComponent("git/smart-http-server.py").path
        // As root, Python runs CGI scripts as nobody, who does not own the test's repositories.
        pid = try Programs.spawn(["python3", script, "\(port)", folder.path], stdout: folder.path + "/log",
                                 stderr: folder.path + "/log",
                                 environment: ["GIT_PROJECT_ROOT": projectRoot, "GIT_HTTP_EXPORT_ALL": "1",
                                               "WGC_TEST_AUTH": "\(username):\(password)", "GIT_CONFIG_COUNT": "1",
                                               "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*"])
        do {
            try Loopback.waitUntilListening(port: port, pid: pid, log: folder.path + "/log")
        } catch {
            stop()
            throw error
        }
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/git/\(name)" }

    func stop() {
        kill(pid, SIGKILL)
        _ = Programs.wait(pid, timeout: 10)
    }
}
