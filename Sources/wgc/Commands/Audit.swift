import API
import ArgumentParser
import Foundation

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
        let path = (stateDir as NSString).appendingPathComponent(SQLiteStore.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            printError("\(path) does not exist: is \(stateDir) the --state-dir of wgc serve?")
            throw ExitCode(Status.usageOrIO)
        }
        let audit = AuditLog(store: try SQLiteStore(path: path))
        let entries = try await audit.entries(limit: limit, user: user,
                                              action: action.flatMap { AuditAction(rawValue: $0) })
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
}
