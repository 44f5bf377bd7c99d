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
    // Optional so that the files above are removed by `deinit` when the clone or the start fails.
    private var process: ServeProcess?

    /// Starts the replica and returns once it listens.
    init(_ name: String, remote: String, database: String, pullInterval: String? = nil) throws {
        self.name = name
        repository = remote + "-\(name).git"
        stateDirectory = remote + "-\(name).state"
        log = remote + "-\(name).log"
        _ = try GitWorkspace.git(in: FileManager.default.temporaryDirectory.path, "clone", "-q", "--bare", remote,
                                 repository)
        var arguments = ["--push", remote, "--database", database]
        if let pullInterval { arguments += ["--pull-interval", pullInterval] }
        process = try ServeProcess(repository: repository, stateDirectory: stateDirectory, log: log,
                                   jwtSecret: Self.secret, arguments: arguments)
    }

    deinit {
        process = nil  // killed before its files are removed
        for path in [repository, stateDirectory, log] { try? FileManager.default.removeItem(atPath: path) }
    }

    var port: Int { process?.port ?? 0 }

    var client: ServedClient { ServedClient(port: port) }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status once it exited (nil when it had to be killed after `timeout`).
    func stop(timeout: TimeInterval = 30) -> Int32? {
        process?.signal(SIGTERM)
        return process?.waitForExit(timeout: timeout)
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
