import API
import Compiler
import Foundation
import Git
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A bare repository holding `examples/inventory` (plus a hand-written file with comments and two documents) in
/// `inventory/`, served with every route; writes commit to its `main`.
final class WritesFixture: @unchecked Sendable {  // read-only after init
    let workspace: GitWorkspace
    let bare: String
    let head: InventoryHead

    static let handWritten = """
        # Peers at the second exchange; keep this comment.
        kind: BGPSession
        name: ix-2a   # the first one
        neighbor: 192.168.2.2
        remote_as: 65020
        hold_time: 90
        ---
        # the second one
        kind: BGPSession
        name: ix-2b
        neighbor: 192.168.2.3
        remote_as: 65021

        """

    init() throws {
        workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.write("inventory/bgp/sessions/ix-2.yaml", Self.handWritten)
        _ = try workspace.commitAll("the example inventory")
        bare = workspace.path + ".git-bare"
        _ = try GitWorkspace.git(in: workspace.path, "clone", "-q", "--bare", workspace.path, bare)
        head = try InventoryHead(repository: bare, folder: "inventory", branch: "main")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: bare)
        try? FileManager.default.removeItem(atPath: bare + "-state")
    }

    /// Where the server keeps the secrets it makes and takes.
    var secrets: SecretStore { SecretStore(stateDirectory: bare + "-state") }

    func withServer(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await ReadsFixture.serve(InventoryRoutes.all(head: head, secrets: secrets), body)
    }

    /// `git log` of main in the bare repository: one line per commit, `author|subject`, newest first.
    func log() throws -> [String] {
        try GitWorkspace.git(in: bare, "log", "--format=%an|%s", "main").split(separator: "\n").map(String.init)
    }

    func file(_ path: String, at revision: String = "main") throws -> String {
        try GitWorkspace.git(in: bare, "show", "\(revision):\(path)")
    }

    /// What `wgc validate --rev main` says of the committed tree.
    func validateMain() throws -> CheckedInventory {
        let repository = try Git.Repository(at: bare)
        return try InventoryCompiler.check(RevisionSource(repositoryPath: bare, commit: try repository.resolve("main"),
                                                          folder: "inventory"))
    }
}

/// A write's answer as a test reads it.
struct WriteAnswer: @unchecked Sendable {  // JSON values are immutable once read
    var status: HTTPResponse.Status
    var json: Any?

    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var errorCode: String? { object["error_code"] as? String }
}

extension TestClientProtocol {
    func write(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> WriteAnswer {
        try await execute(uri: uri, method: method, headers: body == nil ? [:] : [.contentType: "application/json"],
                          body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(buffer: response.body)
            return WriteAnswer(status: response.status,
                               json: data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
        }
    }
}
