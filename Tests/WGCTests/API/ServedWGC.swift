import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// The real `wgc serve` binary on a bare clone of the example inventory (`WritesFixture`), on a free loopback
/// port, with its first superuser from `WGC_ADMIN_*`: for tests that kill it, stop it, restart it on the same
/// state and read what it left on disk. The process is killed when this goes away, pass or fail.
final class ServedWGC: @unchecked Sendable {  // one test drives it at a time
    static let adminName = "admin"
    static let adminPassword = "served-admin-password-7c1f"
    static var built: Bool { FileManager.default.isExecutableFile(atPath: APIServeCommandTests.wgc) }

    let fixture: WritesFixture
    let stateDirectory: String
    /// The server's stdout and stderr, across restarts.
    let log: String
    private var process: ServeProcess?
    private(set) var port = 0

    init() throws {
        fixture = try WritesFixture()
        stateDirectory = fixture.bare + ".state"
        log = fixture.bare + ".log"
    }

    deinit {
        process = nil  // killed before its files are removed
        try? FileManager.default.removeItem(atPath: stateDirectory)
        try? FileManager.default.removeItem(atPath: log)
    }

    var repository: String { fixture.bare }

    /// The running server's process id; 0 when it is not running.
    var pid: pid_t { process?.pid ?? 0 }

    /// Starts the server (again, on the same repository and state) and returns once it listens.
    func start() throws {
        precondition(process == nil, "the server is running")
        let process = try ServeProcess(repository: repository, stateDirectory: stateDirectory, log: log, jwtSecret: "")
        port = process.port
        self.process = process
    }

    /// Sends `signal` without waiting.
    func signal(_ signal: Int32) {
        process?.signal(signal)
    }

    /// Waits for the process to exit: its status (128 + signal when killed), nil after `timeout` (it is then killed).
    func waitForExit(timeout: TimeInterval) -> Int32? {
        defer { process = nil }
        return process?.waitForExit(timeout: timeout)
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// A client of the running server; each request on a connection of its own.
    var client: ServedClient { ServedClient(port: port) }
}

/// An HTTP client of a served `wgc`, one connection per request, so a request's fate does not depend on another's.
struct ServedClient: Sendable {
    let port: Int

    /// An answer as the test reads it: the status and the JSON body, which must be whole.
    struct Answer: @unchecked Sendable {  // JSON values are immutable once read
        var status: HTTPResponse.Status
        var json: Any?
        var bodyBytes: Int

        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var errorCode: String? { object["error_code"] as? String }
        var isComplete: Bool { bodyBytes == 0 || json != nil }
    }

    /// Sends one request on a new connection; `onConnected` runs once the connection is up, just before the
    /// request goes out.
    func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: String? = nil,
              onConnected: (@Sendable () async -> Void)? = nil) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let request = TestClient.Request(path, method: method, headers: headers,
                                         body: body.map { ByteBuffer(string: $0) })
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
        client.connect()
        let response: TestClient.Response
        do {
            _ = try await client.getChannel()
            await onConnected?()
            response = try await client.execute(request)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
        let data = response.body.map { Data(buffer: $0) } ?? Data()
        let json = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
        return Answer(status: response.status, json: json, bodyBytes: data.count)
    }

    /// An access token of `username`; throws unless the login succeeds.
    func token(_ username: String = ServedWGC.adminName, _ password: String = ServedWGC.adminPassword) async throws
        -> String {
        let body = try String(data: JSONSerialization.data(withJSONObject: ["username": username,
                                                                            "password": password]), encoding: .utf8)
        let answer = try await send(.post, "/api/v1/auth/login", body: body)
        guard answer.status == .ok, let token = answer.object["access_token"] as? String else {
            throw LoginFailed(status: answer.status, body: "\(answer.object)")
        }
        return token
    }

    /// A BGP session body the compiler accepts: a unique name and neighbor address.
    static func session(_ name: String, neighbor: String) -> String {
        #"{"name": "\#(name)", "neighbor": "\#(neighbor)", "remote_as": 65123, "hold_time": 90}"#
    }

    struct LoginFailed: Error, CustomStringConvertible {
        var status: HTTPResponse.Status
        var body: String
        var description: String { "login answered \(status.code): \(body)" }
    }
}
