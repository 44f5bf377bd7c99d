import API
import Foundation
import Testing

/// A throwaway PostgreSQL server for the store and replica tests: `initdb` into a temporary folder, `postgres` on a
/// free loopback port with password (SCRAM) logins, run as the `postgres` user when the tests run as root (PostgreSQL
/// refuses root). `stop()` stops it at once and removes the folder; `PostgresServerTrait` calls it, pass or fail.
final class StorePostgresServer: Sendable {
    static let user = "wgc_test"

    let folder: String
    let port: Int
    let password: String
    /// The folder of `initdb`, `pg_ctl`, `postgres` and `createdb`.
    private let binaries: String
    /// Who runs the server's programs: `runuser -u postgres --` as root, nothing otherwise.
    private let runAs: [String]

    /// The server of the running suite (see `PostgresServerTrait`); nil when PostgreSQL is not installed.
    @TaskLocal static var current: StorePostgresServer?
    /// Why there is none, when there is none.
    @TaskLocal static var unavailable: String?

    /// Where PostgreSQL's programs are (Debian keeps them under /usr/lib/postgresql/VERSION/bin), or why they
    /// cannot be used.
    static func locate() -> Result<(binaries: String, runAs: [String]), Unavailable> {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let candidates = versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        guard let binaries = candidates.first(where: { folder in
            ["initdb", "pg_ctl", "postgres", "createdb"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: folder + "/" + $0)
            }
        }) else {
            return .failure(Unavailable(reason: Programs.isRoot
                ? "PostgreSQL is not installed: scripts/install-deps installs it (Debian package postgresql)"
                : "PostgreSQL is not installed (Debian package postgresql; scripts/install-deps as root)"))
        }
        guard Programs.isRoot else { return .success((binaries, [])) }
        guard let runuser = Programs.path("runuser"), getpwnam("postgres") != nil else {
            return .failure(Unavailable(reason: "running as root, but there is no 'postgres' user or no runuser to "
                                        + "start PostgreSQL as (it refuses to run as root)"))
        }
        return .success((binaries, [runuser, "-u", "postgres", "--"]))
    }

    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Makes a cluster and starts it; within 2 minutes or it throws (and leaves nothing behind).
    init(binaries: String, runAs: [String]) throws {
        self.binaries = binaries
        self.runAs = runAs
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("wgc-pg-\(UUID().uuidString)").path
        password = "pg-" + UUID().uuidString.lowercased()
        port = try Loopback.freePort()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        do {
            try start()
        } catch {
            stop()
            throw error
        }
    }

    private var data: String { folder + "/data" }
    private var log: String { folder + "/postgres.log" }

    private func start() throws {
        let passwordFile = folder + "/password"
        guard FileManager.default.createFile(atPath: passwordFile, contents: Data(password.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failure(command: "writing \(passwordFile)", output: String(cString: strerror(errno)))
        }
        if let owner = getpwnam("postgres"), !runAs.isEmpty {
            for path in [folder, passwordFile] { chown(path, owner.pointee.pw_uid, owner.pointee.pw_gid) }
        }
        try run([binaries + "/initdb", "-D", data, "-U", Self.user, "--pwfile=" + passwordFile,
                 "--auth=scram-sha-256", "-E", "UTF8", "--no-sync", "--locale=C"], timeout: 120)
        // fsync off: the cluster lives as long as the tests and is thrown away after.
        try run([binaries + "/pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-o",
                 "-h 127.0.0.1 -p \(port) -k \(folder) -c fsync=off -c max_connections=200", "start"],
                timeout: 90)
    }

    /// A new empty database on the server, as `--database` names it.
    func createDatabase() throws -> DatabaseURL {
        let name = "wgc_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try run([binaries + "/createdb", "-h", folder, "-p", "\(port)", "-U", Self.user, name],
                environment: ["PGPASSWORD": password])
        return try DatabaseURL(url(database: name))
    }

    /// `postgres://wgc_test:PASSWORD@127.0.0.1:PORT/database`.
    func url(database: String) -> String {
        "postgres://\(Self.user):\(password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Stops the server at once and removes its folder.
    func stop() {
        if FileManager.default.fileExists(atPath: data + "/postmaster.pid") {
            _ = try? run([binaries + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "stop"], timeout: 60)
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    private func run(_ arguments: [String], timeout: TimeInterval = 30, environment: [String: String] = [:]) throws
        -> Programs.Output {
        let command = runAs + (environment.isEmpty ? [] : ["/usr/bin/env"] + environment.map { "\($0)=\($1)" })
            + arguments
        let output = try Programs.run(command, timeout: timeout)
        guard output.status == 0 else {
            let serverLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure(command: arguments.first ?? "", output: output.combined + serverLog)
        }
        return output
    }

    struct Failure: Error, CustomStringConvertible {
        var command: String
        var output: String
        var description: String { "\(command) failed: \(output)" }
    }
}

/// Gives a suite one PostgreSQL server (`StorePostgresServer.current`) for all its tests, stopped and removed
/// once they ran, pass or fail. Without PostgreSQL, `StorePostgresServer.unavailable` says why.
struct PostgresServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void)
        async throws {
        switch StorePostgresServer.locate() {
        case .failure(let unavailable):
            print("PostgreSQL tests of '\(test.name)' skipped: \(unavailable.reason)")
            try await StorePostgresServer.$unavailable.withValue(unavailable.reason, operation: function)
        case .success(let (binaries, runAs)):
            let server = try StorePostgresServer(binaries: binaries, runAs: runAs)
            defer { server.stop() }
            try await StorePostgresServer.$current.withValue(server, operation: function)
        }
    }
}

extension Trait where Self == PostgresServerTrait {
    /// One PostgreSQL server for the suite's tests.
    static var postgresServer: Self { PostgresServerTrait() }
}

extension StorePostgresServer {
    /// The suite's server; cancels the test (a skip, with the reason) when PostgreSQL is not installed.
    static func required() throws -> StorePostgresServer {
        guard let current else {
            let reason = unavailable ?? "no PostgreSQL server (the suite lacks .postgresServer)"
            print("skipped: \(reason)")
            try Test.cancel(Comment(rawValue: reason))
        }
        return current
    }
}
