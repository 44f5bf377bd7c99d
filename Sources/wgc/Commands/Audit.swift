import API
import ArgumentParser
import Foundation
import Logging

/// `wgc audit`: the REST API's audit log (logins, writes) from the state directory, newest first.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the REST API's audit log (logins and writes), newest first.",
        discussion: """
            Example:
              wgc audit --state-dir /var/lib/wgc-api --limit 20
              wgc audit --state-dir /var/lib/wgc-api --action login_failed --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The API server's state directory (--state-dir of wgc serve).")
    var stateDir: String

    @Option(help: "wgc serve's --database, when it has one: postgres://user:password@host:port/database.")
    var database: String?

    @Option(help: "How many entries, the newest.")
    var limit = 100

    @Option(help: "Only the entries of this user (or the username a failed login tried).")
    var user: String?

    @Option(help: "Only entries of this action: \(AuditAction.allCases.map(\.rawValue).joined(separator: ", ")).")
    var action: String?

    @Option(help: "text (one line per entry) or json (the API's entries).")
    var format = Format.text

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard action.map({ AuditAction(rawValue: $0) != nil }) ?? true else {
            throw ValidationError("--action must be one of: "
                                  + AuditAction.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() async throws {
        let store = try await openStore()
        let read: Result<[AuditEntry], any Error>
        do {
            read = .success(try await AuditLog(store: store).entries(
                limit: limit, user: user, action: action.flatMap { AuditAction(rawValue: $0) }))
        } catch {
            read = .failure(error)
        }
        await store.close()
        let entries = try read.get()
        switch format {
        case .text:
            for entry in entries { print(entry.line) }
        case .json:
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
        }
    }

    /// The store of `wgc serve`: its PostgreSQL database with `--database`, else the state folder's SQLite file,
    /// which must exist (the audit log is not made here).
    private func openStore() async throws -> any APIStore {
        guard let database, !database.isEmpty else {
            let path = (stateDir as NSString).appendingPathComponent(SQLiteStore.fileName)
            guard FileManager.default.fileExists(atPath: path) else {
                printError("\(path) does not exist: is \(stateDir) the --state-dir of wgc serve?")
                throw ExitCode(Status.usageOrIO)
            }
            return try SQLiteStore(path: path)
        }
        do {
            return try await StoreLocation(database: database, stateDirectory: stateDir)
                .open(logger: Logger(label: "wgc.audit"))
        } catch {
            throw StoreFailure.reported(error)
        }
    }
}
