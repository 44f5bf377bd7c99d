import Foundation
import Testing

/// The API reference's own Python example (`Tests/python/reference_example.py`: log in, list the BGP sessions,
/// create peer-2) run with `requests` against the real `wgc serve` binary, as a reader of the reference would.
/// `requests` comes from Debian's python3-requests (scripts/install-deps); without it the script fails, and so
/// does this test.
@Suite("API reference's Python example")
struct APIPythonExampleTests {
    static let script = Repository.root.appendingPathComponent("Tests/python/reference_example.py").path

    @Test("the reference's Python example logs in, lists the sessions and creates peer-2, a commit by its user")
    func referenceExample() throws {
        let workspace = try GitWorkspace()
        for entry in try FileManager.default.contentsOfDirectory(atPath: Repository.example) {
            try workspace.copy(Repository.example + "/" + entry, to: entry)
        }
        try workspace.commitAll("the example network")
        let bare = workspace.folder.path + "/inventory.git"
        try GitWorkspace.git(in: workspace.folder.path, "clone", "-q", "--bare", workspace.path, bare)
        let state = workspace.folder.path + "/state"
        let log = workspace.folder.path + "/serve.log"
        let port = try Loopback.freePort()
        var environment = APIServeCommandTests.noAdmin
        environment["WGC_ADMIN_USERNAME"] = "admin"
        environment["WGC_ADMIN_PASSWORD"] = "example-password"
        let server = try Programs.spawn([APIServeCommandTests.wgc, "serve", "--repo", bare, "--state-dir", state,
                                         "--listen", "127.0.0.1:\(port)"],
                                        stdout: log, stderr: log, environment: environment)
        defer { Programs.stop(server) }
        // wgc serve compiles the HEAD before it listens, so a listening socket is a ready server.
        try Loopback.waitUntilListening(port: port, pid: server, log: log)

        let example = try Programs.run(["python3", Self.script, "http://127.0.0.1:\(port)", "admin",
                                        "example-password"], timeout: 120)
        let serverLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(example.status == 0, "\(example.combined)\nwgc serve:\n\(serverLog)")
        #expect(example.stdout.contains("找到 2 个BGP会话") && example.stdout.contains("BGP会话创建成功"))
        let commit = try GitWorkspace.git(in: bare, "log", "-1", "--format=%an: %s", "main")
        #expect(commit == "admin: bgp: create session peer-2")
    }
}
