import API
import Foundation
import Testing

/// One replica of `wgc serve` as an operator runs several: the built binary on a bare clone of the shared remote
/// (`--push`), a state folder of its own, the store in the shared PostgreSQL database (`--database`), the token
/// secret from `WGC_JWT_SECRET` like the other replicas. Killed and removed when this goes away, pass or fail.
final class ReplicaProcess: @unchecked Sendable {  // one test drives it at a time
    static let secret = "replica-test-signing-secret-0123456789abcdef"

    let name: String
    let repository: String
    let stateDirectory: String
    let log: String
    let port: Int
    private(set) var pid: pid_t = 0

    /// Starts the replica and returns once it listens.
    init(_ name: String, remote: String, database: String, pullInterval: String? = nil) throws {
        self.name = name
        repository = remote + "-\(name).git"
        stateDirectory = remote + "-\(name).state"
        log = remote + "-\(name).log"
        port = try Loopback.freePort()
        _ = try GitWorkspace.git(in: FileManager.default.temporaryDirectory.path, "clone", "-q", "--bare", remote,
                                 repository)
        let environment = ["WGC_ADMIN_USERNAME": ServedWGC.adminName, "WGC_ADMIN_PASSWORD": ServedWGC.adminPassword,
                           "WGC_JWT_SECRET": Self.secret, "WGC_PASSWORD": ""]
        var arguments = [APIServeCommandTests.wgc, "serve", "--repo", repository, "--inventory", "inventory",
                         "--state-dir", stateDirectory, "--listen", "127.0.0.1:\(port)", "--bird-socket", "",
                         "--push", remote, "--database", database]
        if let pullInterval { arguments += ["--pull-interval", pullInterval] }
        pid = try Programs.spawn(arguments, stdout: log, stderr: log, environment: environment)
        do {
            try Loopback.waitUntilListening(port: port, pid: pid, log: log)
        } catch {
            kill(pid, SIGKILL)
            _ = Programs.wait(pid, timeout: 10)
            pid = 0
            throw error
        }
    }

    deinit {
        if pid > 0 {
            kill(pid, SIGKILL)
            _ = Programs.wait(pid, timeout: 10)
        }
        for path in [repository, stateDirectory, log] { try? FileManager.default.removeItem(atPath: path) }
    }

    var client: ServedClient { ServedClient(port: port) }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status once it exited (nil when it had to be killed after `timeout`).
    func stop(timeout: TimeInterval = 30) -> Int32? {
        guard pid > 0 else { return nil }
        defer { pid = 0 }
        kill(pid, SIGTERM)
        if let status = Programs.wait(pid, timeout: timeout) { return status }
        kill(pid, SIGKILL)
        _ = Programs.wait(pid, timeout: 10)
        return nil
    }
}

extension ServedClient {
    /// A JSON body from a dictionary.
    static func json(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    /// The names of the BGP sessions the replica serves.
    func sessionNames(token: String) async throws -> Set<String> {
        let answer = try await send(.get, "/api/v1/bgp/sessions", token: token)
        try #require(answer.status == .ok, "listing sessions answered \(answer.status.code): \(answer.object)")
        return Set(Self.items(answer.json).compactMap { $0["name"] as? String })
    }

    /// The objects of a list answer: a bare array, or the array inside the reference's wrapper object.
    static func items(_ json: Any?) -> [[String: Any]] {
        if let array = json as? [[String: Any]] { return array }
        let object = json as? [String: Any] ?? [:]
        return object.values.compactMap { $0 as? [[String: Any]] }.first ?? []
    }
}
